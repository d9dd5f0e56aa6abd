#include "profileform.h"

#include "filepathedit.h"
#include "profiles/connectionconfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace Samsa {

namespace {
constexpr SecurityProtocol protocols[] = { SecurityProtocol::Plaintext, SecurityProtocol::Ssl,
    SecurityProtocol::SaslPlaintext, SecurityProtocol::SaslSsl };
constexpr SaslMechanism mechanisms[] = { SaslMechanism::Plain, SaslMechanism::ScramSha256, SaslMechanism::ScramSha512 };

QLineEdit* makeLineEdit(QWidget* parent, const char* objectName, const QString& placeholder = {})
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}

QLineEdit* makePasswordEdit(QWidget* parent, const char* objectName)
{
    QLineEdit* edit = makeLineEdit(parent, objectName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

FilePathEdit* makeFileEdit(QWidget* parent, const char* objectName, const QString& title)
{
    auto* edit = new FilePathEdit(title, ProfileForm::tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"), parent);
    edit->lineEdit()->setObjectName(QLatin1String(objectName));
    edit->chooseButton()->setObjectName(QLatin1String(objectName) + QStringLiteral("Chooser"));
    return edit;
}
} // namespace

ProfileForm::ProfileForm(QWidget* parent)
    : QWidget(parent)
{
    buildFields();
    connectEditSignals();
    updateEnabledFields();
}

void ProfileForm::buildFields()
{
    m_name = makeLineEdit(this, "nameEdit", tr("e.g. Production"));
    m_bootstrap = makeLineEdit(this, "bootstrapEdit", tr("host:port, host:port"));
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("securityProtocolCombo"));
    for (SecurityProtocol protocol : protocols)
        m_protocol->addItem(securityProtocolName(protocol), int(protocol));
    m_mechanism = new QComboBox(this);
    m_mechanism->setObjectName(QStringLiteral("saslMechanismCombo"));
    for (SaslMechanism mechanism : mechanisms)
        m_mechanism->addItem(saslMechanismName(mechanism), int(mechanism));
    m_username = makeLineEdit(this, "usernameEdit");
    m_password = makePasswordEdit(this, "passwordEdit");
    m_caFile = makeFileEdit(this, "caFileEdit", tr("Choose the CA certificate"));
    m_certificateFile = makeFileEdit(this, "certificateFileEdit", tr("Choose the client certificate"));
    m_keyFile = makeFileEdit(this, "keyFileEdit", tr("Choose the client key"));
    m_keyPassword = makePasswordEdit(this, "keyPasswordEdit");
    m_verifyHostname = new QCheckBox(tr("Verify the broker's host name"), this);
    m_verifyHostname->setObjectName(QStringLiteral("verifyHostnameCheck"));
    m_verifyHostname->setChecked(true);
    m_extraProperties = new QPlainTextEdit(this);
    m_extraProperties->setObjectName(QStringLiteral("extraPropertiesEdit"));
    m_extraProperties->setPlaceholderText(tr("librdkafka properties, one key=value per line"));
    m_extraProperties->setTabChangesFocus(true);
    m_registryUrl = makeLineEdit(this, "schemaRegistryUrlEdit", tr("https://registry:8081"));
    m_registryUser = makeLineEdit(this, "schemaRegistryUserEdit");
    m_registryPassword = makePasswordEdit(this, "schemaRegistryPasswordEdit");

    auto* general = new QFormLayout;
    general->addRow(tr("&Name:"), m_name);
    general->addRow(tr("&Bootstrap servers:"), m_bootstrap);
    general->addRow(tr("Security &protocol:"), m_protocol);

    auto* sasl = new QGroupBox(tr("SASL"), this);
    auto* saslLayout = new QFormLayout(sasl);
    saslLayout->addRow(tr("&Mechanism:"), m_mechanism);
    saslLayout->addRow(tr("&User name:"), m_username);
    saslLayout->addRow(tr("Pass&word:"), m_password);

    auto* tls = new QGroupBox(tr("TLS"), this);
    auto* tlsLayout = new QFormLayout(tls);
    tlsLayout->addRow(tr("&CA file:"), m_caFile);
    tlsLayout->addRow(tr("Client c&ertificate:"), m_certificateFile);
    tlsLayout->addRow(tr("Client &key:"), m_keyFile);
    tlsLayout->addRow(tr("Key pass&word:"), m_keyPassword);
    tlsLayout->addRow(QString(), m_verifyHostname);

    auto* registry = new QGroupBox(tr("Schema Registry"), this);
    auto* registryLayout = new QFormLayout(registry);
    registryLayout->addRow(tr("UR&L:"), m_registryUrl);
    registryLayout->addRow(tr("User na&me:"), m_registryUser);
    registryLayout->addRow(tr("Passwo&rd:"), m_registryPassword);

    auto* extra = new QGroupBox(tr("Extra librdkafka properties"), this);
    auto* extraLayout = new QVBoxLayout(extra);
    extraLayout->addWidget(m_extraProperties);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(general);
    layout->addWidget(sasl);
    layout->addWidget(tls);
    layout->addWidget(registry);
    layout->addWidget(extra, 1);
}

void ProfileForm::connectEditSignals()
{
    const QList<QLineEdit*> lineEdits
        = { m_name, m_bootstrap, m_username, m_password, m_caFile->lineEdit(), m_certificateFile->lineEdit(),
              m_keyFile->lineEdit(), m_keyPassword, m_registryUrl, m_registryUser, m_registryPassword };
    for (QLineEdit* edit : lineEdits)
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::noteEdit);
    for (QLineEdit* edit : { m_password, m_keyPassword, m_registryPassword }) {
        connect(edit, &QLineEdit::textEdited, this, [this, edit] { m_typedSecrets.insert(edit); });
    }
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabledFields();
        noteEdit();
    });
    connect(m_mechanism, &QComboBox::currentIndexChanged, this, &ProfileForm::noteEdit);
    connect(m_verifyHostname, &QCheckBox::toggled, this, &ProfileForm::noteEdit);
    connect(m_extraProperties, &QPlainTextEdit::textChanged, this, &ProfileForm::noteEdit);
}

void ProfileForm::updateEnabledFields()
{
    const auto protocol = SecurityProtocol(m_protocol->currentData().toInt());
    const bool sasl = usesSasl(protocol);
    const bool tls = usesTls(protocol);
    for (QWidget* field : std::initializer_list<QWidget*> { m_mechanism, m_username, m_password })
        field->setEnabled(sasl);
    for (QWidget* field :
        std::initializer_list<QWidget*> { m_caFile, m_certificateFile, m_keyFile, m_keyPassword, m_verifyHostname })
        field->setEnabled(tls);
}

void ProfileForm::noteEdit()
{
    if (!m_loading)
        setModified(true);
}

void ProfileForm::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

void ProfileForm::setProfile(const ConnectionProfile& profile)
{
    m_loading = true;
    m_profileId = profile.id;
    m_name->setText(profile.name);
    m_bootstrap->setText(profile.bootstrapServers);
    m_protocol->setCurrentIndex(m_protocol->findData(int(profile.securityProtocol)));
    m_mechanism->setCurrentIndex(m_mechanism->findData(int(profile.saslMechanism)));
    m_username->setText(profile.saslUsername);
    m_caFile->setPath(profile.caFile);
    m_certificateFile->setPath(profile.certificateFile);
    m_keyFile->setPath(profile.keyFile);
    m_verifyHostname->setChecked(profile.verifyHostname);
    m_extraProperties->setPlainText(ConnectionConfig::formatExtraProperties(profile.extraProperties));
    m_registryUrl->setText(profile.schemaRegistryUrl);
    m_registryUser->setText(profile.schemaRegistryUsername);
    m_password->clear();
    m_keyPassword->clear();
    m_registryPassword->clear();
    m_typedSecrets.clear();
    m_loading = false;
    updateEnabledFields();
    setModified(false);
}

void ProfileForm::setPasswordSilently(QLineEdit* edit, const QString& text)
{
    if (m_typedSecrets.contains(edit))
        return;
    const bool wasLoading = m_loading;
    m_loading = true;
    edit->setText(text);
    m_loading = wasLoading;
}

void ProfileForm::fillSecrets(const ProfileSecrets& secrets)
{
    setPasswordSilently(m_password, secrets.saslPassword);
    setPasswordSilently(m_keyPassword, secrets.keyPassword);
    setPasswordSilently(m_registryPassword, secrets.schemaRegistryPassword);
}

void ProfileForm::setSecrets(const ProfileSecrets& secrets)
{
    m_password->setText(secrets.saslPassword);
    m_keyPassword->setText(secrets.keyPassword);
    m_registryPassword->setText(secrets.schemaRegistryPassword);
    m_typedSecrets = { m_password, m_keyPassword, m_registryPassword };
}

ConnectionProfile ProfileForm::profile(QStringList* extraPropertyErrors) const
{
    ConnectionProfile profile;
    profile.id = m_profileId;
    profile.name = m_name->text().trimmed();
    profile.bootstrapServers = m_bootstrap->text().trimmed();
    profile.securityProtocol = SecurityProtocol(m_protocol->currentData().toInt());
    profile.saslMechanism = SaslMechanism(m_mechanism->currentData().toInt());
    profile.saslUsername = m_username->text().trimmed();
    profile.caFile = m_caFile->path();
    profile.certificateFile = m_certificateFile->path();
    profile.keyFile = m_keyFile->path();
    profile.verifyHostname = m_verifyHostname->isChecked();
    QStringList errors;
    profile.extraProperties = ConnectionConfig::parseExtraProperties(m_extraProperties->toPlainText(), &errors);
    if (extraPropertyErrors)
        *extraPropertyErrors = errors;
    profile.schemaRegistryUrl = m_registryUrl->text().trimmed();
    profile.schemaRegistryUsername = m_registryUser->text().trimmed();
    return profile;
}

ProfileSecrets ProfileForm::secrets() const
{
    // Passwords are taken as typed: leading or trailing spaces may be part of them.
    return { m_password->text(), m_keyPassword->text(), m_registryPassword->text() };
}

void ProfileForm::focusName()
{
    m_name->setFocus();
    m_name->selectAll();
}

} // namespace Samsa

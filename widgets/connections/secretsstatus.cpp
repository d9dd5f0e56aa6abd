#include "secretsstatus.h"

#include "profiles/secretstore.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>

namespace Samsa {

SecretsStatus::SecretsStatus(SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_label(new QLabel(this))
    , m_protectedFile(new QCheckBox(tr("Keep secrets in a protected file"), this))
{
    m_label->setObjectName(QStringLiteral("secretsBackendLabel"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_protectedFile->setObjectName(QStringLiteral("protectedFileCheck"));
    m_protectedFile->setToolTip(tr("Stores passwords in a file only you can read, so they survive a restart"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_protectedFile);

    connect(m_protectedFile, &QCheckBox::toggled, this, [this](bool checked) {
        if (m_secrets && checked != m_secrets->usesProtectedFile())
            m_secrets->setUseProtectedFile(checked);
        refresh();
    });
    if (m_secrets)
        connect(m_secrets, &SecretStore::backendChanged, this, &SecretsStatus::refresh);
    refresh();
}

void SecretsStatus::showReadError(const QString& error)
{
    m_readError = error;
    refresh();
    m_readError.clear();
}

void SecretsStatus::refresh()
{
    if (!m_secrets) {
        m_label->setText(tr("Secrets: no secret store; passwords are not kept."));
        m_protectedFile->hide();
        return;
    }
    const SecretStore::Backend backend = m_secrets->backend();
    QString text = tr("Passwords: %1").arg(m_secrets->backendDescription());
    if (backend == SecretStore::Backend::SessionOnly)
        text += QLatin1Char('\n') + tr("Secrets are kept for this session only and are forgotten when Samsa quits.");
    else if (backend == SecretStore::Backend::ProtectedFile)
        text += QLatin1Char('\n') + tr("Secrets are kept in a protected file that only you can read.");
    if (!m_readError.isEmpty())
        text += QLatin1Char('\n') + tr("Could not read the saved secrets: %1").arg(m_readError);
    m_label->setText(text);

    m_protectedFile->setVisible(backend != SecretStore::Backend::Keychain);
    const QSignalBlocker blocker(m_protectedFile);
    m_protectedFile->setChecked(m_secrets->usesProtectedFile());
}

} // namespace Samsa

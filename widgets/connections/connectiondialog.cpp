#include "connectiondialog.h"

#include "connectiontestpanel.h"
#include "importreport.h"
#include "profileform.h"
#include "profilelistpanel.h"
#include "profiles/connectionconfig.h"
#include "profiles/profilestore.h"
#include "profiles/propertiesimport.h"
#include "profiles/secretstore.h"
#include "profileslistmodel.h"
#include "secretsstatus.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace Samsa {

namespace {
QMessageBox::StandardButton askWithMessageBox(QWidget* parent, const QString& title, const QString& text,
    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    return QMessageBox::StandardButton(box.exec());
}

QPushButton* makeButton(const QString& text, const char* objectName, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(objectName));
    button->setAutoDefault(false);
    return button;
}

QLabel* makeMessageLabel(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}
} // namespace

ConnectionDialog::ConnectionDialog(ProfileStore* store, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_model(new ProfilesListModel(store, this))
    , m_ask(askWithMessageBox)
{
    setWindowTitle(tr("Connections[*]"));
    buildUi();
    if (m_secrets) {
        connect(m_secrets, &SecretStore::secretsRead, this, &ConnectionDialog::secretsRead);
        connect(m_secrets, &SecretStore::written, this, &ConnectionDialog::secretsWritten);
    }
    if (m_model->rowCount() > 0)
        switchTo(m_model->profileAt(0).id);
    else
        loadProfile({});
    if (m_store && !m_store->isOpen())
        showProblems({ tr("The profile database is not open: %1").arg(m_store->errorText()) });
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::buildUi()
{
    m_listPanel = new ProfileListPanel(m_model, this);
    m_list = m_listPanel->listView();

    m_form = new ProfileForm(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    m_problems = makeMessageLabel("problemsLabel", this);
    m_problems->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_importReport = makeMessageLabel("importReport", this);
    m_secretsStatus = new SecretsStatus(m_secrets, this);
    m_testPanel = new ConnectionTestPanel(this);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scroll, 1);
    rightLayout->addWidget(m_problems);
    rightLayout->addWidget(m_importReport);
    rightLayout->addWidget(m_secretsStatus);
    rightLayout->addWidget(m_testPanel);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_listPanel);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_saveButton = makeButton(tr("&Save"), "saveButton", this);
    m_connectButton = makeButton(tr("&Connect"), "connectButton", this);
    m_connectButton->setDefault(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_saveButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_connectButton, QDialogButtonBox::AcceptRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(900, 640);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex& current) { currentRowChanged(current); });
    connect(m_form, &ProfileForm::modifiedChanged, this, [this](bool modified) { setWindowModified(modified); });
    connect(m_listPanel, &ProfileListPanel::newRequested, this, &ConnectionDialog::newProfile);
    connect(m_listPanel, &ProfileListPanel::duplicateRequested, this, &ConnectionDialog::duplicateProfile);
    connect(m_listPanel, &ProfileListPanel::deleteRequested, this, &ConnectionDialog::deleteProfile);
    connect(m_listPanel, &ProfileListPanel::importRequested, this, &ConnectionDialog::chooseImportFile);
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionDialog::save);
    // The Connect button is handled here, not by the button box's accepted(): it must save first.
    connect(buttons, &QDialogButtonBox::clicked, this, [this, buttons](QAbstractButton* button) {
        if (button == m_connectButton)
            connectToProfile();
        else if (buttons->buttonRole(button) == QDialogButtonBox::RejectRole)
            reject();
    });
    connect(m_testPanel, &ConnectionTestPanel::testRequested, this, &ConnectionDialog::testConnection);
}

void ConnectionDialog::setAskFunction(AskFunction ask)
{
    m_ask = ask ? std::move(ask) : AskFunction(askWithMessageBox);
}

void ConnectionDialog::setTestTimeoutMs(int timeoutMs)
{
    m_testPanel->setTimeoutMs(timeoutMs);
}

qint64 ConnectionDialog::currentProfileId() const
{
    return m_form->profileId();
}

void ConnectionDialog::selectProfile(qint64 id)
{
    switchTo(id);
}

void ConnectionDialog::selectSilently(qint64 id)
{
    m_syncingSelection = true;
    const QModelIndex index = m_model->indexOf(id);
    if (index.isValid())
        m_list->setCurrentIndex(index);
    else
        m_list->selectionModel()->clear();
    m_syncingSelection = false;
}

void ConnectionDialog::currentRowChanged(const QModelIndex& current)
{
    if (m_syncingSelection)
        return;
    // Saving reloads the list, so remember where the user was going by id, not by index. The switch
    // waits for the view to finish its mouse or key handling: a modal question or a selection put
    // back from inside that handling leaves the view half updated.
    const qint64 targetId = m_model->data(current, ProfilesListModel::IdRole).toLongLong();
    QMetaObject::invokeMethod(
        this, [this, targetId] { switchTo(targetId); }, Qt::QueuedConnection);
}

void ConnectionDialog::reloadList(qint64 selectedId)
{
    m_syncingSelection = true;
    m_model->reload();
    m_syncingSelection = false;
    selectSilently(selectedId);
}

void ConnectionDialog::switchTo(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0 || id == m_form->profileId() || !maybeKeepChanges()) {
        selectSilently(m_form->profileId());
        return;
    }
    selectSilently(id);
    loadProfile(m_model->profileAt(m_model->rowOf(id)));
}

void ConnectionDialog::loadProfile(const ConnectionProfile& profile, const std::optional<ProfileSecrets>& knownSecrets)
{
    m_form->setProfile(profile);
    m_afterSecrets = nullptr;
    m_loadedSecrets = knownSecrets.value_or(ProfileSecrets {});
    m_secretsPendingId = 0;
    if (knownSecrets) {
        m_form->fillSecrets(*knownSecrets);
    } else if (profile.id != 0 && m_secrets) {
        m_secretsPendingId = profile.id;
        m_secrets->read(profile.id);
    }
    showProblems({});
    m_importReport->clear();
    m_importReport->hide();
    m_testPanel->clear();
    updateButtons();
}

bool ConnectionDialog::maybeKeepChanges()
{
    if (!m_form->isModified())
        return true;
    const QString name = m_form->profile().name;
    const QString text = name.isEmpty() ? tr("The new connection has unsaved changes.")
                                        : tr("The connection “%1” has unsaved changes.").arg(name);
    const auto answer = m_ask(this, tr("Unsaved changes"), text + QLatin1Char('\n') + tr("Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        m_form->setModified(false);
        return true;
    }
    return false;
}

bool ConnectionDialog::save()
{
    QStringList problems;
    const ConnectionProfile profile = m_form->profile(&problems);
    const ProfileSecrets secrets = m_form->secrets();
    for (const QString& problem : ConnectionConfig::validate(profile, secrets)) {
        if (!problems.contains(problem))
            problems.append(problem);
    }
    if (!m_store || !m_store->isOpen())
        problems.append(tr("The profile database is not open."));
    if (!problems.isEmpty()) {
        showProblems(problems);
        return false;
    }
    const qint64 id = m_store->save(profile);
    if (id == 0) {
        showProblems({ tr("Could not save: %1").arg(m_store->errorText()) });
        return false;
    }
    // Secrets not read back yet are unknown: writing the empty fields would erase them.
    const bool secretsKnown = m_secretsPendingId != id;
    if (m_secrets && secretsKnown && secrets != m_loadedSecrets) {
        m_secrets->write(id, secrets);
        m_loadedSecrets = secrets;
    }
    showProblems({});
    m_form->setProfileId(id);
    m_form->setModified(false);
    reloadList(id);
    updateButtons();
    return true;
}

void ConnectionDialog::newProfile()
{
    if (!maybeKeepChanges())
        return;
    selectSilently(0);
    loadProfile({});
    m_form->focusName();
}

void ConnectionDialog::duplicateProfile()
{
    if (m_form->profileId() == 0 || !maybeKeepChanges())
        return;
    afterSecretsArrive([this] {
        const qint64 copyId = m_store->duplicate(m_form->profileId());
        if (copyId == 0) {
            showProblems({ tr("Could not duplicate: %1").arg(m_store->errorText()) });
            return;
        }
        const ProfileSecrets secrets = m_loadedSecrets;
        if (m_secrets && !secrets.isEmpty())
            m_secrets->write(copyId, secrets);
        reloadList(copyId);
        loadProfile(m_model->profileAt(m_model->rowOf(copyId)), secrets);
    });
}

void ConnectionDialog::deleteProfile()
{
    const qint64 id = m_form->profileId();
    if (id == 0 || !m_store)
        return;
    const QString name = m_model->profileAt(m_model->rowOf(id)).name;
    const auto answer
        = m_ask(this, tr("Delete connection"), tr("Delete the connection “%1” and its saved passwords?").arg(name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    const int row = m_model->rowOf(id);
    if (!m_store->remove(id)) {
        showProblems({ tr("Could not delete: %1").arg(m_store->errorText()) });
        return;
    }
    if (m_secrets)
        m_secrets->remove(id);
    reloadList(0);
    const ConnectionProfile nextProfile = m_model->profileAt(std::min(row, m_model->rowCount() - 1));
    selectSilently(nextProfile.id);
    loadProfile(nextProfile);
}

void ConnectionDialog::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import client properties"), QString(), tr("Client properties (*.properties);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ConnectionDialog::importFile(const QString& path)
{
    if (!maybeKeepChanges())
        return;
    PropertiesImportResult result = PropertiesImport::parseFile(path);
    if (result.ok) {
        result.profile.id = 0;
        result.profile.name = freeProfileName(result.profile.name);
        selectSilently(0);
        loadProfile(result.profile, ProfileSecrets {});
        m_form->setSecrets(result.secrets);
        m_form->setModified(true); // not stored yet: closing or switching asks
    }
    m_importReport->setText(ImportReport::format(result, QFileInfo(path).fileName()));
    m_importReport->show();
}

QString ConnectionDialog::freeProfileName(const QString& wanted) const
{
    const QString base = wanted.isEmpty() ? tr("Imported connection") : wanted;
    if (!m_store || !m_store->isOpen() || !m_store->profileByName(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = tr("%1 (%2)").arg(base).arg(n);
        if (!m_store->profileByName(candidate))
            return candidate;
    }
}

void ConnectionDialog::testConnection()
{
    QStringList problems;
    const ConnectionProfile profile = m_form->profile(&problems);
    if (profile.bootstrapServers.isEmpty())
        problems.prepend(tr("Enter the bootstrap servers first."));
    if (!problems.isEmpty()) {
        m_testPanel->showMessage(problems.join(QLatin1Char('\n')), true);
        return;
    }
    m_testPanel->start(profile, m_form->secrets());
}

void ConnectionDialog::connectToProfile()
{
    if ((m_form->isModified() || m_form->profileId() == 0) && !save())
        return;
    afterSecretsArrive([this] {
        const qint64 id = m_form->profileId();
        const std::optional<ConnectionProfile> stored = m_store->profile(id);
        Q_EMIT connectRequested(stored.value_or(m_form->profile()), m_form->secrets());
        accept();
    });
}

void ConnectionDialog::afterSecretsArrive(std::function<void()> action)
{
    if (m_secretsPendingId == 0 || m_secretsPendingId != m_form->profileId()) {
        action();
        return;
    }
    m_afterSecrets = std::move(action);
    m_testPanel->showMessage(tr("Reading the saved passwords…"), false);
}

void ConnectionDialog::secretsRead(qint64 profileId, const ProfileSecrets& secrets, const QString& error)
{
    if (profileId != m_secretsPendingId)
        return; // for a profile no longer shown
    m_secretsPendingId = 0;
    m_loadedSecrets = secrets;
    m_form->fillSecrets(secrets);
    if (!error.isEmpty())
        m_secretsStatus->showReadError(error);
    if (auto action = std::exchange(m_afterSecrets, nullptr)) {
        m_testPanel->clear();
        action();
    }
}

void ConnectionDialog::secretsWritten(qint64 profileId, const QString& error)
{
    if (error.isEmpty())
        return;
    const QString name = m_store ? m_store->profile(profileId).value_or(ConnectionProfile {}).name : QString();
    showProblems({ tr("Could not save the passwords of “%1”: %2").arg(name, error) });
}

void ConnectionDialog::showProblems(const QStringList& problems)
{
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
}

void ConnectionDialog::updateButtons()
{
    m_listPanel->setStoredProfileShown(m_form->profileId() != 0);
}

void ConnectionDialog::done(int result)
{
    if (result != QDialog::Accepted && !maybeKeepChanges())
        return;
    m_afterSecrets = nullptr;
    m_testPanel->clear();
    QDialog::done(result);
}

} // namespace Samsa

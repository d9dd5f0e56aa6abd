#pragma once

// Create, edit, duplicate, delete, import and test connection profiles, then connect to one.
// The list of saved profiles is on the left, the form of the current one on the right. Profiles
// go to the ProfileStore, their passwords to the SecretStore; neither is owned.

#include "profiles/connectionprofile.h"

#include <QDialog>
#include <QMessageBox>
#include <functional>
#include <optional>

class QLabel;
class QListView;
class QModelIndex;
class QPushButton;

namespace Samsa {

class ConnectionTestPanel;
class ProfileListPanel;
class ProfileForm;
class ProfileStore;
class ProfilesListModel;
class SecretStore;
class SecretsStatus;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    // Asks the user a question (unsaved changes, delete) and returns the button chosen. The default
    // shows a modal QMessageBox; tests replace it so that nothing blocks.
    using AskFunction = std::function<QMessageBox::StandardButton(QWidget* parent, const QString& title,
        const QString& text, QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)>;

    ConnectionDialog(ProfileStore* store, SecretStore* secrets, QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    void selectProfile(qint64 id);
    qint64 currentProfileId() const; // 0 while a new, unsaved profile is shown
    void setAskFunction(AskFunction ask);
    void setTestTimeoutMs(int timeoutMs);

    void done(int result) override;

public Q_SLOTS:
    // Reads a Java client.properties file into a new, unsaved profile and reports what it skipped.
    void importFile(const QString& path);
    // Validates and stores the form; problems are shown in the dialog. True when saved.
    bool save();

Q_SIGNALS:
    void connectRequested(const Samsa::ConnectionProfile& profile, const Samsa::ProfileSecrets& secrets);

private:
    void buildUi();
    void currentRowChanged(const QModelIndex& current);
    void loadProfile(const ConnectionProfile& profile, const std::optional<ProfileSecrets>& knownSecrets = {});
    void selectSilently(qint64 id);
    void switchTo(qint64 id);
    void reloadList(qint64 selectedId);
    bool maybeKeepChanges();
    void newProfile();
    void duplicateProfile();
    void deleteProfile();
    void chooseImportFile();
    void testConnection();
    void connectToProfile();
    void afterSecretsArrive(std::function<void()> action);
    void secretsRead(qint64 profileId, const ProfileSecrets& secrets, const QString& error);
    void secretsWritten(qint64 profileId, const QString& error);
    void showProblems(const QStringList& problems);
    void updateButtons();
    QString freeProfileName(const QString& wanted) const;

    ProfileStore* m_store;
    SecretStore* m_secrets;
    ProfilesListModel* m_model = nullptr;
    AskFunction m_ask;

    ProfileListPanel* m_listPanel = nullptr;
    QListView* m_list = nullptr;
    ProfileForm* m_form = nullptr;
    QLabel* m_problems = nullptr;
    QLabel* m_importReport = nullptr;
    SecretsStatus* m_secretsStatus = nullptr;
    ConnectionTestPanel* m_testPanel = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_connectButton = nullptr;

    bool m_syncingSelection = false;
    qint64 m_secretsPendingId = 0; // the profile whose secrets are being read for the form
    ProfileSecrets m_loadedSecrets; // as stored, for the profile in the form
    std::function<void()> m_afterSecrets;
};

} // namespace Samsa

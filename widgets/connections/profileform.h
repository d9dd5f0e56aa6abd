#pragma once

// The fields of one connection profile and its secrets. It knows nothing about storage: the dialog
// loads a profile into it, reads the edited values back and tracks whether they were changed.

#include "profiles/connectionprofile.h"

#include <QSet>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace Samsa {

class FilePathEdit;

class ProfileForm : public QWidget {
    Q_OBJECT
public:
    explicit ProfileForm(QWidget* parent = nullptr);

    // Replaces every field (secrets cleared) and marks the form unmodified.
    void setProfile(const ConnectionProfile& profile);
    // Secrets that arrive later: fills only the password fields the user has not typed into since
    // setProfile(), and does not count as a modification.
    void fillSecrets(const ProfileSecrets& secrets);
    void setSecrets(const ProfileSecrets& secrets); // counts as user input (e.g. from an import)

    // The edited profile; extra properties that do not parse are left out and reported in errors.
    ConnectionProfile profile(QStringList* extraPropertyErrors = nullptr) const;
    ProfileSecrets secrets() const;
    qint64 profileId() const { return m_profileId; }
    void setProfileId(qint64 id) { m_profileId = id; }

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    void focusName();

Q_SIGNALS:
    void modifiedChanged(bool modified);

private:
    void buildFields();
    void updateEnabledFields();
    void noteEdit();
    void connectEditSignals();
    void setPasswordSilently(QLineEdit* edit, const QString& text);

    qint64 m_profileId = 0;
    bool m_modified = false;
    bool m_loading = false;
    QSet<QLineEdit*> m_typedSecrets;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_bootstrap = nullptr;
    QComboBox* m_protocol = nullptr;
    QComboBox* m_mechanism = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    FilePathEdit* m_caFile = nullptr;
    FilePathEdit* m_certificateFile = nullptr;
    FilePathEdit* m_keyFile = nullptr;
    QLineEdit* m_keyPassword = nullptr;
    QCheckBox* m_verifyHostname = nullptr;
    QPlainTextEdit* m_extraProperties = nullptr;
    QLineEdit* m_registryUrl = nullptr;
    QLineEdit* m_registryUser = nullptr;
    QLineEdit* m_registryPassword = nullptr;
};

} // namespace Samsa

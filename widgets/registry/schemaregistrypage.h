#pragma once

// The Schema Registry of a connection: the global compatibility level (changeable), every subject
// with its latest version, schema type and compatibility (filterable, soft-deleted ones on request),
// and the selected subject in a SubjectPanel. Works with any Confluent-compatible registry. All
// requests are asynchronous; a registry that is down, slow or answers garbage is reported in the
// page's message strip and never blocks the window.

#include "profiles/connectionprofile.h"
#include "serialchoice.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;

namespace Samsa {

class CompatibilityCombo;
class DataTableView;
class MessageBar;
class SchemaRegistryClient;
class SubjectPanel;
class SubjectsModel;

class SchemaRegistryPage : public QWidget {
    Q_OBJECT
public:
    // The registry of `profile` (schemaRegistryUrl, user name, CA file) with the password from `secrets`.
    SchemaRegistryPage(const ConnectionProfile& profile, const ProfileSecrets& secrets, QWidget* parent = nullptr);

    // Lists the subjects again (F5, the Refresh button).
    void reload();
    // Selects this subject in the list (when listed) and shows it.
    void selectSubject(const QString& subject);
    SubjectsModel* subjectsModel() const { return m_model; }

private:
    void loadGlobalCompatibility();
    void showSubjects(const QStringList& live, const QStringList& all);
    void loadDetails(const QString& subject, bool deleted);
    void chooseGlobalCompatibility(const QString& level);
    void sendGlobalCompatibility(const QString& level, const std::function<void()>& finished);
    void showSelection();
    void updateCount();

    SchemaRegistryClient* m_client = nullptr;
    int m_generation = 0;
    int m_pendingDetails = 0;
    QString m_globalLevel;
    SerialChoice<QString> m_globalChoice {
        [this](const QString& level, std::function<void()> finished) { sendGlobalCompatibility(level, finished); }
    };
    QString m_changedSubject; // changed in the panel; selected once the list is reloaded

    MessageBar* m_message;
    QLabel* m_registryLabel;
    CompatibilityCombo* m_globalCompatibility;
    QPushButton* m_refresh;
    QPushButton* m_newSubject;
    QLineEdit* m_filter;
    QCheckBox* m_showDeleted;
    SubjectsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    DataTableView* m_view;
    QLabel* m_count;
    SubjectPanel* m_panel = nullptr;
};

} // namespace Samsa

#pragma once

// The right side of the Schema Registry page: one subject with its compatibility level (changeable),
// its versions and their ids, the selected version's schema pretty-printed, a diff between two
// versions, "Register New Version…" and soft and hard deletion with confirmation. Every request goes
// through the page's SchemaRegistryClient; answers for a subject no longer shown are dropped.

#include "registry/registrytypes.h"
#include "serialchoice.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QToolButton;

namespace Samsa {

class CompatibilityCombo;
class DataTableView;
class MessageBar;
class SchemaDiffView;
class SchemaRegistryClient;
class SchemaVersionsModel;

class SubjectPanel : public QWidget {
    Q_OBJECT
public:
    SubjectPanel(SchemaRegistryClient* client, QWidget* parent = nullptr);

    // Shows this subject (an empty one shows nothing); reloads when it is the same.
    void showSubject(const QString& subject);
    QString subject() const { return m_subject; }
    // The global level, shown as what an inheriting subject follows.
    void setGlobalCompatibility(const QString& level);
    // Opens the editor for a new version of the shown subject, or for the first one of a new subject.
    void openRegisterDialog(bool newSubject = false);

Q_SIGNALS:
    // The subject's versions, level or existence changed here; the subjects list should reload it.
    void subjectChanged(const QString& subject);

private:
    void reload();
    void loadVersions();
    void loadCompatibility();
    void fetchVersion(int version);
    void showVersion(int version);
    void selectVersion(int version);
    int selectedVersion() const;
    void updateActions();
    void chooseCompatibility(const QString& level);
    struct LevelChoice {
        QString subject;
        QString level; // empty: follow the global level
        int generation = 0;
    };
    void sendCompatibility(const LevelChoice& choice, const std::function<void()>& finished);
    void confirmDelete(bool wholeSubject, bool permanent);
    void runDelete(bool wholeSubject, bool permanent, int version);
    QString latestSchemaText() const;
    QList<int> liveVersions() const;

    SchemaRegistryClient* m_client;
    QString m_subject;
    int m_generation = 0; // answers carrying an older generation belong to another subject
    QString m_globalLevel;
    SerialChoice<LevelChoice> m_compatibilityChoice {
        [this](const LevelChoice& choice, std::function<void()> finished) { sendCompatibility(choice, finished); }
    };
    QString m_level; // the level that applies to the subject
    bool m_levelInherited = true;
    int m_pendingSelect = -1; // version to select once the list has it
    QHash<int, SchemaVersion> m_versions; // read versions by number
    QHash<int, QString> m_errors; // versions that could not be read

    MessageBar* m_message;
    QLabel* m_title;
    CompatibilityCombo* m_compatibility;
    QPushButton* m_register;
    QToolButton* m_delete;
    QAction* m_softDeleteVersion;
    QAction* m_hardDeleteVersion;
    QAction* m_softDeleteSubject;
    QAction* m_hardDeleteSubject;
    SchemaVersionsModel* m_model;
    DataTableView* m_versionsView;
    QTabWidget* m_tabs;
    QLabel* m_schemaInfo;
    QPlainTextEdit* m_schemaText;
    SchemaDiffView* m_diff;
    QPointer<QMessageBox> m_confirmation;
};

// The schema pretty-printed with its attributes in the order written (JSON as is when it is not).
QString prettySchema(const QByteArray& schema);

} // namespace Samsa

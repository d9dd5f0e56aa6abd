#pragma once

// "Register New Version…": an editor for the schema, "Check Compatibility" that checks it twice —
// here with the shared Avro schema library (against the versions the subject's level requires)
// and by the registry itself (POST /compatibility/...?verbose=true) — and lists every problem on
// a line of its own; "Register" is enabled once the registry accepts the text as it stands.
// Non-modal and asynchronous: a slow registry never blocks the window.

#include "registry/registrytypes.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Samsa {

class SchemaRegistryClient;

class RegisterSchemaDialog : public QDialog {
    Q_OBJECT
public:
    struct Setup {
        QString subject;
        bool subjectEditable = false; // a new subject: the user names it
        QString schemaText; // initial editor text (the latest version's schema)
    };

    RegisterSchemaDialog(SchemaRegistryClient* client, const Setup& setup, QWidget* parent = nullptr);

    // Runs both checks on the editor's text (also what the Check button does).
    void check();

Q_SIGNALS:
    void registered(const QString& subject, int id);

private:
    void checkAgainst(const QString& level, const QList<int>& liveVersions);
    void runLocalCheck();
    void finishCheck();
    void registerSchema();
    void addHeading(const QString& text);
    void addProblem(const QString& text);
    void setBusy(const QString& status);
    QString subjectName() const;

    SchemaRegistryClient* m_client;
    int m_generation = 0;
    // State of the check in progress.
    QByteArray m_schema; // compact JSON being checked
    QString m_level;
    QList<int> m_checkVersions;
    QHash<int, SchemaVersion> m_fetched;
    QStringList m_fetchErrors;
    int m_pendingFetches = 0;
    bool m_localDone = false;
    bool m_registryDone = false;
    QString m_schemaType = QStringLiteral("AVRO");
    QStringList m_localProblems;
    QString m_localError;
    CompatibilityCheck m_registryCheck;
    RegistryError m_registryError;
    QString m_checkedText; // editor text and subject as last seen, to tell real edits
    QString m_checkedSubject;
    QByteArray m_acceptedSchema; // the text the registry accepted; Register sends exactly this

    QLineEdit* m_subject;
    QPlainTextEdit* m_editor;
    QLabel* m_status;
    QListWidget* m_problems;
    QPushButton* m_check;
    QPushButton* m_register;
};

} // namespace Samsa

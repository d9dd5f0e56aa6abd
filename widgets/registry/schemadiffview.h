#pragma once

// Two versions of a schema compared line by line: "from" and "to" versions chosen in two combos,
// the pretty-printed schemas diffed (core/text/linediff.h), removed lines red with "-", added
// lines green with "+", and a summary ("2 lines removed, 5 added").

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace Samsa {

class SchemaDiffView : public QWidget {
    Q_OBJECT
public:
    explicit SchemaDiffView(QWidget* parent = nullptr);

    // The versions that can be compared (oldest first); keeps the chosen pair when still there,
    // else compares the two newest.
    void setVersions(const QList<int>& versions);
    // Compares these two (the combos follow).
    void compare(int fromVersion, int toVersion);
    // The schema text of a version arrived (already pretty-printed).
    void setSchema(int version, const QString& text);
    void clear();

    int fromVersion() const;
    int toVersion() const;
    QString summary() const;

Q_SIGNALS:
    // The view needs this version's schema text; answer with setSchema().
    void schemaNeeded(int version);

private:
    void update();

    QComboBox* m_from;
    QComboBox* m_to;
    QLabel* m_summary;
    QPlainTextEdit* m_text;
    QMap<int, QString> m_schemas;
};

} // namespace Samsa

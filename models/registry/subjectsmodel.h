#pragma once

// The subjects of a Schema Registry, one row each: latest version, its schema id and type, and the
// compatibility level that applies (the subject's own, or the global one it inherits). The list of
// names arrives first; each subject's details follow as their requests answer.

#include "synctablemodel.h"

namespace Samsa {

struct SubjectSummary {
    QString subject;
    int latestVersion = -1; // -1 until known
    int latestId = -1;
    QString schemaType; // "AVRO", "JSON", "PROTOBUF"; empty until known
    QString compatibility; // the level that applies; empty until known
    bool compatibilityInherited = false; // no subject-level setting: the global level applies
    QString error; // why the details could not be loaded
    bool deleted = false; // every version is soft-deleted (listed only when deleted subjects are shown)
};

class SubjectsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { SubjectColumn, VersionColumn, IdColumn, TypeColumn, CompatibilityColumn, ColumnCount };
    enum Role { SubjectRole = Qt::UserRole + 1, SortRole };

    explicit SubjectsModel(QObject* parent = nullptr);

    // Rows are matched by subject name; details already known are kept. `deleted` are the
    // subjects among them whose versions are all soft-deleted.
    void setSubjects(const QStringList& subjects, const QStringList& deleted = {});
    // Latest version, id and type of a listed subject (ignored when it is not listed).
    void setLatest(const QString& subject, int version, int id, const QString& schemaType);
    void setCompatibility(const QString& subject, const QString& level, bool inherited);
    void setError(const QString& subject, const QString& error);
    // A new global level changes every row that inherits it.
    void setGlobalCompatibility(const QString& level);

    std::optional<SubjectSummary> summary(const QString& subject) const;
    QStringList subjects() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void changed(int row);

    QList<SubjectSummary> m_rows;
    QHash<QString, int> m_rowOfSubject;
    QString m_globalLevel;
};

} // namespace Samsa

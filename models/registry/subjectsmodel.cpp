#include "subjectsmodel.h"

#include <QBrush>
#include <QPalette>

namespace Samsa {

SubjectsModel::SubjectsModel(QObject* parent)
    : SyncTableModel(parent)
{
}

void SubjectsModel::setSubjects(const QStringList& subjects, const QStringList& deleted)
{
    QList<SubjectSummary> incoming;
    incoming.reserve(subjects.size());
    for (const QString& subject : subjects) {
        const int existing = m_rowOfSubject.value(subject, -1);
        SubjectSummary row = existing >= 0 ? m_rows.at(existing) : SubjectSummary {};
        row.subject = subject;
        row.deleted = deleted.contains(subject);
        if (existing < 0 && !m_globalLevel.isEmpty()) {
            // Until the subject's own setting is read, show the level it most likely has.
            row.compatibility = m_globalLevel;
            row.compatibilityInherited = true;
        }
        incoming.append(row);
    }
    syncRows(
        m_rows, m_rowOfSubject, incoming, [](const SubjectSummary& row) { return row.subject; },
        [](const SubjectSummary& a, const SubjectSummary& b) {
            return a.latestVersion == b.latestVersion && a.latestId == b.latestId && a.schemaType == b.schemaType
                && a.compatibility == b.compatibility && a.compatibilityInherited == b.compatibilityInherited
                && a.error == b.error && a.deleted == b.deleted;
        });
}

void SubjectsModel::changed(int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); }

void SubjectsModel::setLatest(const QString& subject, int version, int id, const QString& schemaType)
{
    const int row = m_rowOfSubject.value(subject, -1);
    if (row < 0)
        return;
    SubjectSummary& target = m_rows[row];
    target.latestVersion = version;
    target.latestId = id;
    target.schemaType = schemaType.isEmpty() ? QStringLiteral("AVRO") : schemaType; // Confluent omits AVRO
    target.error.clear();
    changed(row);
}

void SubjectsModel::setCompatibility(const QString& subject, const QString& level, bool inherited)
{
    const int row = m_rowOfSubject.value(subject, -1);
    if (row < 0)
        return;
    m_rows[row].compatibility = level;
    m_rows[row].compatibilityInherited = inherited;
    changed(row);
}

void SubjectsModel::setError(const QString& subject, const QString& error)
{
    const int row = m_rowOfSubject.value(subject, -1);
    if (row < 0)
        return;
    m_rows[row].error = error;
    changed(row);
}

void SubjectsModel::setGlobalCompatibility(const QString& level)
{
    m_globalLevel = level;
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        SubjectSummary& row = m_rows[i];
        if ((row.compatibilityInherited || row.compatibility.isEmpty()) && row.compatibility != level) {
            row.compatibility = level;
            row.compatibilityInherited = true;
            rows.append(i);
        }
    }
    emitRowRangesChanged(rows, 0, ColumnCount - 1);
}

std::optional<SubjectSummary> SubjectsModel::summary(const QString& subject) const
{
    const int row = m_rowOfSubject.value(subject, -1);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

QStringList SubjectsModel::subjects() const
{
    QStringList names;
    names.reserve(m_rows.size());
    for (const SubjectSummary& row : m_rows)
        names.append(row.subject);
    return names;
}

int SubjectsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int SubjectsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SubjectsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubjectSummary& row = m_rows.at(index.row());
    if (role == SubjectRole)
        return row.subject;
    if (role == Qt::ForegroundRole && row.deleted)
        return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
    if (role == Qt::ToolTipRole) {
        if (!row.error.isEmpty())
            return row.error;
        if (index.column() == CompatibilityColumn && row.compatibilityInherited)
            return tr("No subject-level setting: the registry's global level applies");
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const auto number = [role](int value) -> QVariant {
        if (value >= 0)
            return value;
        return role == SortRole ? QVariant(-1) : QVariant(QString());
    };
    switch (index.column()) {
    case SubjectColumn:
        return row.deleted && role == Qt::DisplayRole ? tr("%1 (soft-deleted)").arg(row.subject) : row.subject;
    case VersionColumn:
        if (!row.error.isEmpty() && row.latestVersion < 0 && role == Qt::DisplayRole)
            return tr("failed");
        return number(row.latestVersion);
    case IdColumn:
        return number(row.latestId);
    case TypeColumn:
        return row.schemaType;
    case CompatibilityColumn:
        if (row.compatibilityInherited && role == Qt::DisplayRole && !row.compatibility.isEmpty())
            return tr("%1 (global)").arg(row.compatibility);
        return row.compatibility;
    }
    return {};
}

QVariant SubjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case VersionColumn:
        return tr("Latest");
    case IdColumn:
        return tr("Id");
    case TypeColumn:
        return tr("Type");
    case CompatibilityColumn:
        return tr("Compatibility");
    }
    return {};
}

} // namespace Samsa

#include "topicsmodel.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Samsa {

TopicsModel::TopicsModel(QObject* parent)
    : SyncTableModel(parent)
    , m_unknownCount(QStringLiteral("…"))
{
}

void TopicsModel::setTopics(const QList<TopicInfo>& topics)
{
    QList<Row> incoming;
    incoming.reserve(topics.size());
    for (const TopicInfo& topic : topics) {
        Row row { topic.name, int(topic.partitions.size()), topic.replicationFactor(), topic.messageCount(),
            topic.internal, topic.error };
        if (row.messageCount < 0) {
            // Metadata usually comes without watermarks: keep the count we already know for the topic
            // until new watermarks replace it, rather than blinking back to "…" on every refresh.
            const int existing = m_rowOfName.value(topic.name, -1);
            if (existing >= 0 && m_rows.at(existing).partitions == row.partitions)
                row.messageCount = m_rows.at(existing).messageCount;
        }
        incoming.append(row);
    }
    syncRows(
        m_rows, m_rowOfName, incoming, [](const Row& row) -> const QString& { return row.name; },
        [](const Row& a, const Row& b) {
            return a.partitions == b.partitions && a.replicationFactor == b.replicationFactor
                && a.messageCount == b.messageCount && a.internal == b.internal && a.error == b.error;
        });
}

void TopicsModel::applyWatermarks(const QList<TopicWatermarks>& watermarks)
{
    QList<int> changed;
    for (const TopicWatermarks& topic : watermarks) {
        const int row = m_rowOfName.value(topic.topic, -1);
        if (row < 0)
            continue;
        qint64 total = 0;
        for (auto it = topic.partitions.cbegin(); it != topic.partitions.cend(); ++it) {
            const qint64 low = it.value().first;
            const qint64 high = it.value().second;
            if (low < 0 || high < low) {
                total = -1;
                break;
            }
            total += high - low;
        }
        // A chunk that misses partitions of the topic cannot give its total.
        if (topic.partitions.size() < m_rows.at(row).partitions)
            total = -1;
        if (m_rows.at(row).messageCount != total) {
            m_rows[row].messageCount = total;
            changed.append(row);
        }
    }
    emitRowRangesChanged(changed, MessagesColumn, MessagesColumn);
}

void TopicsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfName.clear();
    endResetModel();
}

int TopicsModel::rowOfTopic(const QString& name) const
{
    return m_rowOfName.value(name, -1);
}

QString TopicsModel::topicAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int TopicsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopicsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case PartitionsColumn:
            return row.partitions;
        case ReplicationColumn:
            return row.replicationFactor;
        case MessagesColumn:
            return row.messageCount < 0 ? m_unknownCount : QLocale().toString(row.messageCount);
        case InternalColumn:
            return row.internal ? tr("internal") : QString();
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case PartitionsColumn:
            return row.partitions;
        case ReplicationColumn:
            return row.replicationFactor;
        case MessagesColumn:
            return row.messageCount;
        case InternalColumn:
            return row.internal;
        }
        break;
    case NameRole:
        return row.name;
    case IsInternalRole:
        return row.internal;
    case MessageCountRole:
        return row.messageCount;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn && index.column() != InternalColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (row.internal)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::ToolTipRole:
        if (!row.error.isEmpty())
            return row.error;
        break;
    }
    return {};
}

QVariant TopicsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SyncTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case PartitionsColumn:
        return tr("Partitions");
    case ReplicationColumn:
        return tr("Replication");
    case MessagesColumn:
        return tr("Messages");
    case InternalColumn:
        return tr("Internal");
    }
    return {};
}

} // namespace Samsa

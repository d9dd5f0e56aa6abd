#pragma once

// The topics of a cluster: one row per topic, refreshed in place from each metadata snapshot, with
// message counts filled in as watermarks arrive in chunks. Built for tens of thousands of rows:
// a name→row hash finds the row of a watermark, and data() allocates nothing per row.

#include "clustertypes.h"
#include "synctablemodel.h"

namespace Samsa {

class TopicsModel : public SyncTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, PartitionsColumn, ReplicationColumn, MessagesColumn, InternalColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns, so sorting is not by text
        NameRole,
        IsInternalRole,
        MessageCountRole, // qint64, -1 while unknown
    };

    explicit TopicsModel(QObject* parent = nullptr);

    // First call resets; later calls update rows in place and insert/remove the topics that came and went.
    void setTopics(const QList<TopicInfo>& topics);
    // Updates the message counts of the topics in the chunk; other rows are not touched.
    void applyWatermarks(const QList<TopicWatermarks>& watermarks);
    void clear();

    int rowOfTopic(const QString& name) const; // -1 when unknown
    QString topicAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        int partitions = 0;
        int replicationFactor = 0;
        qint64 messageCount = -1;
        bool internal = false;
        QString error;
    };
    QList<Row> m_rows;
    QHash<QString, int> m_rowOfName;
    QString m_unknownCount; // "…", built once instead of per data() call
};

} // namespace Samsa

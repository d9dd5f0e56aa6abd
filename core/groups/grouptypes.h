#pragma once

// Plain value types describing consumer groups: what ListConsumerGroups, DescribeConsumerGroups
// and ListConsumerGroupOffsets tell, plus the lag computed from the partitions' high watermarks.

#include <QList>
#include <QMetaType>
#include <QString>

namespace Samsa {

struct GroupListing {
    QString id;
    QString state; // Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown
    bool isSimple = false; // a group without a protocol (only committed offsets, no members)
};

struct GroupListResult {
    QList<GroupListing> groups;
    QString error; // empty on success
};

struct GroupMember {
    QString memberId;
    QString clientId;
    QString instanceId; // static membership, empty when dynamic
    QString host;
    QList<QPair<QString, int>> assignment; // topic, partition
};

struct GroupPartitionOffset {
    QString topic;
    int partition = -1;
    qint64 committed = -1;     // -1: nothing committed
    qint64 highWatermark = -1; // -1: unknown
    QString memberId;          // the member it is assigned to, empty when none
    qint64 lag() const { return committed >= 0 && highWatermark >= committed ? highWatermark - committed : -1; }
};

struct GroupDetail {
    QString id;
    QString state;
    QString assignor; // e.g. range, roundrobin, cooperative-sticky
    int coordinatorId = -1;
    QList<GroupMember> members;
    QList<GroupPartitionOffset> offsets; // sorted by topic, partition
    QString error; // empty on success

    qint64 totalLag() const;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::GroupListResult)
Q_DECLARE_METATYPE(Samsa::GroupDetail)

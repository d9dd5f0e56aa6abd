#pragma once

// Resetting a consumer group's committed offsets, as kafka-consumer-groups.sh --reset-offsets does:
// what to reset (the whole group, one topic, or chosen partitions of it) and where to (earliest,
// latest, a date-time, an offset, or shifted by N), planned into a preview of old and new offsets
// before anything is changed. Kafka only lets offsets change while the group has no members.

#include <QList>
#include <QMetaType>
#include <QString>

namespace Samsa {

struct OffsetResetTarget {
    enum class Kind : quint8 { Earliest, Latest, DateTime, Offset, Shift };
    Kind kind = Kind::Earliest;
    qint64 value = 0; // DateTime: ms since the epoch; Offset: the offset; Shift: +/- N
};

struct OffsetResetRequest {
    QString group;
    QString topic; // empty: every topic the group has committed offsets for
    QList<int> partitions; // empty: every partition of the topic
    OffsetResetTarget target;
};

struct OffsetResetRow {
    QString topic;
    int partition = -1;
    qint64 current = -1; // -1: nothing committed
    qint64 target = -1;
    qint64 start = -1; // the log's start and end offsets, the bounds of any target
    qint64 end = -1;
    QString note; // e.g. "clamped to the end of the log", "no record at or after the time: the end"
    QString result; // after applying: empty on success, else the broker's error
};

struct OffsetResetPlan {
    OffsetResetRequest request;
    QString groupState;
    int members = 0;
    QList<OffsetResetRow> rows; // sorted by topic, partition
    QString error; // the plan could not be made (unknown topic, no offsets, cluster error)
    QString refusal; // it can be made but not applied: the group is active

    bool canApply() const { return error.isEmpty() && refusal.isEmpty() && !rows.isEmpty(); }
};

QString targetText(const OffsetResetTarget& target); // "earliest", "shift by -100", ...

// What the planner needs to know about one partition in scope.
struct PartitionOffsetFacts {
    QString topic;
    int partition = -1;
    qint64 committed = -1;
    qint64 start = -1;
    qint64 end = -1;
    qint64 atTime = -1; // for DateTime: the first offset at or after the time, -1: none
};

class OffsetResetPlanner {
public:
    // The new offset of each partition, always within [start, end] of its log, and the refusal
    // for a group that has members.
    static OffsetResetPlan plan(const OffsetResetRequest& request, const QString& groupState, int members,
        QList<PartitionOffsetFacts> facts);
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::OffsetResetRequest)
Q_DECLARE_METATYPE(Samsa::OffsetResetPlan)

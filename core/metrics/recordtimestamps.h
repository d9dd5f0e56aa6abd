#pragma once

// Reads the timestamps of single records, for time lags the sampled history cannot give (a group
// whose committed offset is older than the first sample). Uses librdkafka's simple consumer: no
// group, no commits; all records of a call fetched together on one queue, within a time budget.

#include "metricscalculator.h"

#include <QList>
#include <QPair>
#include <QString>

struct rd_kafka_s;

namespace Samsa {

class RecordTimestamps {
public:
    explicit RecordTimestamps(const QList<QPair<QString, QString>>& properties);
    ~RecordTimestamps();
    RecordTimestamps(const RecordTimestamps&) = delete;
    RecordTimestamps& operator=(const RecordTimestamps&) = delete;

    struct Found {
        RecordToTime record;
        qint64 timestampMs = -1;
    };
    // The records' timestamps, as many as `budgetMs` allows; records that could not be read are left out.
    QList<Found> read(const QList<RecordToTime>& records, int budgetMs);

private:
    QList<QPair<QString, QString>> m_properties;
    rd_kafka_s* m_handle = nullptr;
};

} // namespace Samsa

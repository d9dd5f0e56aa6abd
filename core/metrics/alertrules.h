#pragma once

// When a consumer group needs attention: a lag above N messages, a time lag above T, or a health
// at least as bad as a state (WARN, STALL, STOP, ERR). Thresholds are per group of a cluster and
// kept in the settings file (they are not secrets): [alerts] "<cluster>|<group>" = "lag=1000;
// timeLagSeconds=60;health=STALL". A value that does not parse is ignored, never fatal.

#include "grouphealth.h"
#include "metricssnapshot.h"

#include <QString>

namespace Samsa {

struct AlertThresholds {
    qint64 maxLag = -1; // -1: no lag threshold
    qint64 maxTimeLagMs = -1;
    Health atHealth = Health::Unknown; // Unknown: no health threshold

    bool isEmpty() const { return maxLag < 0 && maxTimeLagMs < 0 && atHealth == Health::Unknown; }
    bool operator==(const AlertThresholds&) const = default;

    QString toText() const;
    static AlertThresholds fromText(const QString& text);
    // Empty when the group is fine, else why it crossed a threshold ("lag 5,000 > 1,000").
    QString breach(const GroupMetrics& group) const;
};

namespace AlertRules {

AlertThresholds load(const QString& cluster, const QString& group);
void save(const QString& cluster, const QString& group, const AlertThresholds& thresholds); // empty: removed
// Every group of the cluster with thresholds.
QHash<QString, AlertThresholds> loadAll(const QString& cluster);

} // namespace AlertRules

} // namespace Samsa

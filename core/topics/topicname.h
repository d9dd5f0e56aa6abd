#pragma once

// Kafka's rule for topic names (org.apache.kafka.common.internals.Topic.validate): 1 to 249
// characters of [a-zA-Z0-9._-], and neither "." nor "..". Checked before anything is sent, so a
// dialog can say what is wrong while the name is typed and samsactl can refuse without a round trip.

#include <QString>

namespace Samsa {

class TopicName {
public:
    static constexpr int MaxLength = 249;

    // Why the name is not a valid topic name; empty when it is.
    static QString problem(const QString& name);
    // A warning for a valid name that contains '.' or '_': Kafka replaces '.' with '_' in metric
    // names, so "a.b" and "a_b" collide there. Empty when there is nothing to warn about.
    static QString collisionWarning(const QString& name);
};

} // namespace Samsa

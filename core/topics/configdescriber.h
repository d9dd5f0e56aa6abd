#pragma once

// DescribeConfigs with each config's documentation and type where the broker gives them: Samsa's
// own wire client sends DescribeConfigs v3 with IncludeDocumentation (librdkafka 2.0.2 never asks
// for it); a broker that cannot be reached that way or refuses v3 is asked through librdkafka, and
// the configs come without documentation. For TopicActions' worker thread.

#include "clustertypes.h"

#include <QList>
#include <QPair>

namespace Samsa {

class RdKafkaClient;

class ConfigDescriber {
public:
    ConfigDescriber(const QList<QPair<QString, QString>>& properties, int timeoutMs);

    ConfigResult describe(RdKafkaClient& kafka, const ConfigResource& resource) const;

    // The topic configs the cluster knows, each with its default (the value a new topic gets) and,
    // where given, documentation: a topic's configs with its overrides replaced by their defaults.
    // Any topic will do; one not internal is preferred, as those carry fewer overrides. error set
    // when the cluster has no topic to ask about.
    ConfigResult topicConfigCatalog(RdKafkaClient& kafka) const;

private:
    // The wire answer, or an error that sends the caller to librdkafka.
    ConfigResult describeOverWire(const QList<BrokerInfo>& brokers, const ConfigResource& resource) const;

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
};

} // namespace Samsa

#pragma once

#include "common/errors.h"
#include "storage/compression.h"
#include "storage/configdescription.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samsa::broker {

struct BrokerConfig;

// A topic's config overrides, as stored and as given by CreateTopics / AlterConfigs.
using ConfigMap = std::map<std::string, std::string>;

// IncrementalAlterConfigs' operation numbers.
enum class AlterConfigOp : int8_t { Set = 0, Delete = 1, Append = 2, Subtract = 3 };

struct ConfigAlteration {
    std::string name;
    AlterConfigOp op = AlterConfigOp::Set;
    std::string value; // ignored for Delete
};

enum class TimestampType : int8_t { CreateTime = 0, LogAppendTime = 1 };

// The effective settings of one topic: its overrides resolved against the broker's defaults.
// Honoured: retention.ms, retention.bytes, segment.bytes, segment.ms, max.message.bytes,
// cleanup.policy (delete, compact: see PartitionLog::compact), min.cleanable.dirty.ratio,
// min.compaction.lag.ms, delete.retention.ms,
// message.timestamp.type, flush.messages, flush.ms, compression.type (batches in another codec are
// re-encoded on append), message.downconversion.enable. Other Kafka topic configs that clients commonly
// send (min.insync.replicas, segment.index.bytes, ...) are accepted, stored and
// described but change nothing. Unknown names are refused with InvalidConfig.
struct TopicConfig {
    int64_t retentionMs = 7LL * 24 * 3600 * 1000; // -1: unlimited
    int64_t retentionBytes = -1;                  // -1: unlimited
    int32_t segmentBytes = 1073741824;
    int64_t segmentMs = 7LL * 24 * 3600 * 1000;
    int32_t maxMessageBytes = 1048588;
    bool cleanupDelete = true;
    bool cleanupCompact = false;
    TimestampType timestampType = TimestampType::CreateTime;
    int64_t flushMessages = INT64_MAX;
    int64_t flushMs = 1000;
    int32_t indexIntervalBytes = 4096;            // index.interval.bytes: sparse index spacing
    double minCleanableDirtyRatio = 0.5;          // compaction runs once this share is not cleaned yet
    int64_t minCompactionLagMs = 0;               // records younger than this are not compacted
    int64_t deleteRetentionMs = 86400000;         // how long a tombstone outlives its first cleaning
    std::optional<CompressionCodec> compression;  // compression.type; nullopt: "producer", kept as sent
    bool messageDownconversionEnable = true;      // Fetch v0-v3 get messages of magic 0/1 (else UNSUPPORTED_VERSION)

    // Whether Kafka has a topic config of this name that we accept.
    static bool isKnown(const std::string& name);

    // Checks names and values of a full set of overrides. On failure returns InvalidConfig and
    // a message naming the offending key, e.g. "Unknown topic config name: foo".
    static ErrorCode validate(const ConfigMap& overrides, std::string* message);

    // Applies one IncrementalAlterConfigs change to a copy of overrides; Append and Subtract work on
    // list-typed configs (cleanup.policy, and the replication throttles). Returns InvalidConfig
    // (or InvalidRequest for Append/Subtract on a non-list config) with a message on failure.
    static ErrorCode apply(ConfigMap& overrides, const ConfigAlteration& change, std::string* message);

    // The effective config: override, else the broker's log.* default, else Kafka's default.
    // Assumes validate() passed; unparsable values fall back to the default.
    static TopicConfig resolve(const ConfigMap& overrides, const BrokerConfig& broker);

    // Every topic config for DescribeConfigs, sorted by name, with sources: DynamicTopicConfig for
    // overrides, StaticBrokerConfig when the broker's --set provides it, DefaultConfig otherwise.
    // Synonyms are always filled; the protocol layer drops them when not asked for.
    static std::vector<ConfigDescription> describe(const ConfigMap& overrides, const BrokerConfig& broker);
};

} // namespace samsa::broker

#pragma once

#include "common/errors.h"
#include "storage/brokerconfig.h"
#include "storage/partitionlog.h"
#include "storage/topicconfig.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace samsa::broker {

using TopicId = std::array<uint8_t, 16>;

struct TopicResult {
    ErrorCode error = ErrorCode::None;
    std::string message; // readable reason when error != None
};

struct TopicDescription {
    std::string name;
    TopicId id{};          // random, non-zero, stable across restarts
    int32_t partitionCount = 0;
    bool internal = false; // __consumer_offsets and friends
    ConfigMap overrides;
};

struct DescribeConfigsResult {
    ErrorCode error = ErrorCode::None;
    std::string message;
    std::vector<ConfigDescription> configs;
};

struct LogDirPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t sizeBytes = 0;
};

struct LogDirDescription {
    std::string path;
    ErrorCode error = ErrorCode::None;
    int64_t totalBytes = -1;  // of the file system
    int64_t usableBytes = -1;
    std::vector<LogDirPartition> partitions;
};

// All topics of the broker in one data directory:
//   DATA/meta.properties              cluster.id and node.id
//   DATA/topics                       names, ids, partition counts, config overrides
//   DATA/producer-ids                 the next block of producer ids
//   DATA/<topic>-<partition>/          one PartitionLog each
// Metadata files are replaced atomically (write temp, fsync, rename, fsync directory).
// A background thread applies retention every log.retention.check.interval.ms and flushes
// partitions per flush.ms (log.flush.interval.ms).
//
// Thread safety: every method may be called from any thread.
class LogManager {
public:
    // Creates the data directory when missing, takes a lock file against a second broker on the
    // same directory, loads or creates meta.properties and the topics, and recovers every partition.
    // Returns null with a readable *error (e.g. "data directory /x is not writable: ...").
    static std::unique_ptr<LogManager> open(const BrokerConfig& config, std::string* error);
    ~LogManager(); // calls shutdown()
    LogManager(const LogManager&) = delete;
    LogManager& operator=(const LogManager&) = delete;

    // Topic names: 1-249 characters of [a-zA-Z0-9._-], not "." or "..". InvalidTopicException otherwise.
    static bool isValidTopicName(const std::string& name, std::string* message);

    // partitions -1 means num.partitions (0 and other negatives: InvalidPartitions). Errors: InvalidTopicException, TopicAlreadyExists,
    // InvalidPartitions, InvalidConfig, PolicyViolation (max.broker.partitions), KafkaStorageError
    // (disk or descriptors; whatever was created is removed again).
    TopicResult createTopic(const std::string& name, int32_t partitions, const ConfigMap& configs, bool validateOnly);
    // Removes the topic and its data. UnknownTopicOrPartition when missing, TopicDeletionDisabled
    // when delete.topic.enable is off.
    TopicResult deleteTopic(const std::string& name);
    // Grows the topic to newTotal partitions; InvalidPartitions when newTotal is not larger.
    TopicResult createPartitions(const std::string& name, int32_t newTotal, bool validateOnly);
    // Replaces all overrides (AlterConfigs semantics).
    TopicResult alterConfigs(const std::string& name, const ConfigMap& configs, bool validateOnly);
    // Applies changes one by one to the current overrides (IncrementalAlterConfigs).
    TopicResult incrementalAlterConfigs(const std::string& name, const std::vector<ConfigAlteration>& changes,
                                        bool validateOnly);

    // AlterConfigs (all dynamic values replaced) and IncrementalAlterConfigs (Set and Delete) of the
    // broker resource: only BrokerConfig::isDynamic keys, InvalidConfig for others. Stored in
    // DATA/dynamic-configs, so they survive a restart, and applied at once to every topic.
    TopicResult alterBrokerConfigs(const ConfigMap& values, bool validateOnly);
    TopicResult incrementalAlterBrokerConfigs(const std::vector<ConfigAlteration>& changes, bool validateOnly);

    std::vector<TopicDescription> topics() const; // sorted by name
    std::optional<TopicDescription> topic(const std::string& name) const;
    std::optional<TopicDescription> topicById(const TopicId& id) const;
    // Null when the topic or the partition does not exist.
    std::shared_ptr<PartitionLog> partition(const std::string& topic, int32_t index) const;

    // Every config of a topic with sources (UnknownTopicOrPartition when missing).
    DescribeConfigsResult describeTopicConfigs(const std::string& name) const;
    // Every config of this broker.
    std::vector<ConfigDescription> describeBrokerConfigs() const;

    const BrokerConfig& config() const { return m_config; }
    const std::string& clusterId() const { return m_clusterId; }
    int32_t nodeId() const { return m_nodeId; }

    // A producer id never handed out before, also across restarts.
    int64_t nextProducerId();

    std::vector<LogDirDescription> logDirs() const;

    // Runs retention on every partition now (the background thread does this periodically).
    void runRetention(int64_t nowMs);
    void flushAll();
    // Stops the background thread, flushes and closes every partition. Idempotent.
    void shutdown();

private:
    explicit LogManager(const BrokerConfig& config);
    // DATA/dynamic-configs into m_config at open; false with *error when the file is damaged.
    bool loadDynamicConfigs(std::string* error);
    // PolicyViolation when `partitions` more would pass max.broker.partitions, KafkaStorageError
    // when too few descriptors are free even after closing cached segment files.
    TopicResult checkRoomFor(int64_t partitions) const;
    // Opens partitions [from, to) of a new topic or a grown one into *logs; on a failure midway
    // removes every one of them again (directories, descriptors) and returns the error.
    TopicResult openNewPartitions(const std::string& name, int32_t from, int32_t to, const TopicConfig& config,
                                  std::vector<std::shared_ptr<PartitionLog>>* logs);
    void removeNewPartitions(const std::string& name, int32_t from, int32_t to,
                             std::vector<std::shared_ptr<PartitionLog>>* logs);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    BrokerConfig m_config;
    // Writers of m_config's dynamic fields hold it (and adminMutex); readers outside adminMutex share it.
    mutable std::shared_mutex m_configMutex;
    std::string m_clusterId;
    int32_t m_nodeId = 1;
};

} // namespace samsa::broker

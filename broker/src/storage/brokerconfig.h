#pragma once

#include "storage/configdescription.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samsa::broker {

// The broker's static configuration: what the command line gives (--data-dir, --node-id,
// --listen, --advertised-listener) plus the Kafka server.properties keys that --set KEY=VALUE may
// override. Field defaults are Kafka's, except where noted.
struct BrokerConfig {
    // Filled by the command line directly, not through set().
    std::string dataDir;
    int32_t nodeId = -1;              // -1: take it from meta.properties, or 1 on first start
    std::string listeners;            // "HOST:PORT" as listened on, for describe()
    std::string advertisedListeners;  // "HOST:PORT" as advertised, for describe()

    int32_t numPartitions = 1;                       // num.partitions
    bool autoCreateTopics = true;                    // auto.create.topics.enable
    bool deleteTopicEnable = true;                   // delete.topic.enable
    int16_t defaultReplicationFactor = 1;            // default.replication.factor
    int64_t logRetentionMs = 7LL * 24 * 3600 * 1000; // log.retention.ms / .minutes / .hours
    int64_t logRetentionBytes = -1;                  // log.retention.bytes
    int32_t logSegmentBytes = 1073741824;            // log.segment.bytes
    int64_t logRollMs = 7LL * 24 * 3600 * 1000;      // log.roll.ms / log.roll.hours
    int32_t messageMaxBytes = 1048588;               // message.max.bytes
    std::string logMessageTimestampType = "CreateTime"; // log.message.timestamp.type
    std::string logCleanupPolicy = "delete";         // log.cleanup.policy
    std::string compressionType = "producer";        // compression.type
    bool logMessageDownconversionEnable = true;      // log.message.downconversion.enable
    // log.message.format.version: accepted and reported as Kafka 3.x does; the log is always v2.
    std::string logMessageFormatVersion = "3.0-IV1";
    int32_t minInsyncReplicas = 1;                   // min.insync.replicas
    // log.flush.interval.messages (alias flush.messages): fdatasync after this many messages.
    // Kafka's default (Long.MAX) leaves flushing to the OS; so does ours, with a periodic flush:
    int64_t flushIntervalMessages = INT64_MAX;
    // log.flush.interval.ms (alias flush.ms). Differs from Kafka (which leaves it to the OS page
    // cache): every partition with unflushed data is fdatasync'd at least this often by the
    // background thread, so a power cut loses at most about a second of acknowledged writes.
    int64_t flushIntervalMs = 1000;
    int64_t retentionCheckIntervalMs = 300000;       // log.retention.check.interval.ms
    int64_t cleanerBackoffMs = 15000;                // log.cleaner.backoff.ms
    // log.cleaner.io.max.bytes.per.second (Kafka: a double, unbounded by default; 0 here).
    int64_t cleanerIoMaxBytesPerSecond = 0;
    // max.partitions.per.request (our key): partitions one CreateTopics or CreatePartitions request
    // may add in all. Kafka has the same bound built in (10,000, POLICY_VIOLATION beyond it).
    int32_t maxPartitionsPerRequest = 10000;
    // max.broker.partitions (the name of KIP-578, not in Kafka itself): partitions this broker
    // hosts at most, internal topics included.
    int32_t maxBrokerPartitions = 100000;
    // log.open.files.max (our key): segment files kept open at once (least recently used closed
    // first); 0 sizes it from the descriptor limit, half of RLIMIT_NOFILE up to 4096.
    int32_t logOpenFilesMax = 0;
    int32_t socketRequestMaxBytes = 104857600;       // socket.request.max.bytes
    // fetch.max.bytes: the most record bytes one Fetch answer carries, whatever the request asks
    // (the first batch is still always whole). Bounds the memory of Fetch v0-v3, whose records are
    // converted in memory, as well as the size of any answer.
    int32_t fetchMaxBytes = 57671680;
    int64_t connectionsMaxIdleMs = 600000;           // connections.max.idle.ms (-1: never)
    int32_t maxConnections = INT32_MAX;              // max.connections
    int32_t saslServerMaxReceiveSize = 524288;       // sasl.server.max.receive.size
    int32_t failedAuthenticationDelayMs = 100;       // connection.failed.authentication.delay.ms
    int32_t numNetworkThreads = 3;                   // num.network.threads (size of the asio pool)
    // group.initial.rebalance.delay.ms. Differs from Kafka (3000): a desktop broker serves a
    // handful of consumers started together, so the first generation waits only 100 ms for more.
    int32_t groupInitialRebalanceDelayMs = 100;
    int32_t offsetsTopicNumPartitions = 50;          // offsets.topic.num.partitions
    int32_t offsetsTopicSegmentBytes = 100 * 1024 * 1024; // offsets.topic.segment.bytes
    int64_t offsetsRetentionMs = 7LL * 24 * 3600 * 1000; // offsets.retention.minutes (kept in ms)
    int64_t offsetsRetentionCheckIntervalMs = 600000; // offsets.retention.check.interval.ms
    int32_t groupMinSessionTimeoutMs = 6000;         // group.min.session.timeout.ms
    int32_t groupMaxSessionTimeoutMs = 1800000;      // group.max.session.timeout.ms
    // sasl.enabled.mechanisms: empty means SASL is off; PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.
    std::vector<std::string> saslEnabledMechanisms;
    // sasl.plain.users=alice:secret,bob:pw (our own key, for tests: a command line is visible to
    // other local users). Sensitive: never logged or described. Users for every mechanism.
    std::map<std::string, std::string> saslPlainUsers;
    // sasl.users.file (our key): NAME:PASSWORD lines, mode 600, re-read on SIGHUP (security/usersfile.h).
    std::string saslUsersFile;
    // TLS listeners (SSL, SASL_SSL): PEM files of the server certificate (chain), its unencrypted
    // private key and the CAs trusted for client certificates; Kafka's names.
    std::string sslCertificateLocation;              // ssl.certificate.location
    std::string sslKeyLocation;                      // ssl.key.location
    std::string sslCaLocation;                       // ssl.ca.location
    std::string sslClientAuth = "none";              // ssl.client.auth: none, requested, required
    // authorizer (our key; Kafka's authorizer.class.name): "none" lets every client do everything,
    // "standard" enforces ACLs with the semantics of Kafka's StandardAuthorizer.
    std::string authorizer = "none";
    // super.users=User:admin;User:ops: principals the authorizer allows everything.
    std::vector<std::string> superUsers;
    bool allowEveryoneIfNoAclFound = false;          // allow.everyone.if.no.acl.found

    // Sets one server.properties key from --set. Unknown keys and unparsable or out-of-range values
    // are refused with a readable message in *error (e.g. "unknown broker config 'foo'").
    bool set(const std::string& key, const std::string& value, std::string* error);

    // Every broker config for DescribeConfigs on the broker resource, sorted by name. Keys given
    // with --set have source StaticBrokerConfig and isDefault false; sensitive ones carry no value.
    std::vector<ConfigDescription> describe() const;

    // Whether AlterConfigs may change this key at runtime: as in Kafka's DynamicLogConfig, the log.*
    // defaults that topics inherit and message.max.bytes (canonical names only). Others are read-only.
    static bool isDynamic(const std::string& key);
    // Replaces the dynamically set keys with `values` (AlterConfigs semantics): a dynamic key left out
    // gets its static value back. False with *error naming the first unknown, read-only or invalid
    // key, and nothing changed. Only the fields of dynamic keys are written.
    bool setDynamic(const std::map<std::string, std::string>& values, std::string* error);
    std::map<std::string, std::string> dynamicValues; // set at runtime, by canonical name
    std::map<std::string, std::string> staticValues;  // what those keys had before, for describe()

    // The value of one key as describe() shows it (nullopt for unknown or sensitive keys).
    std::optional<std::string> value(const std::string& key) const;

    // Whether --set gave this key (or one of its aliases).
    bool isExplicit(const std::string& key) const;

    // $XDG_DATA_HOME/samsa/broker, or ~/.local/share/samsa/broker when XDG_DATA_HOME is unset.
    static std::string defaultDataDir();

    // Keys given with --set, canonical names, for describe()'s sources.
    std::vector<std::string> explicitKeys;
};

} // namespace samsa::broker

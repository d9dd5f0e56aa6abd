#include "storage/brokerconfig.h"

#include "storage/configparse.h"

#include <algorithm>
#include <cstdlib>
#include <functional>

namespace samsa::broker {

namespace {

using configparse::parseBool;
using configparse::parseInteger;

constexpr int64_t HourMs = 3600LL * 1000;
constexpr int64_t MinuteMs = 60LL * 1000;

// One --set key. Aliases (log.retention.hours, flush.messages, ...) are separate entries that
// write the same field; `canonical` names the entry describe() reports for them.
struct Entry {
    const char* name;
    const char* canonical; // nullptr: this entry is itself canonical and described
    ConfigType type;
    bool sensitive;
    bool readOnly;
    const char* documentation;
    std::function<std::string(const BrokerConfig&)> get;
    std::function<bool(BrokerConfig&, const std::string&)> set;
};

template<typename Field>
Entry integer(const char* name, const char* canonical, ConfigType type, Field BrokerConfig::*field, int64_t min,
              int64_t max, int64_t scale, const char* doc)
{
    return Entry{name,
                 canonical,
                 type,
                 false,
                 false,
                 doc,
                 [field, scale](const BrokerConfig& c) {
                     const auto value = static_cast<int64_t>(c.*field);
                     return std::to_string(value < 0 ? value : value / scale);
                 },
                 [field, min, max, scale](BrokerConfig& c, const std::string& text) {
                     const auto value = parseInteger(text, min, max);
                     if (!value)
                         return false;
                     c.*field = static_cast<Field>(*value < 0 ? *value : *value * scale);
                     return true;
                 }};
}

Entry boolean(const char* name, bool BrokerConfig::*field, const char* doc)
{
    return Entry{name,
                 nullptr,
                 ConfigType::Boolean,
                 false,
                 false,
                 doc,
                 [field](const BrokerConfig& c) { return std::string(c.*field ? "true" : "false"); },
                 [field](BrokerConfig& c, const std::string& text) {
                     const auto value = parseBool(text);
                     if (!value)
                         return false;
                     c.*field = *value;
                     return true;
                 }};
}

Entry choice(const char* name, std::string BrokerConfig::*field, std::vector<std::string> allowed, const char* doc)
{
    return Entry{name,
                 nullptr,
                 ConfigType::String,
                 false,
                 false,
                 doc,
                 [field](const BrokerConfig& c) { return c.*field; },
                 [field, allowed](BrokerConfig& c, const std::string& text) {
                     if (std::find(allowed.begin(), allowed.end(), text) == allowed.end())
                         return false;
                     c.*field = text;
                     return true;
                 }};
}

const std::vector<Entry>& entries()
{
    constexpr int64_t Max = INT64_MAX;
    constexpr int64_t MaxInt = INT32_MAX;
    static const std::vector<Entry> table = {
        integer("node.id", nullptr, ConfigType::Int, &BrokerConfig::nodeId, 0, MaxInt, 1, "This broker's node id."),
        integer("broker.id", "node.id", ConfigType::Int, &BrokerConfig::nodeId, 0, MaxInt, 1, ""),
        integer("num.partitions", nullptr, ConfigType::Int, &BrokerConfig::numPartitions, 1, MaxInt, 1,
                "Partitions of auto-created topics and of CreateTopics without a count."),
        boolean("auto.create.topics.enable", &BrokerConfig::autoCreateTopics,
                "Create a topic when a client asks for its metadata."),
        boolean("delete.topic.enable", &BrokerConfig::deleteTopicEnable, "Allow DeleteTopics."),
        integer("default.replication.factor", nullptr, ConfigType::Int, &BrokerConfig::defaultReplicationFactor, 1,
                1, 1, "A single-node broker keeps one replica."),
        integer("log.retention.ms", nullptr, ConfigType::Long, &BrokerConfig::logRetentionMs, -1, Max, 1,
                "Time a segment is kept after its newest record; -1 keeps forever."),
        integer("log.retention.minutes", "log.retention.ms", ConfigType::Int, &BrokerConfig::logRetentionMs, -1,
                MaxInt, MinuteMs, ""),
        integer("log.retention.hours", "log.retention.ms", ConfigType::Int, &BrokerConfig::logRetentionMs, -1, MaxInt,
                HourMs, ""),
        integer("log.retention.bytes", nullptr, ConfigType::Long, &BrokerConfig::logRetentionBytes, -1, Max, 1,
                "Size a partition may keep; -1 is unlimited."),
        integer("log.segment.bytes", nullptr, ConfigType::Int, &BrokerConfig::logSegmentBytes, 14, MaxInt, 1,
                "Size at which a segment is rolled."),
        integer("log.roll.ms", nullptr, ConfigType::Long, &BrokerConfig::logRollMs, 1, Max, 1,
                "Age at which a segment is rolled."),
        integer("log.roll.hours", "log.roll.ms", ConfigType::Int, &BrokerConfig::logRollMs, 1, MaxInt, HourMs, ""),
        integer("message.max.bytes", nullptr, ConfigType::Int, &BrokerConfig::messageMaxBytes, 0, MaxInt, 1,
                "Largest record batch accepted."),
        choice("log.message.timestamp.type", &BrokerConfig::logMessageTimestampType, {"CreateTime", "LogAppendTime"},
               "Whether records keep the producer's timestamp or get the broker's."),
        choice("log.cleanup.policy", &BrokerConfig::logCleanupPolicy, {"delete", "compact", "compact,delete",
                                                                       "delete,compact"},
               "delete removes old segments; compact keeps the last record of each key."),
        choice("compression.type", &BrokerConfig::compressionType,
               {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"},
               "Batches are stored as the producer compressed them."),
        boolean("log.message.downconversion.enable", &BrokerConfig::logMessageDownconversionEnable,
                "Whether Fetch v0-v3 get records converted to message format v0/v1."),
        Entry{"log.message.format.version", nullptr, ConfigType::String, false, false,
              "Record format version; ignored since Kafka 3.0: batches v2 are always written.",
              [](const BrokerConfig& c) { return c.logMessageFormatVersion; },
              [](BrokerConfig& c, const std::string& text) {
                  c.logMessageFormatVersion = text;
                  return true;
              }},
        integer("min.insync.replicas", nullptr, ConfigType::Int, &BrokerConfig::minInsyncReplicas, 1, MaxInt, 1,
                "Accepted for compatibility; one node is always in sync."),
        integer("log.flush.interval.messages", nullptr, ConfigType::Long, &BrokerConfig::flushIntervalMessages, 1, Max,
                1, "fdatasync after this many messages; 1 makes every acknowledged write durable."),
        integer("flush.messages", "log.flush.interval.messages", ConfigType::Long, &BrokerConfig::flushIntervalMessages,
                1, Max, 1, ""),
        integer("log.flush.interval.ms", nullptr, ConfigType::Long, &BrokerConfig::flushIntervalMs, 0, Max, 1,
                "Unflushed data is fdatasync'd by a background thread at least this often."),
        integer("flush.ms", "log.flush.interval.ms", ConfigType::Long, &BrokerConfig::flushIntervalMs, 0, Max, 1, ""),
        integer("log.retention.check.interval.ms", nullptr, ConfigType::Long, &BrokerConfig::retentionCheckIntervalMs,
                1, Max, 1, "How often retention runs."),
        integer("log.cleaner.backoff.ms", nullptr, ConfigType::Long, &BrokerConfig::cleanerBackoffMs, 1, Max, 1,
                "How often compacted topics are checked for segments to clean."),
        integer("log.cleaner.io.max.bytes.per.second", nullptr, ConfigType::Long, &BrokerConfig::cleanerIoMaxBytesPerSecond,
                0, Max, 1, "Bytes per second the cleaner reads and writes at most; 0 is unbounded."),
        integer("max.partitions.per.request", nullptr, ConfigType::Int, &BrokerConfig::maxPartitionsPerRequest, 1,
                MaxInt, 1, "Partitions one CreateTopics or CreatePartitions request may add in all."),
        integer("max.broker.partitions", nullptr, ConfigType::Int, &BrokerConfig::maxBrokerPartitions, 1, MaxInt, 1,
                "Partitions this broker hosts at most, internal topics included."),
        integer("log.open.files.max", nullptr, ConfigType::Int, &BrokerConfig::logOpenFilesMax, 0, MaxInt, 1,
                "Segment files kept open at once; 0 sizes it from the descriptor limit."),
        integer("socket.request.max.bytes", nullptr, ConfigType::Int, &BrokerConfig::socketRequestMaxBytes, 1, MaxInt,
                1, "Largest request frame accepted."),
        integer("fetch.max.bytes", nullptr, ConfigType::Int, &BrokerConfig::fetchMaxBytes, 0, MaxInt, 1,
                "Most record bytes one Fetch answer carries (the first batch is always whole)."),
        integer("connections.max.idle.ms", nullptr, ConfigType::Long, &BrokerConfig::connectionsMaxIdleMs, -1, Max, 1,
                "A connection with no request in progress is closed after this long without one; -1 never."),
        integer("max.connections", nullptr, ConfigType::Int, &BrokerConfig::maxConnections, 0, MaxInt, 1,
                "Connections served at once; newer ones are closed at accept."),
        integer("sasl.server.max.receive.size", nullptr, ConfigType::Int, &BrokerConfig::saslServerMaxReceiveSize, 1,
                MaxInt, 1, "Largest frame accepted before SASL authentication."),
        integer("connection.failed.authentication.delay.ms", nullptr, ConfigType::Int,
                &BrokerConfig::failedAuthenticationDelayMs, 0, MaxInt, 1,
                "A failed SASL login is answered (and closed) after this delay."),
        integer("num.network.threads", nullptr, ConfigType::Int, &BrokerConfig::numNetworkThreads, 1, 64, 1,
                "Threads serving connections."),
        integer("group.initial.rebalance.delay.ms", nullptr, ConfigType::Int,
                &BrokerConfig::groupInitialRebalanceDelayMs, 0, MaxInt, 1,
                "How long a new group waits for more members before its first generation (Kafka: 3000)."),
        integer("offsets.topic.num.partitions", nullptr, ConfigType::Int, &BrokerConfig::offsetsTopicNumPartitions, 1,
                MaxInt, 1, "Partitions of __consumer_offsets."),
        integer("offsets.topic.segment.bytes", nullptr, ConfigType::Int, &BrokerConfig::offsetsTopicSegmentBytes, 1,
                MaxInt, 1, "Segment size of __consumer_offsets: the cleaner compacts only closed segments."),
        integer("offsets.retention.minutes", nullptr, ConfigType::Int, &BrokerConfig::offsetsRetentionMs, 1, MaxInt,
                MinuteMs, "Committed offsets of an empty group are kept this long."),
        integer("offsets.retention.check.interval.ms", nullptr, ConfigType::Long,
                &BrokerConfig::offsetsRetentionCheckIntervalMs, 1, Max, 1, "How often offsets are checked for expiry."),
        integer("group.min.session.timeout.ms", nullptr, ConfigType::Int, &BrokerConfig::groupMinSessionTimeoutMs, 0,
                MaxInt, 1, "Smallest session timeout a member may ask for."),
        integer("group.max.session.timeout.ms", nullptr, ConfigType::Int, &BrokerConfig::groupMaxSessionTimeoutMs, 0,
                MaxInt, 1, "Largest session timeout a member may ask for."),
        Entry{"sasl.enabled.mechanisms", nullptr, ConfigType::List, false, false,
              "SASL mechanisms offered; empty turns SASL off. PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512.",
              [](const BrokerConfig& c) { return configparse::joinList(c.saslEnabledMechanisms); },
              [](BrokerConfig& c, const std::string& text) {
                  auto list = configparse::parseList(text);
                  for (const auto& mechanism : list) {
                      if (mechanism != "PLAIN" && mechanism != "SCRAM-SHA-256" && mechanism != "SCRAM-SHA-512")
                          return false;
                  }
                  c.saslEnabledMechanisms = std::move(list);
                  return true;
              }},
        Entry{"sasl.users.file", nullptr, ConfigType::String, false, false,
              "File of NAME:PASSWORD lines (mode 600) with the SASL users, re-read on SIGHUP.",
              [](const BrokerConfig& c) { return c.saslUsersFile; },
              [](BrokerConfig& c, const std::string& text) {
                  c.saslUsersFile = text;
                  return true;
              }},
        Entry{"sasl.plain.users", nullptr, ConfigType::Password, true, false,
              "user:password pairs for SASL (PLAIN and SCRAM); for tests: a command line is visible to local users.",
              [](const BrokerConfig&) { return std::string(); },
              [](BrokerConfig& c, const std::string& text) {
                  std::map<std::string, std::string> users;
                  for (const auto& pair : configparse::parseList(text)) {
                      const auto colon = pair.find(':');
                      if (colon == std::string::npos || colon == 0)
                          return false;
                      users[pair.substr(0, colon)] = pair.substr(colon + 1);
                  }
                  c.saslPlainUsers = std::move(users);
                  return true;
              }},
        choice("authorizer", &BrokerConfig::authorizer, {"none", "standard"},
               "none lets every client do everything; standard enforces ACLs as Kafka's StandardAuthorizer does."),
        Entry{"super.users", nullptr, ConfigType::String, false, false,
              "Principals allowed everything by the authorizer, separated by semicolons (User:admin;User:ops).",
              [](const BrokerConfig& c) {
                  std::string joined;
                  for (const auto& user : c.superUsers)
                      joined += (joined.empty() ? "" : ";") + user;
                  return joined;
              },
              [](BrokerConfig& c, const std::string& text) {
                  std::vector<std::string> users;
                  size_t start = 0;
                  while (start <= text.size()) {
                      const size_t end = std::min(text.find(';', start), text.size());
                      std::string user = text.substr(start, end - start);
                      user.erase(0, user.find_first_not_of(" \t"));
                      user.erase(user.find_last_not_of(" \t") + 1);
                      if (!user.empty()) {
                          if (user.find(':') == std::string::npos || user.front() == ':')
                              return false;
                          users.push_back(std::move(user));
                      }
                      start = end + 1;
                  }
                  c.superUsers = std::move(users);
                  return true;
              }},
        boolean("allow.everyone.if.no.acl.found", &BrokerConfig::allowEveryoneIfNoAclFound,
                "With the standard authorizer, a resource without any matching ACL is open to everyone."),
        Entry{"ssl.certificate.location", nullptr, ConfigType::String, false, false,
              "PEM file with the certificate (chain) TLS listeners present.",
              [](const BrokerConfig& c) { return c.sslCertificateLocation; },
              [](BrokerConfig& c, const std::string& text) { c.sslCertificateLocation = text; return true; }},
        Entry{"ssl.key.location", nullptr, ConfigType::String, false, false,
              "PEM file with the unencrypted private key of ssl.certificate.location.",
              [](const BrokerConfig& c) { return c.sslKeyLocation; },
              [](BrokerConfig& c, const std::string& text) { c.sslKeyLocation = text; return true; }},
        Entry{"ssl.ca.location", nullptr, ConfigType::String, false, false,
              "PEM file with the CA certificates that client certificates are verified against.",
              [](const BrokerConfig& c) { return c.sslCaLocation; },
              [](BrokerConfig& c, const std::string& text) { c.sslCaLocation = text; return true; }},
        choice("ssl.client.auth", &BrokerConfig::sslClientAuth, {"none", "requested", "required"},
               "Whether TLS listeners ask clients for a certificate; its subject becomes the principal."),
        Entry{"listeners", nullptr, ConfigType::List, false, true, "Where the broker listens (--listen).",
              [](const BrokerConfig& c) { return c.listeners; }, nullptr},
        Entry{"advertised.listeners", nullptr, ConfigType::List, false, true,
              "Where clients are told to connect (--advertised-listener).",
              [](const BrokerConfig& c) { return c.advertisedListeners; }, nullptr},
        Entry{"log.dirs", nullptr, ConfigType::String, false, true, "The data directory (--data-dir).",
              [](const BrokerConfig& c) { return c.dataDir; }, nullptr},
    };
    return table;
}

const Entry* findEntry(const std::string& key)
{
    for (const auto& entry : entries()) {
        if (key == entry.name)
            return &entry;
    }
    return nullptr;
}

std::string canonicalName(const Entry& entry)
{
    return entry.canonical ? entry.canonical : entry.name;
}

} // namespace

bool BrokerConfig::set(const std::string& key, const std::string& value, std::string* error)
{
    const Entry* entry = findEntry(key);
    if (!entry) {
        if (error)
            *error = "unknown broker config '" + key + "'";
        return false;
    }
    if (!entry->set) {
        if (error)
            *error = "broker config '" + key + "' is set by a command-line option, not --set";
        return false;
    }
    if (!entry->set(*this, value)) {
        if (error) {
            // Never echo a password back, even in an error.
            *error = entry->sensitive ? "invalid value for broker config '" + key + "'"
                                      : "invalid value '" + value + "' for broker config '" + key + "'";
        }
        return false;
    }
    const std::string canonical = canonicalName(*entry);
    if (std::find(explicitKeys.begin(), explicitKeys.end(), canonical) == explicitKeys.end())
        explicitKeys.push_back(canonical);
    return true;
}

std::vector<ConfigDescription> BrokerConfig::describe() const
{
    const BrokerConfig defaults;
    std::vector<ConfigDescription> out;
    for (const auto& entry : entries()) {
        ConfigDescription description;
        description.name = entry.name;
        description.type = entry.type;
        description.sensitive = entry.sensitive;
        description.readOnly = entry.readOnly || !isDynamic(entry.name);
        description.documentation = entry.documentation;
        const std::string canonical = canonicalName(entry);
        const bool explicitlySet = isExplicit(canonical) || (entry.readOnly && !entry.get(*this).empty());
        const auto dynamic = dynamicValues.find(entry.name);
        const bool dynamicallySet = dynamic != dynamicValues.end();
        description.isDefault = !explicitlySet && !dynamicallySet;
        description.source = dynamicallySet ? ConfigSource::DynamicBrokerConfig
            : explicitlySet                 ? ConfigSource::StaticBrokerConfig
                                            : ConfigSource::DefaultConfig;
        if (!entry.sensitive)
            description.value = entry.get(*this);
        if (dynamicallySet && !entry.sensitive)
            description.synonyms.push_back({entry.name, description.value, ConfigSource::DynamicBrokerConfig});
        if (explicitlySet && !entry.sensitive)
            description.synonyms.push_back({entry.name,
                                            dynamicallySet ? staticValues.at(entry.name) : *description.value,
                                            ConfigSource::StaticBrokerConfig});
        if (!entry.sensitive && !entry.readOnly)
            description.synonyms.push_back({entry.name, entry.get(defaults), ConfigSource::DefaultConfig});
        out.push_back(std::move(description));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

bool BrokerConfig::isDynamic(const std::string& key)
{
    static const std::vector<std::string> dynamic = {
        "compression.type", "log.cleanup.policy", "log.flush.interval.messages", "log.flush.interval.ms",
        "log.message.downconversion.enable", "log.message.timestamp.type", "log.retention.bytes", "log.retention.ms", "log.roll.ms",
        "log.segment.bytes", "message.max.bytes", "min.insync.replicas",
    };
    return std::find(dynamic.begin(), dynamic.end(), key) != dynamic.end();
}

bool BrokerConfig::setDynamic(const std::map<std::string, std::string>& values, std::string* error)
{
    // Every key whose value changes: the new ones, and the old ones going back to their static value.
    std::map<std::string, std::string> writes = values;
    for (const auto& [key, value] : dynamicValues) {
        if (!values.count(key))
            writes[key] = staticValues.at(key);
    }
    BrokerConfig trial = *this;
    for (const auto& [key, value] : writes) {
        const Entry* entry = findEntry(key);
        if (!entry) {
            *error = "Unknown broker config '" + key + "'";
            return false;
        }
        if (!isDynamic(key)) {
            *error = "Cannot update these configs dynamically: " + key
                + " (start samsa-broker with --set " + key + "=VALUE)";
            return false;
        }
        if (!entry->set(trial, value)) {
            *error = "Invalid value " + value + " for configuration " + key;
            return false;
        }
    }
    // Validated: now write the same fields here, and nothing else.
    for (const auto& [key, value] : writes) {
        const Entry* entry = findEntry(key);
        if (values.count(key) && !dynamicValues.count(key))
            staticValues[key] = entry->get(*this);
        entry->set(*this, value);
    }
    for (auto it = staticValues.begin(); it != staticValues.end();)
        it = values.count(it->first) ? std::next(it) : staticValues.erase(it);
    dynamicValues = values;
    return true;
}

std::optional<std::string> BrokerConfig::value(const std::string& key) const
{
    const Entry* entry = findEntry(key);
    if (!entry || entry->sensitive)
        return std::nullopt;
    return entry->get(*this);
}

bool BrokerConfig::isExplicit(const std::string& key) const
{
    const Entry* entry = findEntry(key);
    const std::string canonical = entry ? canonicalName(*entry) : key;
    return std::find(explicitKeys.begin(), explicitKeys.end(), canonical) != explicitKeys.end();
}

std::string BrokerConfig::defaultDataDir()
{
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return std::string(xdg) + "/samsa/broker";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/samsa/broker";
}

} // namespace samsa::broker

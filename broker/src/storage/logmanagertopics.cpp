// LogManager's topic administration: create, delete, grow, configure, describe.

#include "storage/logmanager.h"

#include "common/log.h"
#include "storage/fileutil.h"
#include "storage/logmanagerimpl.h"
#include "storage/openfilecache.h"
#include "storage/topicstore.h"

#include <algorithm>
#include <cstdlib>
#include <random>

namespace samsa::broker {

namespace {

constexpr int32_t MaxPartitions = 100000;
constexpr size_t MaxTopicNameLength = 249;

TopicResult error(ErrorCode code, std::string message)
{
    return {code, std::move(message)};
}

TopicId randomTopicId()
{
    std::random_device random;
    TopicId id{};
    do {
        for (auto& byte : id)
            byte = static_cast<uint8_t>(random());
    } while (id == TopicId{});
    return id;
}

bool isInternalTopic(const std::string& name)
{
    return name == "__consumer_offsets" || name == "__transaction_state";
}

// Descriptors a creation needs free besides the cache of open segment files: the one new segment
// at a time (the cache closes another for it), the directory listed or synced, the topics file
// and its temporary, and room for a few connections meanwhile.
constexpr int64_t DescriptorReserve = 32;

// A fault to test rollback with: SAMSA_BROKER_FAIL_PARTITION=N makes creating partition N of
// any topic fail as a disk error would. Read once; unset in normal use.
int32_t injectedFailingPartition()
{
    static const int32_t index = [] {
        const char* text = std::getenv("SAMSA_BROKER_FAIL_PARTITION");
        return text ? static_cast<int32_t>(std::strtol(text, nullptr, 10)) : -1;
    }();
    return index;
}

} // namespace

TopicResult LogManager::checkRoomFor(int64_t partitions) const
{
    Impl& d = *m_impl;
    int64_t hosted = 0;
    {
        std::shared_lock lock(d.mapMutex);
        for (const auto& [name, topic] : d.topics)
            hosted += topic.description.partitionCount;
    }
    if (hosted + partitions > m_config.maxBrokerPartitions)
        return error(ErrorCode::PolicyViolation,
                     "This broker hosts " + std::to_string(hosted) + " partitions; " + std::to_string(partitions)
                         + " more would exceed max.broker.partitions " + std::to_string(m_config.maxBrokerPartitions)
                         + ".");
    int64_t free = fileutil::freeDescriptors();
    if (free < DescriptorReserve) {
        auto& cache = OpenFileCache::instance();
        const auto cached = static_cast<int64_t>(cache.openCount());
        cache.trim(static_cast<size_t>(std::max<int64_t>(0, cached - (DescriptorReserve - free))));
        free = fileutil::freeDescriptors();
    }
    if (free < DescriptorReserve)
        return error(ErrorCode::KafkaStorageError,
                     "Too few free file descriptors (" + std::to_string(free) + ", at least "
                         + std::to_string(DescriptorReserve) + " needed): raise the broker's ulimit -n.");
    return {};
}

TopicResult LogManager::openNewPartitions(const std::string& name, int32_t from, int32_t to, const TopicConfig& config,
                                          std::vector<std::shared_ptr<PartitionLog>>* logs)
{
    Impl& d = *m_impl;
    std::string message;
    for (int32_t p = from; p < to; ++p) {
        const std::string directory = d.dataDir + "/" + name + "-" + std::to_string(p);
        fileutil::removeTree(directory, nullptr); // never inherit data of an earlier topic of this name
        std::shared_ptr<PartitionLog> partition;
        if (p == injectedFailingPartition()) {
            fileutil::makeDirectories(directory, nullptr); // as far as a real failure might get
            message = "cannot create partition " + name + "-" + std::to_string(p) + ": injected fault";
        } else {
            partition = PartitionLog::open(directory, name, p, config, &message);
        }
        if (!partition) {
            log(LogLevel::Error, "creating %s: %s; undoing partitions %d to %d", name.c_str(), message.c_str(), from, p);
            removeNewPartitions(name, from, p + 1, logs);
            return error(ErrorCode::KafkaStorageError, message);
        }
        logs->push_back(std::move(partition));
    }
    return {};
}

void LogManager::removeNewPartitions(const std::string& name, int32_t from, int32_t to,
                                     std::vector<std::shared_ptr<PartitionLog>>* logs)
{
    Impl& d = *m_impl;
    for (const auto& partition : *logs)
        partition->markDeleted();
    logs->clear(); // closes their segment files: no client has seen them
    for (int32_t p = from; p < to; ++p) {
        std::string message;
        if (!fileutil::removeTree(d.dataDir + "/" + name + "-" + std::to_string(p), &message))
            log(LogLevel::Warning, "undoing the creation of %s: %s", name.c_str(), message.c_str());
    }
    fileutil::syncDirectory(d.dataDir);
}

bool LogManager::isValidTopicName(const std::string& name, std::string* message)
{
    auto fail = [message](std::string text) {
        if (message)
            *message = std::move(text);
        return false;
    };
    if (name.empty())
        return fail("Topic name is illegal, it can't be empty");
    if (name == "." || name == "..")
        return fail("Topic name cannot be \".\" or \"..\"");
    if (name.size() > MaxTopicNameLength)
        return fail("Topic name is illegal, it can't be longer than 249 characters, topic name: " + name);
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '_' || c == '-';
        if (!ok)
            return fail("Topic name \"" + name
                        + "\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
    }
    return true;
}

TopicResult LogManager::createTopic(const std::string& name, int32_t partitions, const ConfigMap& configs,
                                    bool validateOnly)
{
    std::string message;
    if (!isValidTopicName(name, &message))
        return error(ErrorCode::InvalidTopicException, message);
    if (partitions == -1)
        partitions = m_config.numPartitions;
    if (partitions <= 0 || partitions > MaxPartitions)
        return error(ErrorCode::InvalidPartitions,
                     "Number of partitions must be larger than 0 (and at most 100000), or -1 to use the default");
    if (TopicConfig::validate(configs, &message) != ErrorCode::None)
        return error(ErrorCode::InvalidConfig, message);

    Impl& d = *m_impl;
    std::lock_guard admin(d.adminMutex);
    {
        std::shared_lock lock(d.mapMutex);
        if (d.topics.count(name))
            return error(ErrorCode::TopicAlreadyExists, "Topic '" + name + "' already exists.");
    }
    if (const auto room = checkRoomFor(partitions); room.error != ErrorCode::None)
        return room;
    if (validateOnly)
        return {};

    Impl::Topic topic;
    topic.description.name = name;
    topic.description.id = randomTopicId();
    topic.description.partitionCount = partitions;
    topic.description.internal = isInternalTopic(name);
    topic.description.overrides = configs;
    const TopicConfig config = TopicConfig::resolve(configs, m_config);
    if (auto opened = openNewPartitions(name, 0, partitions, config, &topic.partitions); opened.error != ErrorCode::None)
        return opened;
    std::vector<TopicDescription> all;
    {
        std::shared_lock lock(d.mapMutex);
        all = d.descriptionsLocked();
    }
    all.push_back(topic.description);
    if (!topicstore::save(d.topicsPath(), all, &message)) {
        removeNewPartitions(name, 0, partitions, &topic.partitions);
        return error(ErrorCode::KafkaStorageError, message);
    }
    {
        std::unique_lock lock(d.mapMutex);
        d.topics.emplace(name, std::move(topic));
    }
    log(LogLevel::Info, "created topic %s with %d partition(s)", name.c_str(), partitions);
    return {};
}

TopicResult LogManager::deleteTopic(const std::string& name)
{
    Impl& d = *m_impl;
    std::lock_guard admin(d.adminMutex);
    std::vector<TopicDescription> remaining;
    {
        std::shared_lock lock(d.mapMutex);
        if (!d.topics.count(name))
            return error(ErrorCode::UnknownTopicOrPartition, "This server does not host this topic: " + name);
        for (const auto& description : d.descriptionsLocked()) {
            if (description.name != name)
                remaining.push_back(description);
        }
    }
    if (!m_config.deleteTopicEnable)
        return error(ErrorCode::TopicDeletionDisabled, "Topic deletion is disabled (delete.topic.enable=false)");
    std::string message;
    if (!topicstore::save(d.topicsPath(), remaining, &message))
        return error(ErrorCode::KafkaStorageError, message);
    Impl::Topic topic;
    {
        std::unique_lock lock(d.mapMutex);
        auto it = d.topics.find(name);
        topic = std::move(it->second);
        d.topics.erase(it);
    }
    // Fetches still sending from these files keep their descriptors; the data is gone for everyone else.
    for (const auto& partition : topic.partitions) {
        partition->markDeleted();
        if (!fileutil::removeTree(partition->directory(), &message))
            log(LogLevel::Warning, "deleting topic %s: %s", name.c_str(), message.c_str());
    }
    fileutil::syncDirectory(d.dataDir);
    log(LogLevel::Info, "deleted topic %s", name.c_str());
    return {};
}

TopicResult LogManager::createPartitions(const std::string& name, int32_t newTotal, bool validateOnly)
{
    Impl& d = *m_impl;
    std::lock_guard admin(d.adminMutex);
    TopicDescription description;
    {
        std::shared_lock lock(d.mapMutex);
        const auto it = d.topics.find(name);
        if (it == d.topics.end())
            return error(ErrorCode::UnknownTopicOrPartition, "This server does not host this topic: " + name);
        description = it->second.description;
    }
    if (newTotal <= description.partitionCount)
        return error(ErrorCode::InvalidPartitions, "Topic currently has " + std::to_string(description.partitionCount)
                                                       + " partitions, which is higher than or equal to the requested "
                                                       + std::to_string(newTotal) + ".");
    if (newTotal > MaxPartitions)
        return error(ErrorCode::InvalidPartitions, "at most 100000 partitions per topic");
    if (const auto room = checkRoomFor(newTotal - description.partitionCount); room.error != ErrorCode::None)
        return room;
    if (validateOnly)
        return {};
    std::string message;
    const TopicConfig config = TopicConfig::resolve(description.overrides, m_config);
    std::vector<std::shared_ptr<PartitionLog>> added;
    if (auto opened = openNewPartitions(name, description.partitionCount, newTotal, config, &added);
        opened.error != ErrorCode::None)
        return opened;
    std::vector<TopicDescription> all;
    {
        std::shared_lock lock(d.mapMutex);
        all = d.descriptionsLocked();
    }
    for (auto& entry : all) {
        if (entry.name == name)
            entry.partitionCount = newTotal;
    }
    if (!topicstore::save(d.topicsPath(), all, &message)) {
        removeNewPartitions(name, description.partitionCount, newTotal, &added);
        return error(ErrorCode::KafkaStorageError, message);
    }
    {
        std::unique_lock lock(d.mapMutex);
        auto& topic = d.topics[name];
        topic.description.partitionCount = newTotal;
        topic.partitions.insert(topic.partitions.end(), added.begin(), added.end());
    }
    log(LogLevel::Info, "topic %s now has %d partitions", name.c_str(), newTotal);
    return {};
}

TopicResult LogManager::alterConfigs(const std::string& name, const ConfigMap& configs, bool validateOnly)
{
    Impl& d = *m_impl;
    std::lock_guard admin(d.adminMutex);
    std::vector<TopicDescription> all;
    {
        std::shared_lock lock(d.mapMutex);
        if (!d.topics.count(name))
            return error(ErrorCode::UnknownTopicOrPartition, "This server does not host this topic: " + name);
        all = d.descriptionsLocked();
    }
    std::string message;
    if (TopicConfig::validate(configs, &message) != ErrorCode::None)
        return error(ErrorCode::InvalidConfig, message);
    if (validateOnly)
        return {};
    for (auto& entry : all) {
        if (entry.name == name)
            entry.overrides = configs;
    }
    if (!topicstore::save(d.topicsPath(), all, &message))
        return error(ErrorCode::KafkaStorageError, message);
    const TopicConfig config = TopicConfig::resolve(configs, m_config);
    std::unique_lock lock(d.mapMutex);
    auto& topic = d.topics[name];
    topic.description.overrides = configs;
    for (const auto& partition : topic.partitions)
        partition->setConfig(config);
    return {};
}

TopicResult LogManager::incrementalAlterConfigs(const std::string& name, const std::vector<ConfigAlteration>& changes,
                                                bool validateOnly)
{
    ConfigMap overrides;
    {
        std::shared_lock lock(m_impl->mapMutex);
        const auto it = m_impl->topics.find(name);
        if (it == m_impl->topics.end())
            return error(ErrorCode::UnknownTopicOrPartition, "This server does not host this topic: " + name);
        overrides = it->second.description.overrides;
    }
    std::string message;
    for (const auto& change : changes) {
        const ErrorCode code = TopicConfig::apply(overrides, change, &message);
        if (code != ErrorCode::None)
            return error(code, message);
    }
    // Another admin request may have changed the topic in between; last writer wins, as in Kafka.
    return alterConfigs(name, overrides, validateOnly);
}

std::vector<TopicDescription> LogManager::topics() const
{
    std::shared_lock lock(m_impl->mapMutex);
    return m_impl->descriptionsLocked();
}

std::optional<TopicDescription> LogManager::topic(const std::string& name) const
{
    std::shared_lock lock(m_impl->mapMutex);
    const auto it = m_impl->topics.find(name);
    if (it == m_impl->topics.end())
        return std::nullopt;
    return it->second.description;
}

std::optional<TopicDescription> LogManager::topicById(const TopicId& id) const
{
    std::shared_lock lock(m_impl->mapMutex);
    for (const auto& [name, topic] : m_impl->topics) {
        if (topic.description.id == id)
            return topic.description;
    }
    return std::nullopt;
}

std::shared_ptr<PartitionLog> LogManager::partition(const std::string& topicName, int32_t index) const
{
    std::shared_lock lock(m_impl->mapMutex);
    const auto it = m_impl->topics.find(topicName);
    if (it == m_impl->topics.end() || index < 0 || index >= static_cast<int32_t>(it->second.partitions.size()))
        return nullptr;
    return it->second.partitions[static_cast<size_t>(index)];
}

DescribeConfigsResult LogManager::describeTopicConfigs(const std::string& name) const
{
    DescribeConfigsResult result;
    const auto description = topic(name);
    if (!description) {
        result.error = ErrorCode::UnknownTopicOrPartition;
        result.message = "This server does not host this topic: " + name;
        return result;
    }
    std::shared_lock lock(m_configMutex);
    result.configs = TopicConfig::describe(description->overrides, m_config);
    return result;
}

} // namespace samsa::broker

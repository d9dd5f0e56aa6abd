#include "storage/logmanager.h"

#include "common/log.h"
#include "storage/configparse.h"
#include "storage/fileutil.h"
#include "storage/logmanagerimpl.h"
#include "storage/openfilecache.h"
#include "storage/topicstore.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace samsa::broker {

namespace {

constexpr int64_t ProducerIdBlock = 1000;
constexpr auto BackgroundTick = std::chrono::milliseconds(200);

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string randomClusterId()
{
    std::random_device random;
    uint8_t bytes[16];
    for (auto& byte : bytes)
        byte = static_cast<uint8_t>(random());
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40); // a version-4 UUID, as Kafka's Uuid.randomUuid
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (const uint8_t byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 6) {
            out += alphabet[(buffer >> (bits - 6)) & 0x3F];
            bits -= 6;
        }
    }
    if (bits > 0)
        out += alphabet[(buffer << (6 - bits)) & 0x3F];
    return out; // 22 characters: URL-safe base64 without padding
}

// Connections and fetches in flight take descriptors beside the cache of open segment files:
// take the hard limit rather than the usual soft 1024 when we may. Returns the soft limit.
int64_t raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur == RLIM_INFINITY ? INT64_MAX : static_cast<int64_t>(limit.rlim_cur);
}

// log.open.files.max, or half of the descriptors (the other half is for connections, fetches in
// flight, index and metadata files), at most 4096: more open files buy little once the recently
// written and read ones are in.
size_t openFileCapacity(int64_t configured, int64_t descriptorLimit)
{
    if (configured > 0)
        return static_cast<size_t>(configured);
    return static_cast<size_t>(std::clamp<int64_t>(descriptorLimit / 2, 16, 4096));
}

// How many threads close partitions at shutdown: fdatasync waits on the disk, so a few run at once.
constexpr size_t ShutdownThreads = 8;

} // namespace

std::map<std::string, std::string> parseProperties(const std::string& text)
{
    std::map<std::string, std::string> properties;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        const auto equals = line.find('=');
        if (line.empty() || line[0] == '#' || equals == std::string::npos)
            continue;
        properties[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return properties;
}

std::string LogManager::Impl::topicsPath() const
{
    return dataDir + "/topics";
}

std::vector<TopicDescription> LogManager::Impl::descriptionsLocked() const
{
    std::vector<TopicDescription> out;
    for (const auto& [name, topic] : topics)
        out.push_back(topic.description);
    return out;
}

std::vector<std::shared_ptr<PartitionLog>> LogManager::Impl::allPartitions() const
{
    std::shared_lock lock(mapMutex);
    std::vector<std::shared_ptr<PartitionLog>> out;
    for (const auto& [name, topic] : topics)
        out.insert(out.end(), topic.partitions.begin(), topic.partitions.end());
    return out;
}

LogManager::LogManager(const BrokerConfig& config)
    : m_impl(std::make_unique<Impl>())
    , m_config(config)
{
    m_impl->dataDir = config.dataDir;
}

LogManager::~LogManager()
{
    shutdown();
}

std::unique_ptr<LogManager> LogManager::open(const BrokerConfig& config, std::string* error)
{
    auto fail = [error](const std::string& message) {
        if (error)
            *error = message;
        return std::unique_ptr<LogManager>();
    };
    BrokerConfig effective = config;
    if (effective.dataDir.empty())
        effective.dataDir = BrokerConfig::defaultDataDir();
    while (effective.dataDir.size() > 1 && effective.dataDir.back() == '/')
        effective.dataDir.pop_back();
    std::string message;
    if (!fileutil::makeDirectories(effective.dataDir, &message))
        return fail("data directory " + effective.dataDir + " cannot be created: " + message);

    OpenFileCache::instance().setCapacity(openFileCapacity(effective.logOpenFilesMax, raiseFileLimit()));
    std::unique_ptr<LogManager> manager(new LogManager(effective));
    Impl& d = *manager->m_impl;
    const std::string lockPath = effective.dataDir + "/.lock";
    d.lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (d.lockFd < 0)
        return fail(fileutil::errnoMessage("data directory " + effective.dataDir + " is not writable"));
    if (::flock(d.lockFd, LOCK_EX | LOCK_NB) != 0)
        return fail("data directory " + effective.dataDir + " is in use by another samsa-broker");
    if (::access(effective.dataDir.c_str(), W_OK) != 0)
        return fail(fileutil::errnoMessage("data directory " + effective.dataDir + " is not writable"));

    // meta.properties: the cluster id and node id survive restarts.
    const std::string metaPath = effective.dataDir + "/meta.properties";
    auto properties = parseProperties(fileutil::readFile(metaPath).value_or(std::string()));
    manager->m_clusterId = properties.count("cluster.id") ? properties["cluster.id"] : randomClusterId();
    int32_t storedNode = -1;
    if (properties.count("node.id"))
        storedNode = static_cast<int32_t>(configparse::parseInteger(properties["node.id"], 0, INT32_MAX).value_or(-1));
    if (effective.nodeId >= 0 && storedNode >= 0 && effective.nodeId != storedNode)
        log(LogLevel::Warning, "node id %d from the command line replaces %d stored in %s", effective.nodeId,
            storedNode, metaPath.c_str());
    manager->m_nodeId = effective.nodeId >= 0 ? effective.nodeId : storedNode >= 0 ? storedNode : 1;
    manager->m_config.nodeId = manager->m_nodeId;
    if (!properties.count("cluster.id") || storedNode != manager->m_nodeId) {
        const std::string content = "#samsa-broker meta data\nversion=1\ncluster.id=" + manager->m_clusterId
            + "\nnode.id=" + std::to_string(manager->m_nodeId) + "\n";
        if (!fileutil::writeFileAtomically(metaPath, content, &message))
            return fail("data directory " + effective.dataDir + " is not writable: " + message);
    }

    // Producer ids are handed out in blocks; the end of the current block is stored first, so a
    // restart continues after every id that may have been used.
    if (const auto text = fileutil::readFile(effective.dataDir + "/producer-ids"))
        d.nextProducerId = configparse::parseInteger(*text, 1, INT64_MAX / 2).value_or(1);
    d.producerIdBlockEnd = d.nextProducerId;

    if (!manager->loadDynamicConfigs(&message))
        return fail(message);

    auto topics = topicstore::load(d.topicsPath(), &message);
    if (!topics)
        return fail(message);
    for (const auto& description : *topics) {
        // The name becomes a directory name: a damaged file must not lead outside the data dir.
        if (!isValidTopicName(description.name, nullptr))
            return fail(d.topicsPath() + ": damaged topic name '" + description.name + "'");
        Impl::Topic topic;
        topic.description = description;
        const TopicConfig topicConfig = TopicConfig::resolve(description.overrides, manager->m_config);
        for (int32_t p = 0; p < description.partitionCount; ++p) {
            auto partition = PartitionLog::open(effective.dataDir + "/" + description.name + "-" + std::to_string(p),
                                                description.name, p, topicConfig, &message);
            if (!partition)
                return fail("cannot open partition " + description.name + "-" + std::to_string(p) + ": " + message);
            topic.partitions.push_back(std::move(partition));
        }
        d.topics.emplace(description.name, std::move(topic));
    }
    // Directories of topics that are gone (a crash between writing the topics file and removing
    // the data) are removed now, so a re-created topic starts empty.
    for (const auto& name : fileutil::listDirectory(effective.dataDir)) {
        const auto dash = name.rfind('-');
        if (dash == std::string::npos || dash == 0)
            continue;
        const auto index = configparse::parseInteger(name.substr(dash + 1), 0, INT32_MAX);
        if (!index)
            continue;
        const auto it = d.topics.find(name.substr(0, dash));
        if (it == d.topics.end() || *index >= it->second.description.partitionCount) {
            log(LogLevel::Info, "removing leftover partition directory %s", name.c_str());
            fileutil::removeTree(effective.dataDir + "/" + name, nullptr);
        }
    }

    LogManager* self = manager.get();
    d.background = std::thread([self] {
        Impl& state = *self->m_impl;
        int64_t lastRetention = nowMs();
        std::unique_lock lock(state.backgroundMutex);
        while (!state.stopping) {
            state.backgroundWake.wait_for(lock, BackgroundTick);
            if (state.stopping)
                break;
            lock.unlock();
            const int64_t now = nowMs();
            for (const auto& partition : state.allPartitions())
                partition->flushIfDue(now);
            if (now - lastRetention >= self->m_config.retentionCheckIntervalMs) {
                lastRetention = now;
                self->runRetention(now);
            }

            lock.lock();
        }
    });
    d.cleaner = std::thread([self] {
        Impl& state = *self->m_impl;
        const double bytesPerSecond = self->m_config.cleanerIoMaxBytesPerSecond;
        // Paces the cleaning to the I/O bound: before each segment, waits until the bytes cleaned
        // so far fit the rate since the pass began; false once the broker is stopping.
        const auto pace = [&state, bytesPerSecond](int64_t passStartMs, int64_t* cleaned, int64_t bytes) {
            *cleaned += bytes;
            std::unique_lock lock(state.backgroundMutex);
            if (bytesPerSecond > 0) {
                const auto dueMs = passStartMs + static_cast<int64_t>(static_cast<double>(*cleaned) * 1000.0 / bytesPerSecond);
                const int64_t waitMs = dueMs - nowMs();
                if (waitMs > 0)
                    state.backgroundWake.wait_for(lock, std::chrono::milliseconds(waitMs), [&state] { return state.stopping; });
            }
            return !state.stopping;
        };
        std::unique_lock lock(state.backgroundMutex);
        while (!state.stopping) {
            state.backgroundWake.wait_for(lock, std::chrono::milliseconds(self->m_config.cleanerBackoffMs),
                [&state] { return state.stopping; });
            if (state.stopping)
                break;
            lock.unlock();
            const int64_t start = nowMs();
            int64_t cleaned = 0;
            for (const auto& partition : state.allPartitions())
                partition->compact(start, [&](int64_t bytes) { return pace(start, &cleaned, bytes); });
            lock.lock();
        }
    });
    log(LogLevel::Info, "storage in %s: cluster %s, node %d, %zu topic(s)", effective.dataDir.c_str(),
        manager->m_clusterId.c_str(), manager->m_nodeId, d.topics.size());
    return manager;
}

int64_t LogManager::nextProducerId()
{
    Impl& d = *m_impl;
    std::lock_guard lock(d.producerIdMutex);
    if (d.nextProducerId >= d.producerIdBlockEnd) {
        const int64_t end = d.nextProducerId + ProducerIdBlock;
        std::string error;
        if (!fileutil::writeFileAtomically(d.dataDir + "/producer-ids", std::to_string(end), &error)) {
            log(LogLevel::Error, "cannot store producer ids: %s", error.c_str());
            return -1;
        }
        d.producerIdBlockEnd = end;
    }
    return d.nextProducerId++;
}

std::vector<LogDirDescription> LogManager::logDirs() const
{
    LogDirDescription dir;
    dir.path = m_impl->dataDir;
    struct statvfs info{};
    if (::statvfs(dir.path.c_str(), &info) == 0) {
        dir.totalBytes = static_cast<int64_t>(info.f_blocks) * static_cast<int64_t>(info.f_frsize);
        dir.usableBytes = static_cast<int64_t>(info.f_bavail) * static_cast<int64_t>(info.f_frsize);
    }
    for (const auto& partition : m_impl->allPartitions())
        dir.partitions.push_back({partition->topic(), partition->partition(), partition->sizeBytes()});
    return {dir};
}

void LogManager::runRetention(int64_t now)
{
    for (const auto& partition : m_impl->allPartitions())
        partition->applyRetention(now);
}

void LogManager::flushAll()
{
    for (const auto& partition : m_impl->allPartitions())
        partition->flush();
}

void LogManager::shutdown()
{
    Impl& d = *m_impl;
    {
        std::lock_guard lock(d.backgroundMutex);
        if (d.shutDown)
            return;
        d.shutDown = true;
        d.stopping = true;
    }
    d.backgroundWake.notify_all();
    if (d.background.joinable())
        d.background.join();
    if (d.cleaner.joinable())
        d.cleaner.join();
    // Only partitions with unflushed data cost anything to close (an fdatasync); run those side
    // by side, so that stopping takes about the longest sync rather than their sum.
    const auto partitions = d.allPartitions();
    std::atomic<size_t> next{0};
    const auto closeSome = [&partitions, &next] {
        for (size_t i = next++; i < partitions.size(); i = next++)
            partitions[i]->close();
    };
    std::vector<std::thread> closers;
    for (size_t t = 1; t < std::min(ShutdownThreads, partitions.size()); ++t)
        closers.emplace_back(closeSome);
    closeSome();
    for (auto& closer : closers)
        closer.join();
    if (d.lockFd >= 0) {
        ::close(d.lockFd);
        d.lockFd = -1;
    }
}

} // namespace samsa::broker

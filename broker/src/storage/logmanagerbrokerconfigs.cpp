// LogManager's dynamic broker configs: AlterConfigs and IncrementalAlterConfigs on the broker
// resource, kept in DATA/dynamic-configs (KEY=VALUE lines) and applied to every topic that
// inherits them. One level only: the resource name "" (Kafka's cluster default) and this node's
// id change the same values, which a single-node cluster cannot tell apart.

#include "storage/logmanager.h"

#include "common/log.h"
#include "storage/fileutil.h"
#include "storage/logmanagerimpl.h"

namespace samsa::broker {

namespace {

const char* const DynamicConfigsFile = "/dynamic-configs";

std::string serialize(const ConfigMap& values)
{
    std::string text = "# samsa-broker: broker configs set with AlterConfigs\n";
    for (const auto& [key, value] : values)
        text += key + "=" + value + "\n";
    return text;
}

} // namespace

bool LogManager::loadDynamicConfigs(std::string* error)
{
    const std::string path = m_impl->dataDir + DynamicConfigsFile;
    const auto text = fileutil::readFile(path);
    if (!text)
        return true;
    std::string message;
    if (!m_config.setDynamic(parseProperties(*text), &message)) {
        *error = path + ": " + message;
        return false;
    }
    return true;
}

std::vector<ConfigDescription> LogManager::describeBrokerConfigs() const
{
    std::shared_lock lock(m_configMutex);
    return m_config.describe();
}

TopicResult LogManager::alterBrokerConfigs(const ConfigMap& values, bool validateOnly)
{
    Impl& d = *m_impl;
    std::lock_guard admin(d.adminMutex);
    BrokerConfig trial = m_config; // adminMutex: no other writer
    std::string message;
    if (!trial.setDynamic(values, &message))
        return { ErrorCode::InvalidConfig, message };
    if (validateOnly)
        return {};
    if (!fileutil::writeFileAtomically(d.dataDir + DynamicConfigsFile, serialize(values), &message))
        return { ErrorCode::KafkaStorageError, message };
    {
        std::unique_lock lock(m_configMutex);
        m_config.setDynamic(values, &message); // cannot fail: the trial passed
    }
    // Every topic resolves its settings again, so that those inheriting a changed key follow it.
    std::unique_lock lock(d.mapMutex);
    for (auto& [name, topic] : d.topics) {
        const TopicConfig config = TopicConfig::resolve(topic.description.overrides, m_config);
        for (const auto& partition : topic.partitions)
            partition->setConfig(config);
    }
    log(LogLevel::Info, "dynamic broker configs now: %s", values.empty() ? "none" : serialize(values).c_str());
    return {};
}

TopicResult LogManager::incrementalAlterBrokerConfigs(const std::vector<ConfigAlteration>& changes, bool validateOnly)
{
    ConfigMap values;
    {
        std::shared_lock lock(m_configMutex);
        values = m_config.dynamicValues;
    }
    for (const auto& change : changes) {
        if (change.op == AlterConfigOp::Set)
            values[change.name] = change.value;
        else if (change.op == AlterConfigOp::Delete)
            values.erase(change.name);
        else
            return { ErrorCode::InvalidRequest, "APPEND and SUBTRACT are not supported for broker configs" };
    }
    // Another admin request may have changed them in between; last writer wins, as for topics.
    return alterBrokerConfigs(values, validateOnly);
}

} // namespace samsa::broker

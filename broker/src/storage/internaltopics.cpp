#include "storage/internaltopics.h"

#include <map>
#include <mutex>

namespace samsa::broker::internaltopics {

namespace {

std::mutex claimsMutex;
// Per log manager: topic -> what owns it, for the refusal message.
std::map<const LogManager*, std::map<std::string, std::string>> claims;

} // namespace

void claim(const LogManager& logs, const std::string& topic, const std::string& owner)
{
    std::lock_guard lock(claimsMutex);
    claims[&logs][topic] = owner;
}

void release(const LogManager& logs, const std::string& topic)
{
    std::lock_guard lock(claimsMutex);
    auto it = claims.find(&logs);
    if (it == claims.end())
        return;
    it->second.erase(topic);
    if (it->second.empty())
        claims.erase(it);
}

bool isKafkaInternal(const std::string& topic)
{
    return topic == "__consumer_offsets" || topic == "__transaction_state";
}

std::string clientWriteRefusal(const LogManager& logs, const std::string& topic)
{
    // Every internal name starts with an underscore: other topics never take the lock.
    if (topic.empty() || topic[0] != '_')
        return {};
    if (isKafkaInternal(topic))
        return "Cannot write to the internal topic " + topic + ": the broker writes it itself";
    std::lock_guard lock(claimsMutex);
    auto it = claims.find(&logs);
    if (it == claims.end())
        return {};
    auto owner = it->second.find(topic);
    return owner == it->second.end() ? std::string() : "Cannot write to " + topic + ": " + owner->second + " writes it";
}

} // namespace samsa::broker::internaltopics

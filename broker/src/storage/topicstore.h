#pragma once

#include "storage/logmanager.h"

#include <optional>
#include <string>
#include <vector>

namespace samsa::broker::topicstore {

// The durable list of topics: one line per topic, tab-separated, with backslash escapes:
//   samsa-topics 1
//   <name> TAB <32 hex digits id> TAB <partitions> TAB <internal 0|1> [TAB <key>=<value>]...
// Written with fileutil::writeFileAtomically.
bool save(const std::string& path, const std::vector<TopicDescription>& topics, std::string* error);

// Empty list when the file does not exist yet; nullopt with *error when it is unreadable or damaged.
std::optional<std::vector<TopicDescription>> load(const std::string& path, std::string* error);

std::string toHex(const TopicId& id);

} // namespace samsa::broker::topicstore

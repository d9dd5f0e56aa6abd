#pragma once

#include <string>

namespace samsa::broker {

// A sentence on what a topic config does, for DescribeConfigs v3+ with IncludeDocumentation (the
// app shows it when a topic is created or a config edited). Empty for an unknown name.
std::string topicConfigDocumentation(const std::string& name);

} // namespace samsa::broker

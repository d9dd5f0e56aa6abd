#pragma once

// Parsing of config values as Kafka writes them, shared by broker and topic configs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samsa::broker::configparse {

// A decimal integer within [min, max], nothing else on the line (no spaces, no suffixes).
std::optional<int64_t> parseInteger(const std::string& text, int64_t min, int64_t max);
// A decimal number such as 0.5 within [min, max].
std::optional<double> parseDouble(const std::string& text, double min, double max);
// "true" or "false", case-insensitively, as Java's ConfigDef accepts.
std::optional<bool> parseBool(const std::string& text);
// A comma-separated list; items are trimmed and empty items dropped.
std::vector<std::string> parseList(const std::string& text);
std::string joinList(const std::vector<std::string>& items);

} // namespace samsa::broker::configparse

#pragma once

#include "common/errors.h"

#include <optional>
#include <string>

namespace samsa::broker::api {

// The error text a client may see: null for success or no text; otherwise the text with every server
// file path (a word starting with '/') replaced by "<path>", since the data directory's location is
// none of a client's business. When something was replaced the full text is logged here instead.
std::optional<std::string> clientErrorMessage(ErrorCode error, const std::string& message);

// The same rewriting without the null cases, for fields that are plain strings.
std::string withoutServerPaths(const std::string& message);

} // namespace samsa::broker::api

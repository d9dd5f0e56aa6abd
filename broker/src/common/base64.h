#pragma once

// Base64 (RFC 4648, standard alphabet, padded), strict on input: SCRAM messages carry their
// salts, proofs and channel bindings in it, and a lax decoder would accept what a client did not send.

#include <optional>
#include <string>
#include <string_view>

namespace samsa::broker {

std::string encodeBase64(std::string_view data);

// nullopt for a length that is not a multiple of 4, a character outside the alphabet, padding
// anywhere but at the end, or non-zero bits left in the padding.
std::optional<std::string> decodeBase64(std::string_view text);

} // namespace samsa::broker

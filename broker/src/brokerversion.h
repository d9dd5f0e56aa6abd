#pragma once

namespace samsa::broker {
inline constexpr const char* version() { return SAMSA_BROKER_VERSION; }
} // namespace samsa::broker

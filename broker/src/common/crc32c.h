#pragma once

#include <cstdint>
#include <span>

namespace samsa::broker {

// CRC-32C (Castagnoli), as used by record batch v2. Uses the SSE 4.2 crc32 instruction when the
// CPU has it and a table otherwise. crc32c(b, crc32c(a)) == crc32c(a followed by b).
uint32_t crc32c(std::span<const uint8_t> data, uint32_t previous = 0);

} // namespace samsa::broker

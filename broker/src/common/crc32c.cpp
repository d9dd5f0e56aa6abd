#include "common/crc32c.h"

#include <array>
#include <cstring>

namespace samsa::broker {

namespace {

constexpr uint32_t Polynomial = 0x82F63B78u; // reversed Castagnoli

struct Tables {
    std::array<std::array<uint32_t, 256>, 8> t{};
    constexpr Tables()
    {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t crc = i;
            for (int bit = 0; bit < 8; ++bit)
                crc = (crc & 1) ? (crc >> 1) ^ Polynomial : crc >> 1;
            t[0][i] = crc;
        }
        for (uint32_t i = 0; i < 256; ++i)
            for (size_t k = 1; k < 8; ++k)
                t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
    }
};

constexpr Tables tables;

uint32_t softwareCrc(const uint8_t* data, size_t size, uint32_t crc)
{
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, data, 8);
        word ^= crc; // little-endian hosts only, as is every machine we build for
        crc = tables.t[7][word & 0xFF] ^ tables.t[6][(word >> 8) & 0xFF] ^ tables.t[5][(word >> 16) & 0xFF]
            ^ tables.t[4][(word >> 24) & 0xFF] ^ tables.t[3][(word >> 32) & 0xFF] ^ tables.t[2][(word >> 40) & 0xFF]
            ^ tables.t[1][(word >> 48) & 0xFF] ^ tables.t[0][word >> 56];
        data += 8;
        size -= 8;
    }
    while (size--)
        crc = (crc >> 8) ^ tables.t[0][(crc ^ *data++) & 0xFF];
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t hardwareCrc(const uint8_t* data, size_t size, uint32_t crc)
{
    uint64_t value = crc;
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, data, 8);
        value = __builtin_ia32_crc32di(value, word);
        data += 8;
        size -= 8;
    }
    auto small = static_cast<uint32_t>(value);
    while (size--)
        small = __builtin_ia32_crc32qi(small, *data++);
    return small;
}

bool haveHardwareCrc()
{
    static const bool have = __builtin_cpu_supports("sse4.2");
    return have;
}
#endif

} // namespace

uint32_t crc32c(std::span<const uint8_t> data, uint32_t previous)
{
    const uint32_t crc = ~previous;
#if defined(__x86_64__)
    if (haveHardwareCrc())
        return ~hardwareCrc(data.data(), data.size(), crc);
#endif
    return ~softwareCrc(data.data(), data.size(), crc);
}

} // namespace samsa::broker

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
__attribute__((target("sse4.2"))) uint32_t hardwareCrcSerial(const uint8_t* data, size_t size, uint32_t crc)
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

// The crc32 instruction takes 3 cycles but can start one every cycle, so three independent streams
// run about three times as fast as one. A buffer is cut into three blocks of Block bytes whose CRCs
// are computed side by side and then joined: the CRC register is linear, so
// crc(v, A B) = shift(crc(v, A)) ^ crc(0, B), shift being the effect of Block zero bytes, which
// these tables apply a byte of the register at a time.
constexpr size_t Block = 4096;

struct BlockShift {
    std::array<std::array<uint32_t, 256>, 4> t {};

    BlockShift()
    {
        static const std::array<uint8_t, Block> zeros {};
        std::array<uint32_t, 32> basis {};
        for (int bit = 0; bit < 32; ++bit)
            basis[size_t(bit)] = hardwareCrcSerial(zeros.data(), zeros.size(), uint32_t(1) << bit);
        for (size_t k = 0; k < 4; ++k) {
            for (uint32_t b = 0; b < 256; ++b) {
                uint32_t v = 0;
                for (int i = 0; i < 8; ++i) {
                    if (b & (1u << i))
                        v ^= basis[k * 8 + size_t(i)];
                }
                t[k][b] = v;
            }
        }
    }

    uint32_t operator()(uint32_t crc) const
    {
        return t[0][crc & 0xFF] ^ t[1][(crc >> 8) & 0xFF] ^ t[2][(crc >> 16) & 0xFF] ^ t[3][crc >> 24];
    }
};

__attribute__((target("sse4.2"))) uint32_t hardwareCrc(const uint8_t* data, size_t size, uint32_t crc)
{
    if (size >= 3 * Block) {
        static const BlockShift shift;
        while (size >= 3 * Block) {
            uint64_t a = crc, b = 0, c = 0;
            for (size_t i = 0; i < Block; i += 8) {
                uint64_t wa, wb, wc;
                std::memcpy(&wa, data + i, 8);
                std::memcpy(&wb, data + Block + i, 8);
                std::memcpy(&wc, data + 2 * Block + i, 8);
                a = __builtin_ia32_crc32di(a, wa);
                b = __builtin_ia32_crc32di(b, wb);
                c = __builtin_ia32_crc32di(c, wc);
            }
            crc = shift(shift(uint32_t(a)) ^ uint32_t(b)) ^ uint32_t(c);
            data += 3 * Block;
            size -= 3 * Block;
        }
    }
    return hardwareCrcSerial(data, size, crc);
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

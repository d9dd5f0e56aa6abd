#include "avroschema/avrofingerprint.h"

#include <array>

namespace samsa::avro {

namespace {

constexpr uint64_t Empty = 0xc15d213aa4d7a795ULL;

// The specification's reference algorithm, with its 256-entry table computed at compile time.
constexpr std::array<uint64_t, 256> makeTable()
{
    std::array<uint64_t, 256> table {};
    for (uint64_t i = 0; i < 256; ++i) {
        uint64_t fp = i;
        for (int j = 0; j < 8; ++j)
            fp = (fp >> 1) ^ (Empty & (0 - (fp & 1)));
        table[i] = fp;
    }
    return table;
}

constexpr std::array<uint64_t, 256> Table = makeTable();

} // namespace

uint64_t crc64Avro(std::string_view bytes)
{
    uint64_t fp = Empty;
    for (const char c : bytes)
        fp = (fp >> 8) ^ Table[(fp ^ static_cast<unsigned char>(c)) & 0xff];
    return fp;
}

} // namespace samsa::avro

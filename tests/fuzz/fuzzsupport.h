#pragma once

// Helpers shared by the libFuzzer targets: a private scratch directory per process, and the
// "fix-up" that makes mutated record batches pass their CRC so that the fuzzer reaches the code
// behind the checksum (record walking, replay) instead of stopping at it every time.

#include "common/crc32c.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace samsa::fuzz {

inline uint32_t readBigEndian32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

inline void writeBigEndian32(uint8_t* p, uint32_t v)
{
    p[0] = uint8_t(v >> 24);
    p[1] = uint8_t(v >> 16);
    p[2] = uint8_t(v >> 8);
    p[3] = uint8_t(v);
}

inline void writeBigEndian64(uint8_t* p, uint64_t v)
{
    writeBigEndian32(p, uint32_t(v >> 32));
    writeBigEndian32(p + 4, uint32_t(v));
}

// Walks the v2 batch headers in `bytes` (baseOffset 8, batchLength 4, leader epoch 4, magic 1,
// crc 4, then the CRC-covered part) and writes each whole batch's CRC-32C; with `offsets`, also
// numbers the batches consecutively from 0 by their lastOffsetDelta, as the log would. Stops at
// the first header that does not fit.
inline void fixBatches(std::vector<uint8_t>& bytes, bool offsets)
{
    constexpr size_t CrcStart = 21; // attributes onwards
    size_t at = 0;
    uint64_t nextOffset = 0;
    while (bytes.size() - at >= 61) {
        const uint32_t length = readBigEndian32(&bytes[at + 8]);
        if (length < 49 || length > bytes.size() - at - 12)
            return;
        const size_t end = at + 12 + length;
        if (offsets) {
            writeBigEndian64(&bytes[at], nextOffset);
            nextOffset += uint64_t(readBigEndian32(&bytes[at + 23])) % 1000 + 1;
        }
        const uint32_t crc = broker::crc32c(std::span<const uint8_t>(&bytes[at + CrcStart], end - at - CrcStart));
        writeBigEndian32(&bytes[at + 17], crc);
        at = end;
    }
}

// A directory of this process under /dev/shm (memory: fuzzing writes many small files), removed
// at exit. Each call gives a new empty subdirectory.
inline std::string freshDirectory()
{
    static const std::string root = [] {
        std::string base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path().string();
        std::string pattern = base + "/samsa-fuzz-XXXXXX";
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        const char* made = mkdtemp(buffer.data());
        std::string path = made ? std::string(made) : base + "/samsa-fuzz";
        static std::string removeAtExit = path;
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(removeAtExit, ignored);
        });
        return path;
    }();
    static uint64_t counter = 0;
    const std::string path = root + "/" + std::to_string(counter++);
    std::error_code ignored;
    std::filesystem::remove_all(root, ignored); // only the current run's files are ever needed
    std::filesystem::create_directories(path, ignored);
    return path;
}

} // namespace samsa::fuzz

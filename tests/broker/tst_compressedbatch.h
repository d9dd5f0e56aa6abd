#pragma once

// Compressed record batches for the storage tests: the records of buildBatch() compressed with the
// broker's codec module (whose output real clients read: see the kcat and kafka-python conformance
// tests), and the header's length, attributes and CRC set to match.

#include "tst_storagebatchbuilder.h"

#include "storage/compression.h"

#include <QTest>

Q_DECLARE_METATYPE(samsa::broker::CompressionCodec)

namespace samsa::broker::test {

// `batch` with its records replaced by `records` (any bytes) and codec bits `codec`; the count and
// offsets of the header stay as they are.
inline std::vector<uint8_t> withRecordBytes(
    std::vector<uint8_t> batch, std::span<const uint8_t> records, int codec = -1)
{
    batch.resize(61);
    batch.insert(batch.end(), records.begin(), records.end());
    std::span<uint8_t> out(batch);
    writeBeInt32(out.subspan(8), static_cast<int32_t>(batch.size() - 12));
    if (codec >= 0)
        writeBeInt16(out.subspan(21), static_cast<int16_t>((readBeInt16(out.subspan(21)) & ~0x07) | codec));
    writeBe32(out.subspan(17), crc32c(std::span<const uint8_t>(batch).subspan(21)));
    return batch;
}

inline std::vector<uint8_t> compressBatch(const std::vector<uint8_t>& batch, CompressionCodec codec)
{
    const auto compressed = compress(codec, std::span(batch).subspan(61));
    return withRecordBytes(batch, compressed, static_cast<int>(codec));
}

inline std::vector<uint8_t> buildCompressedBatch(
    const std::vector<TestRecord>& records, CompressionCodec codec, const BatchOptions& options = {})
{
    return compressBatch(buildBatch(records, options), codec);
}

// The batch with its header's record count and last offset delta both set to `count`-consistent
// values, the records left alone.
inline std::vector<uint8_t> withClaimedCount(std::vector<uint8_t> batch, int32_t count)
{
    std::span<uint8_t> out(batch);
    writeBeInt32(out.subspan(23), count - 1);
    writeBeInt32(out.subspan(57), count);
    writeBe32(out.subspan(17), crc32c(std::span<const uint8_t>(batch).subspan(21)));
    return batch;
}

// A data column "codec" with a row per compression codec, for data-driven tests.
inline void addCodecRows()
{
    QTest::addColumn<CompressionCodec>("codec");
    QTest::addRow("gzip") << CompressionCodec::Gzip;
    QTest::addRow("snappy") << CompressionCodec::Snappy;
    QTest::addRow("lz4") << CompressionCodec::Lz4;
    QTest::addRow("zstd") << CompressionCodec::Zstd;
}

} // namespace samsa::broker::test

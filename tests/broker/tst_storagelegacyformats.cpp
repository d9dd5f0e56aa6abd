// Messages of format v0/v1: up-conversion of a producer's message set into batches v2 (what the
// log stores), and down-conversion of stored batches into message sets for Fetch v0-v3.

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "storage/batchcompression.h"
#include "storage/batchrecords.h"
#include "storage/downconversion.h"
#include "storage/recordbatch.h"
#include "storage/upconversion.h"
#include "tst_compressedbatch.h"
#include "tst_legacymessages.h"

#include <QTest>

using namespace samsa::broker;
using namespace samsa::broker::test;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

constexpr int32_t MaxMessageBytes = 1048588;
constexpr size_t DecompressedLimit = 64 * 1024 * 1024;

struct StoredRecord {
    int64_t offset;
    int64_t timestamp;
    std::optional<std::string> key;
    std::optional<std::string> value;
    bool operator==(const StoredRecord&) const = default;
};

std::string text(std::span<const uint8_t> bytes) { return std::string(bytes.begin(), bytes.end()); }

// The records of whole batches v2 (decompressed as needed), and each batch's header.
std::vector<StoredRecord> recordsOf(std::span<const uint8_t> batches, std::vector<recordbatch::Header>* headers = nullptr)
{
    std::vector<StoredRecord> records;
    while (batches.size() >= recordbatch::HeaderSize) {
        const auto header = recordbatch::parseHeader(batches);
        const auto batch = batches.first(static_cast<size_t>(header.totalSize()));
        if (headers)
            headers->push_back(header);
        const auto plain = recompressBatch(batch, CompressionCodec::None, DecompressedLimit, nullptr);
        std::string error;
        forEachRecord(
            *plain,
            [&](const RecordView& record) {
                records.push_back({ record.offset, record.timestamp,
                    record.hasKey ? std::optional(text(record.key)) : std::nullopt,
                    record.tombstone ? std::nullopt : std::optional(text(record.value)) });
                return true;
            },
            &error);
        batches = batches.subspan(batch.size());
    }
    return records;
}

LegacyMessage wrapper(int8_t magic, CompressionCodec codec, const std::vector<LegacyMessage>& inner, int64_t offset = 0)
{
    const auto set = encodeMessageSet(inner);
    const auto compressed = compress(codec, set);
    return { offset, magic, static_cast<int8_t>(codec), magic ? inner.back().timestamp : -1, std::nullopt,
        std::string(compressed.begin(), compressed.end()) };
}

// Format v0 wrote lz4 frames whose header checksum also covered the frame magic (KAFKA-3160).
std::string withV0Lz4Checksum(std::string frame)
{
    const size_t checksumAt = 4 + 2 + ((frame[4] & 0x08) ? 8 : 0);
    frame[checksumAt] = static_cast<char>((XXH32(frame.data(), checksumAt, 0) >> 8) & 0xff);
    return frame;
}

std::vector<LegacyMessage> decodeAll(std::span<const uint8_t> set)
{
    std::vector<LegacyMessage> messages;
    if (!decodeMessageSet(set, &messages))
        return {};
    return messages;
}

} // namespace

class TestStorageLegacyFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void upConvertsPlainMessagesOfBothMagics_data()
    {
        QTest::addColumn<int>("magic");
        QTest::addRow("magic 0") << 0;
        QTest::addRow("magic 1") << 1;
    }

    void upConvertsPlainMessagesOfBothMagics()
    {
        QFETCH(int, magic);
        const auto m = static_cast<int8_t>(magic);
        const auto set = encodeMessageSet({ { 0, m, 0, 1700000000001, "k1", "v1" },
            { 1, m, 0, 1700000000005, std::nullopt, "no key" }, { 2, m, 0, 1700000000003, "gone", std::nullopt } });
        const UpConversion converted = upConvertMessageSet(set, MaxMessageBytes);
        QCOMPARE(converted.error, ErrorCode::None);
        QCOMPARE(converted.messageCount, 3);
        std::vector<recordbatch::Header> headers;
        const auto records = recordsOf(converted.batches, &headers);
        QCOMPARE(headers.size(), size_t(1));
        QCOMPARE(headers[0].magic, int8_t(2));
        QCOMPARE(headers[0].compression(), 0);
        QCOMPARE(headers[0].recordsCount, 3);
        // Magic 0 has no timestamps: NO_TIMESTAMP (-1), as Kafka's up-conversion writes.
        const auto at = [&](int64_t timestamp) { return magic == 0 ? int64_t(-1) : timestamp; };
        const std::vector<StoredRecord> expected { { 0, at(1700000000001), "k1", "v1" },
            { 1, at(1700000000005), std::nullopt, "no key" }, { 2, at(1700000000003), "gone", std::nullopt } };
        QVERIFY(records == expected);
        QCOMPARE(headers[0].maxTimestamp, at(1700000000005));
    }

    void upConvertsCompressedWrappers_data()
    {
        QTest::addColumn<int>("magic");
        QTest::addColumn<CompressionCodec>("codec");
        for (int magic : { 0, 1 }) {
            for (auto codec : { CompressionCodec::Gzip, CompressionCodec::Snappy, CompressionCodec::Lz4 })
                QTest::addRow("magic %d %s", magic, compressionCodecName(codec)) << magic << codec;
        }
    }

    void upConvertsCompressedWrappers()
    {
        QFETCH(int, magic);
        QFETCH(CompressionCodec, codec);
        const auto m = static_cast<int8_t>(magic);
        // Magic 1 wrappers hold relative inner offsets, magic 0 ones absolute: the broker assigns its own.
        std::vector<LegacyMessage> first;
        std::vector<LegacyMessage> second;
        for (int i = 0; i < 5; ++i)
            first.push_back({ magic ? i : 40 + i, m, 0, 2000 + i, "a" + std::to_string(i), "first " + std::to_string(i) });
        for (int i = 0; i < 3; ++i)
            second.push_back({ magic ? i : 70 + i, m, 0, 3000 + i, "b" + std::to_string(i), "second " + std::to_string(i) });
        LegacyMessage firstWrapper = wrapper(m, codec, first, magic ? 4 : 44);
        if (magic == 0 && codec == CompressionCodec::Lz4)
            firstWrapper.value = withV0Lz4Checksum(*firstWrapper.value);
        const auto set = encodeMessageSet({ firstWrapper, { 5, m, 0, 2500, "plain", "between" },
            wrapper(m, codec, second, magic ? 2 : 72) });
        const UpConversion converted = upConvertMessageSet(set, MaxMessageBytes);
        QCOMPARE(converted.error, ErrorCode::None);
        std::vector<recordbatch::Header> headers;
        const auto records = recordsOf(converted.batches, &headers);
        QCOMPARE(headers.size(), size_t(1));
        QCOMPARE(headers[0].compression(), static_cast<int>(codec)); // the producer's codec is kept
        QCOMPARE(records.size(), size_t(9));
        std::vector<std::string> values;
        for (size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(records[i].offset, int64_t(i));
            values.push_back(*records[i].value);
        }
        QCOMPARE(values.front(), std::string("first 0"));
        QCOMPARE(values[5], std::string("between"));
        QCOMPARE(values.back(), std::string("second 2"));
        QCOMPARE(records[2].timestamp, magic ? int64_t(2002) : int64_t(-1));
    }

    void refusesWhatKafkaRefuses_data()
    {
        QTest::addColumn<std::vector<uint8_t>>("set");
        QTest::addColumn<ErrorCode>("error");
        const LegacyMessage plain { 0, 1, 0, 1000, "k", "v" };
        auto badCrc = encodeMessage(plain);
        badCrc.back() ^= 0x01;
        QTest::addRow("bad CRC-32") << badCrc << ErrorCode::CorruptMessage;
        auto truncated = encodeMessageSet({ plain, plain });
        truncated.resize(truncated.size() - 3);
        QTest::addRow("truncated last message") << truncated << ErrorCode::CorruptMessage;
        auto hugeSize = encodeMessage(plain);
        writeBeInt32(std::span(hugeSize).subspan(8), 0x7fffffff);
        QTest::addRow("size beyond the set") << hugeSize << ErrorCode::CorruptMessage;
        auto tinySize = encodeMessage(plain);
        writeBeInt32(std::span(tinySize).subspan(8), 3);
        QTest::addRow("size below the minimum") << tinySize << ErrorCode::CorruptMessage;
        LegacyMessage longKey = plain;
        longKey.key = std::string(10, 'k');
        auto lyingKey = encodeMessage(longKey);
        // The key claims more than the message holds; the CRC is made to match the lie.
        writeBeInt32(std::span(lyingKey).subspan(12 + 14), 1000);
        writeBe32(std::span(lyingKey).subspan(12), crc32Ieee(std::span(lyingKey).subspan(16)));
        QTest::addRow("key longer than the message") << lyingKey << ErrorCode::CorruptMessage;
        QTest::addRow("LogAppendTime from a producer")
            << encodeMessage({ 0, 1, 0x08, 1000, "k", "v" }) << ErrorCode::InvalidTimestamp;
        QTest::addRow("zstd in format v1") << encodeMessage(wrapper(1, CompressionCodec::Zstd, { plain }))
                                           << ErrorCode::UnsupportedCompressionType;
        QTest::addRow("unknown codec 5") << encodeMessage({ 0, 1, 5, 1000, std::nullopt, "x" }) << ErrorCode::CorruptMessage;
        QTest::addRow("wrapper without value")
            << encodeMessage({ 0, 1, 1, 1000, std::nullopt, std::nullopt }) << ErrorCode::CorruptMessage;
        QTest::addRow("wrapper of garbage") << encodeMessage({ 0, 1, 1, 1000, std::nullopt, "not gzip at all" })
                                            << ErrorCode::CorruptMessage;
        const LegacyMessage nested = wrapper(1, CompressionCodec::Gzip, { plain });
        QTest::addRow("compressed inside compressed")
            << encodeMessage(wrapper(1, CompressionCodec::Gzip, { nested })) << ErrorCode::InvalidRecord;
        QTest::addRow("inner magic 0 in a magic 1 wrapper")
            << encodeMessage(wrapper(1, CompressionCodec::Gzip, { { 0, 0, 0, -1, "k", "v" } }))
            << ErrorCode::InvalidRecord;
        const auto empty = compress(CompressionCodec::Gzip, {});
        QTest::addRow("wrapper holding nothing")
            << encodeMessage({ 0, 1, 1, 1000, std::nullopt, std::string(empty.begin(), empty.end()) })
            << ErrorCode::InvalidRecord;
        QTest::addRow("magic 2 entry in a message set")
            << [&] {
                   auto set = encodeMessageSet({ plain, plain });
                   set[set.size() / 2 + 16] = 2;
                   return set;
               }()
            << ErrorCode::CorruptMessage;
        QTest::addRow("larger than max.message.bytes")
            << encodeMessage({ 0, 1, 0, 1000, "k", std::string(2000, 'v') }) << ErrorCode::MessageTooLarge;
    }

    void refusesWhatKafkaRefuses()
    {
        QFETCH(std::vector<uint8_t>, set);
        QFETCH(ErrorCode, error);
        const UpConversion converted = upConvertMessageSet(set, 1024);
        QCOMPARE(converted.error, error);
        QVERIFY(!converted.message.empty());
        QVERIFY(converted.batches.empty());
    }

    void decompressionBombStopsAtTheLimit()
    {
        // 64 MiB of zeros in a few hundred KiB of gzip: more than the limit for 1 KiB messages allows.
        const std::vector<uint8_t> zeros(70 * 1024 * 1024, 0);
        const auto bomb = compress(CompressionCodec::Gzip, zeros);
        const auto set = encodeMessage({ 0, 1, 1, 1000, std::nullopt, std::string(bomb.begin(), bomb.end()) });
        const UpConversion converted = upConvertMessageSet(set, int32_t(bomb.size() + 100));
        QCOMPARE(converted.error, ErrorCode::CorruptMessage);
    }

    void manyWrappersShareOneDecompressionBudget()
    {
        // Each wrapper alone decompresses within the 64 MiB a request may expand to, the two together not.
        std::vector<LegacyMessage> inner;
        for (int i = 0; i < 40; ++i)
            inner.push_back({ i, 1, 0, 1000, std::nullopt, std::string(1024 * 1024 - 100, 'x') });
        const LegacyMessage big = wrapper(1, CompressionCodec::Gzip, inner);
        QCOMPARE(upConvertMessageSet(encodeMessage(big), MaxMessageBytes).error, ErrorCode::None);
        const UpConversion converted = upConvertMessageSet(encodeMessageSet({ big, big }), MaxMessageBytes);
        QCOMPARE(converted.error, ErrorCode::CorruptMessage);
        QCOMPARE(converted.entryIndex, 1);
        QVERIFY(converted.batches.empty());
    }

    void largeSetBecomesBatchesBelowMaxMessageBytes()
    {
        std::vector<LegacyMessage> messages;
        for (int i = 0; i < 50; ++i)
            messages.push_back({ i, 1, 0, 1000 + i, "key" + std::to_string(i), std::string(1000, char('a' + i % 26)) });
        const UpConversion converted = upConvertMessageSet(encodeMessageSet(messages), 10000);
        QCOMPARE(converted.error, ErrorCode::None);
        std::vector<recordbatch::Header> headers;
        const auto records = recordsOf(converted.batches, &headers);
        QVERIFY(headers.size() > 1);
        for (const auto& header : headers)
            QVERIFY(header.totalSize() <= 10000);
        QCOMPARE(records.size(), size_t(50));
        for (size_t i = 0; i < records.size(); ++i)
            QCOMPARE(*records[i].key, "key" + std::to_string(i));
    }

    void downConvertsPlainBatches_data()
    {
        QTest::addColumn<int>("magic");
        QTest::addRow("magic 0 (Fetch v0-v1)") << 0;
        QTest::addRow("magic 1 (Fetch v2-v3)") << 1;
    }

    void downConvertsPlainBatches()
    {
        QFETCH(int, magic);
        BatchOptions options;
        options.baseOffset = 100;
        const auto batches = buildBatch(numberedRecords(4, 0, 5000), options);
        const DownConversion converted
            = downConvertBatches(batches, static_cast<int8_t>(magic), 102, 1 << 20, DecompressedLimit);
        QCOMPARE(converted.error, ErrorCode::None);
        const auto messages = decodeAll(converted.messageSet);
        QCOMPARE(messages.size(), size_t(2)); // offsets 100 and 101 lie before the fetch offset
        for (size_t i = 0; i < messages.size(); ++i) {
            QCOMPARE(messages[i].offset, int64_t(102 + i));
            QCOMPARE(messages[i].magic, int8_t(magic));
            QCOMPARE(messages[i].attributes, int8_t(0));
            QCOMPARE(*messages[i].key, "key-" + std::to_string(2 + i));
            QCOMPARE(*messages[i].value, "value-" + std::to_string(2 + i));
            QCOMPARE(messages[i].timestamp, magic ? int64_t(5002 + i) : int64_t(-1));
        }
    }

    void downConvertsCompressedBatchesIntoWrappers_data()
    {
        QTest::addColumn<int>("magic");
        QTest::addColumn<CompressionCodec>("codec");
        for (int magic : { 0, 1 }) {
            for (auto codec : { CompressionCodec::Gzip, CompressionCodec::Snappy, CompressionCodec::Lz4 })
                QTest::addRow("magic %d %s", magic, compressionCodecName(codec)) << magic << codec;
        }
    }

    void downConvertsCompressedBatchesIntoWrappers()
    {
        QFETCH(int, magic);
        QFETCH(CompressionCodec, codec);
        BatchOptions options;
        options.baseOffset = 10;
        const auto batches = buildCompressedBatch(numberedRecords(6, 0, 7000), codec, options);
        const DownConversion converted
            = downConvertBatches(batches, static_cast<int8_t>(magic), 12, 1 << 20, DecompressedLimit);
        QCOMPARE(converted.error, ErrorCode::None);
        const auto wrappers = decodeAll(converted.messageSet);
        QCOMPARE(wrappers.size(), size_t(1));
        const LegacyMessage& outer = wrappers.front();
        QCOMPARE(outer.offset, int64_t(15)); // a wrapper sits at its last inner offset
        QCOMPARE(outer.attributes & 0x07, static_cast<int>(codec));
        QVERIFY(!outer.key);
        const std::string& value = *outer.value;
        const auto inner = decompressAll(codec, std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size()),
            DecompressedLimit, nullptr);
        QVERIFY(inner);
        const auto messages = decodeAll(*inner);
        QCOMPARE(messages.size(), size_t(4)); // 10 and 11 lie before the fetch offset
        for (size_t i = 0; i < messages.size(); ++i) {
            // Magic 1: offsets relative to the first inner message; magic 0: absolute.
            QCOMPARE(messages[i].offset, magic ? int64_t(i) : int64_t(12 + i));
            QCOMPARE(*messages[i].value, "value-" + std::to_string(2 + i));
            QCOMPARE(messages[i].attributes, int8_t(0));
        }
        QCOMPARE(outer.timestamp, magic ? int64_t(7005) : int64_t(-1));
    }

    void logAppendTimeIsMarked()
    {
        BatchOptions options;
        options.attributes = recordbatch::TimestampTypeBit;
        auto batches = buildBatch(numberedRecords(2, 0, 10), options);
        // The log stamps LogAppendTime batches with its time in MaxTimestamp.
        writeBeInt64(std::span(batches).subspan(recordbatch::MaxTimestampPosition), 99999);
        const DownConversion converted = downConvertBatches(batches, 1, 0, 1 << 20, DecompressedLimit);
        const auto messages = decodeAll(converted.messageSet);
        QCOMPARE(messages.size(), size_t(2));
        for (const auto& message : messages) {
            QCOMPARE(message.attributes, int8_t(0x08));
            QCOMPARE(message.timestamp, int64_t(99999));
        }
    }

    void cutAtTheSizeReadWithTheFirstMessageWhole()
    {
        std::vector<uint8_t> batches;
        for (int i = 0; i < 3; ++i) {
            BatchOptions options;
            options.baseOffset = i * 2;
            const auto batch = buildBatch(numberedRecords(2, i * 2), options);
            batches.insert(batches.end(), batch.begin(), batch.end());
        }
        const DownConversion whole = downConvertBatches(batches, 1, 0, 1 << 20, DecompressedLimit);
        QCOMPARE(decodeAll(whole.messageSet).size(), size_t(6));
        const DownConversion cut = downConvertBatches(batches, 1, 0, whole.messageSet.size() - 5, DecompressedLimit);
        QCOMPARE(cut.messageSet.size(), whole.messageSet.size() - 5);
        QCOMPARE(decodeAll(cut.messageSet).size(), size_t(5)); // the partial sixth is skipped
        const DownConversion tiny = downConvertBatches(batches, 1, 0, 3, DecompressedLimit);
        QCOMPARE(decodeAll(tiny.messageSet).size(), size_t(1)); // the first message is always whole
        QCOMPARE(decodeAll(tiny.messageSet).front().offset, int64_t(0));
    }

    void zstdCannotBeDownConverted()
    {
        const auto batches = buildCompressedBatch(numberedRecords(2), CompressionCodec::Zstd);
        const DownConversion converted = downConvertBatches(batches, 1, 0, 1 << 20, DecompressedLimit);
        QCOMPARE(converted.error, ErrorCode::UnsupportedCompressionType);
        QVERIFY(converted.messageSet.empty());
    }

    void upThenDownKeepsKeysValuesAndTimestamps()
    {
        const auto set = encodeMessageSet({ { 0, 1, 0, 111, "k", "v" }, { 1, 1, 0, 222, std::nullopt, std::nullopt } });
        const UpConversion up = upConvertMessageSet(set, MaxMessageBytes);
        const DownConversion down = downConvertBatches(up.batches, 1, 0, 1 << 20, DecompressedLimit);
        const auto messages = decodeAll(down.messageSet);
        QCOMPARE(messages.size(), size_t(2));
        QCOMPARE(*messages[0].key, std::string("k"));
        QCOMPARE(*messages[0].value, std::string("v"));
        QCOMPARE(messages[0].timestamp, int64_t(111));
        QVERIFY(!messages[1].key && !messages[1].value);
        QCOMPARE(messages[1].timestamp, int64_t(222));
    }
};

QTEST_GUILESS_MAIN(TestStorageLegacyFormats)
#include "tst_storagelegacyformats.moc"

// The record batch codecs (gzip, snappy in both framings, lz4, zstd) and the validation of a
// batch's records against its header, alone and through PartitionLog::append: a batch whose
// records contradict it is refused with CORRUPT_MESSAGE or INVALID_RECORD and nothing is stored.

#include "testmain.h"
#include "tst_compressedbatch.h"
#include "tst_storagereader.h"

#include "storage/compression.h"
#include "storage/partitionlog.h"
#include "storage/recordvalidation.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::test;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

constexpr size_t Limit = 64u << 20;

std::vector<uint8_t> sample(size_t size, bool compressible)
{
    std::vector<uint8_t> bytes(size);
    uint32_t state = 12345;
    for (size_t i = 0; i < size; ++i) {
        state = state * 1103515245 + 12345;
        bytes[i] = compressible ? static_cast<uint8_t>('a' + (i / 100) % 7) : static_cast<uint8_t>(state >> 16);
    }
    return bytes;
}

QByteArray toByteArray(const std::vector<uint8_t>& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

std::vector<uint8_t> toVector(const QByteArray& bytes)
{
    return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

// Uncompressed record bytes: a record per entry, each already framed by the caller.
std::vector<uint8_t> recordBytes(std::initializer_list<std::vector<uint8_t>> records)
{
    std::vector<uint8_t> out;
    for (const auto& record : records) {
        putVarlong(out, static_cast<int64_t>(record.size()));
        out.insert(out.end(), record.begin(), record.end());
    }
    return out;
}

std::shared_ptr<PartitionLog> openLog(const QTemporaryDir& dir)
{
    std::string error;
    return PartitionLog::open(dir.filePath(QStringLiteral("t-0")).toStdString(), "t", 0, {}, &error);
}

} // namespace

class TestStorageRecordValidation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void codecRoundTrip_data() { addCodecRows(); }

    void codecRoundTrip()
    {
        QFETCH(CompressionCodec, codec);
        for (const auto& input :
            { std::vector<uint8_t>(), sample(1, false), sample(100'000, false), sample(300'000, true) }) {
            const auto compressed = compress(codec, input);
            QVERIFY(!compressed.empty());
            std::string error;
            const auto whole = decompressAll(codec, compressed, Limit, &error);
            QVERIFY2(whole, error.c_str());
            QCOMPARE(whole->size(), input.size());
            QVERIFY(*whole == input);
            // Pulled a few bytes at a time, as the record walker's buffer does at its edges.
            auto decompressor = Decompressor::create(codec, compressed, Limit);
            std::vector<uint8_t> pieces;
            uint8_t buffer[7];
            while (const size_t n = decompressor->read(buffer))
                pieces.insert(pieces.end(), buffer, buffer + n);
            QVERIFY2(!decompressor->failed(), decompressor->error().c_str());
            QVERIFY(pieces == input);
        }
    }

    void snappyReadsRawBlocksAndConcatenatedXerialBlocks()
    {
        const auto input = sample(100'000, true); // more than one 32 KiB xerial block
        const auto framed = compress(CompressionCodec::Snappy, input);
        QCOMPARE(framed[0], uint8_t(0x82));
        // The first xerial block alone is a raw snappy block of the first 32 KiB.
        const auto firstLength = static_cast<size_t>(readBeInt32(std::span(framed).subspan(16)));
        const std::vector<uint8_t> raw(framed.begin() + 20, framed.begin() + 20 + std::ptrdiff_t(firstLength));
        const auto decoded = decompressAll(CompressionCodec::Snappy, raw, Limit, nullptr);
        QVERIFY(decoded);
        QVERIFY(*decoded == std::vector<uint8_t>(input.begin(), input.begin() + 32 * 1024));
    }

    void corruptPayloadsFail_data() { addCodecRows(); }

    void corruptPayloadsFail()
    {
        QFETCH(CompressionCodec, codec);
        const auto input = sample(50'000, false);
        const auto good = compress(codec, input);
        auto truncated = good;
        truncated.resize(good.size() / 2);
        std::string error;
        QVERIFY(!decompressAll(codec, truncated, Limit, &error));
        QVERIFY(!error.empty());
        // Garbage never decodes to the original; every codec either fails or, for block formats
        // without checksums, yields other bytes.
        auto flipped = good;
        for (size_t i = 20; i < flipped.size(); i += 97)
            flipped[i] ^= 0x5A;
        const auto result = decompressAll(codec, flipped, Limit, nullptr);
        QVERIFY(!result || *result != input);
        const std::vector<uint8_t> garbage = sample(64, false);
        const auto fromGarbage = decompressAll(codec, garbage, Limit, nullptr);
        QVERIFY(!fromGarbage || fromGarbage->size() < 64 * 1024);
    }

    void bombsStopAtTheLimit_data() { addCodecRows(); }

    void bombsStopAtTheLimit()
    {
        QFETCH(CompressionCodec, codec);
        const std::vector<uint8_t> zeros(4 << 20, 0);
        const auto compressed = compress(codec, zeros);
        QVERIFY(compressed.size() < zeros.size() / 10);
        std::string error;
        QVERIFY(!decompressAll(codec, compressed, 1 << 20, &error));
        QVERIFY2(error.find("more than") != std::string::npos, error.c_str());
        QVERIFY(decompressAll(codec, compressed, 4 << 20, nullptr));
    }

    void xerialLengthsAreNotTrusted()
    {
        auto framed = compress(CompressionCodec::Snappy, sample(1000, true));
        auto longer = framed;
        writeBeInt32(std::span(longer).subspan(16), int32_t(framed.size())); // past the end
        std::string error;
        QVERIFY(!decompressAll(CompressionCodec::Snappy, longer, Limit, &error));
        QVERIFY2(error.find("claims") != std::string::npos, error.c_str());
        auto negative = framed;
        writeBeInt32(std::span(negative).subspan(16), -5);
        QVERIFY(!decompressAll(CompressionCodec::Snappy, negative, Limit, nullptr));
        // A block whose own length preamble claims 2 GiB: refused before anything is allocated.
        std::vector<uint8_t> liar(framed.begin(), framed.begin() + 16);
        const std::vector<uint8_t> block { 0x80, 0x80, 0x80, 0x80, 0x08, 0x00 };
        liar.resize(20);
        writeBeInt32(std::span(liar).subspan(16), int32_t(block.size()));
        liar.insert(liar.end(), block.begin(), block.end());
        QVERIFY(!decompressAll(CompressionCodec::Snappy, liar, Limit, &error));
        QVERIFY2(error.find("more than") != std::string::npos, error.c_str());
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("batch");
        QTest::addColumn<ErrorCode>("error");
        const auto good = buildBatch(numberedRecords(3));
        QTest::addRow("good") << toByteArray(good) << ErrorCode::None;
        QTest::addRow("one record") << toByteArray(buildBatch(numberedRecords(1))) << ErrorCode::None;
        QTest::addRow("count above records") << toByteArray(withClaimedCount(good, 5)) << ErrorCode::InvalidRecord;
        QTest::addRow("count below records") << toByteArray(withClaimedCount(good, 2)) << ErrorCode::InvalidRecord;
        QTest::addRow("2^31-1 records") << toByteArray(withClaimedCount(good, INT32_MAX)) << ErrorCode::InvalidRecord;
        QTest::addRow("garbage records") << toByteArray(withRecordBytes(good, sample(200, false)))
                                         << ErrorCode::InvalidRecord;
        QTest::addRow("no records") << toByteArray(withRecordBytes(good, {})) << ErrorCode::InvalidRecord;

        // Records built by hand: attributes, timestamp delta, offset delta, key, value, headers.
        auto three = [&](std::vector<uint8_t> last) {
            return toByteArray(withRecordBytes(good,
                recordBytes({ { 0, 0, 0, 2, 'k', 2, 'v', 0 }, { 0, 2, 2, 2, 'k', 2, 'v', 0 }, std::move(last) })));
        };
        QTest::addRow("hand-built good") << three({ 0, 4, 4, 2, 'k', 2, 'v', 0 }) << ErrorCode::None;
        QTest::addRow("null key and value") << three({ 0, 4, 4, 1, 1, 0 }) << ErrorCode::None;
        QTest::addRow("with headers") << three({ 0, 4, 4, 1, 1, 4, 2, 'h', 1, 2, 'x', 2, 'y' }) << ErrorCode::None;
        QTest::addRow("offset delta skips") << three({ 0, 4, 6, 1, 1, 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("offset delta repeats") << three({ 0, 4, 2, 1, 1, 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("key past record") << three({ 0, 4, 4, 40, 'k', 1, 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("value past record") << three({ 0, 4, 4, 1, 40, 'v', 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("key length -2") << three({ 0, 4, 4, 3, 1, 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("negative header count") << three({ 0, 4, 4, 1, 1, 1 }) << ErrorCode::InvalidRecord;
        QTest::addRow("null header key") << three({ 0, 4, 4, 1, 1, 2, 1, 1 }) << ErrorCode::InvalidRecord;
        QTest::addRow("header count too high") << three({ 0, 4, 4, 1, 1, 8, 2, 'h', 1 }) << ErrorCode::InvalidRecord;
        QTest::addRow("bytes left in record") << three({ 0, 4, 4, 1, 1, 0, 0, 0 }) << ErrorCode::InvalidRecord;
        QTest::addRow("six-byte varint") << three({ 0, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 1, 1, 0 })
                                         << ErrorCode::InvalidRecord;
        auto lyingLength = withRecordBytes(good, recordBytes({ { 0, 0, 0, 1, 1, 0 }, { 0, 0, 2, 1, 1, 0 } }));
        lyingLength.push_back(0xFE); // a third record claiming 127 bytes, with none there
        lyingLength.push_back(0x01);
        lyingLength.push_back(0x00);
        QTest::addRow("record length past batch")
            << toByteArray(withRecordBytes(good, std::vector<uint8_t>(lyingLength.begin() + 61, lyingLength.end())))
            << ErrorCode::InvalidRecord;
        auto trailing = good;
        trailing.push_back(0);
        QTest::addRow("trailing byte") << toByteArray(withRecordBytes(good, std::span(trailing).subspan(61)))
                                       << ErrorCode::InvalidRecord;

        for (const auto codec :
            { CompressionCodec::Gzip, CompressionCodec::Snappy, CompressionCodec::Lz4, CompressionCodec::Zstd }) {
            const std::string name = compressionCodecName(codec);
            const auto compressed = compressBatch(good, codec);
            QTest::addRow("%s good", name.c_str()) << toByteArray(compressed) << ErrorCode::None;
            QTest::addRow("%s count above records", name.c_str())
                << toByteArray(compressBatch(withClaimedCount(good, 4), codec)) << ErrorCode::InvalidRecord;
            QTest::addRow("%s 2^31-1 records", name.c_str())
                << toByteArray(compressBatch(withClaimedCount(good, INT32_MAX), codec)) << ErrorCode::InvalidRecord;
            QTest::addRow("%s garbage records", name.c_str())
                << toByteArray(compressBatch(withRecordBytes(good, sample(200, false)), codec))
                << ErrorCode::InvalidRecord;
            auto truncated = compressed;
            truncated.resize(truncated.size() - 8);
            QTest::addRow("%s truncated payload", name.c_str())
                << toByteArray(withRecordBytes(compressed, std::span(truncated).subspan(61)))
                << ErrorCode::CorruptMessage;
            // Raw snappy has no magic: plain record bytes may read as a short snappy block.
            if (codec != CompressionCodec::Snappy)
                QTest::addRow("%s payload not compressed", name.c_str())
                    << toByteArray(withRecordBytes(compressed, std::span(good).subspan(61)))
                    << ErrorCode::CorruptMessage;
        }
    }

    void validation()
    {
        QFETCH(QByteArray, batch);
        QFETCH(ErrorCode, error);
        const auto bytes = toVector(batch);
        const auto result = validateRecords(bytes, Limit);
        QVERIFY2(result.error == error, result.message.c_str());
        QCOMPARE(result.message.empty(), error == ErrorCode::None);
    }

    void compressedBombIsRefusedQuickly()
    {
        // One record whose 3 MiB value of zeros compresses to a few KiB: over a 1 MiB limit.
        std::vector<TestRecord> records { { "k", std::string(3 << 20, '\0'), 1000 } };
        const auto bomb = buildCompressedBatch(records, CompressionCodec::Zstd);
        QVERIFY(bomb.size() < 4096);
        const auto result = validateRecords(bomb, 1 << 20);
        QCOMPARE(result.error, ErrorCode::CorruptMessage);
        QVERIFY2(result.message.find("more than") != std::string::npos, result.message.c_str());
        QCOMPARE(validateRecords(bomb, 4 << 20).error, ErrorCode::None);
        // The limit the broker uses grows with max.message.bytes between its floor and ceiling.
        QCOMPARE(decompressedBatchLimit(1048588), size_t(64) << 20);
        QCOMPARE(decompressedBatchLimit(16 << 20), size_t(256) << 20);
        QCOMPARE(decompressedBatchLimit(INT32_MAX), size_t(1) << 30);
    }

    void appendRefusesAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("batch");
        QTest::addColumn<ErrorCode>("error");
        const auto good = buildBatch(numberedRecords(3));
        QTest::addRow("count above records") << toByteArray(withClaimedCount(good, 5)) << ErrorCode::InvalidRecord;
        QTest::addRow("2^31-1 records") << toByteArray(withClaimedCount(good, INT32_MAX)) << ErrorCode::InvalidRecord;
        QTest::addRow("garbage records") << toByteArray(withRecordBytes(good, sample(200, false)))
                                         << ErrorCode::InvalidRecord;
        QTest::addRow("gzip garbage") << toByteArray(withRecordBytes(good, sample(200, false), 1))
                                      << ErrorCode::CorruptMessage;
        QTest::addRow("lz4 count above records")
            << toByteArray(compressBatch(withClaimedCount(good, 9), CompressionCodec::Lz4)) << ErrorCode::InvalidRecord;
        auto goodThenBad = good;
        const auto bad = withClaimedCount(good, 4);
        goodThenBad.insert(goodThenBad.end(), bad.begin(), bad.end());
        QTest::addRow("good then bad") << toByteArray(goodThenBad) << ErrorCode::InvalidRecord;
    }

    void appendRefusesAndStoresNothing()
    {
        QFETCH(QByteArray, batch);
        QFETCH(ErrorCode, error);
        QTemporaryDir dir;
        auto log = openLog(dir);
        QVERIFY(log);
        QCOMPARE(log->append(buildBatch(numberedRecords(2)), 0).error, ErrorCode::None);
        const auto bytes = toVector(batch);
        const auto result = log->append(bytes, 0);
        QVERIFY2(result.error == error, result.message.c_str());
        QCOMPARE(log->highWatermark(), 2);
        QCOMPARE(log->sizeBytes(), int64_t(buildBatch(numberedRecords(2)).size()));
        // The log goes on with the next good batch at the next offset.
        const auto next = log->append(buildBatch(numberedRecords(1)), 0);
        QCOMPARE(next.error, ErrorCode::None);
        QCOMPARE(next.baseOffset, 2);
    }

    void appendAcceptsEveryCodec_data() { addCodecRows(); }

    void appendAcceptsEveryCodec()
    {
        QFETCH(CompressionCodec, codec);
        QTemporaryDir dir;
        auto log = openLog(dir);
        QVERIFY(log);
        const auto result = log->append(buildCompressedBatch(numberedRecords(50), codec), 0);
        QVERIFY2(result.error == ErrorCode::None, result.message.c_str());
        QCOMPARE(log->highWatermark(), 50);
    }
};

SAMSA_TEST_MAIN(TestStorageRecordValidation, QCoreApplication)
#include "tst_storagerecordvalidation.moc"

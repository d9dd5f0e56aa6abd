// What the broker does inside compressed batches once it can decompress them: ListOffsets by
// timestamp finds the exact record, a topic's compression.type re-encodes batches on append, and
// the log cleaner compacts compressed batches and keeps them in their codec.

#include "testmain.h"
#include "tst_compressedbatch.h"
#include "tst_storagereader.h"

#include "storage/batchcompression.h"
#include "storage/brokerconfig.h"
#include "storage/partitionlog.h"
#include "storage/recordbatchcodec.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::test;

namespace {

std::shared_ptr<PartitionLog> openLog(const QTemporaryDir& dir, const TopicConfig& config = {})
{
    std::string error;
    auto log = PartitionLog::open(dir.filePath(QStringLiteral("z-0")).toStdString(), "z", 0, config, &error);
    if (!log)
        qWarning("open failed: %s", error.c_str());
    return log;
}

struct StoredBatch {
    int codec = 0;
    std::vector<ReadRecord> records; // offset, value, timestamp
    std::vector<std::string> keys;
};

// Every batch of the log as stored, its records decoded (decompressed for the check only).
std::vector<StoredBatch> storedBatches(const PartitionLog& log)
{
    std::vector<StoredBatch> out;
    int64_t next = log.logStartOffset();
    while (next < log.highWatermark()) {
        // One read returns the batches of one segment at most: go on after the last.
        const auto bytes = sliceBytes(log.read(next, 64 << 20));
        if (bytes.size() < 61)
            return {};
        size_t position = 0;
        while (bytes.size() - position >= 61) {
            const auto batch = std::span(bytes).subspan(position);
            const auto size = static_cast<size_t>(readBeInt32(batch.subspan(8))) + 12;
            const auto plain = recompressBatch(batch.first(size), CompressionCodec::None, 64 << 20, nullptr);
            if (!plain)
                return {};
            StoredBatch stored;
            stored.codec = readBeInt16(batch.subspan(21)) & 0x07;
            if (!decodeBatches(*plain, &stored.records))
                return {};
            std::vector<DecodedRecord> decoded;
            decodeRecordBatches(*plain, &decoded);
            for (const auto& record : decoded)
                stored.keys.emplace_back(record.key ? std::string(record.key->begin(), record.key->end()) : "");
            next = readBeInt64(batch) + readBeInt32(batch.subspan(23)) + 1;
            out.push_back(std::move(stored));
            position += size;
        }
    }
    return out;
}

} // namespace

class TestStorageCompressedBatches : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timestampLookupIsExactInsideCompressedBatches_data() { addCodecRows(); }

    void timestampLookupIsExactInsideCompressedBatches()
    {
        QFETCH(CompressionCodec, codec);
        QTemporaryDir dir;
        auto log = openLog(dir);
        QVERIFY(log);
        QCOMPARE(log->append(buildCompressedBatch({ { "k", "a", 100 }, { "k", "b", 200 } }, codec), 0).error,
            ErrorCode::None);
        QCOMPARE(
            log->append(buildCompressedBatch({ { "k", "c", 300 }, { "k", "d", 400 }, { "k", "e", 500 } }, codec), 0)
                .error,
            ErrorCode::None);
        const auto inside = log->offsetForTimestamp(350);
        QCOMPARE(inside.offset, 3);
        QCOMPARE(inside.timestamp, 400);
        const auto first = log->offsetForTimestamp(250);
        QCOMPARE(first.offset, 2);
        QCOMPARE(first.timestamp, 300);
        const auto exact = log->offsetForTimestamp(200);
        QCOMPARE(exact.offset, 1);
        QCOMPARE(exact.timestamp, 200);
    }

    void topicCompressionTypeReencodes_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<int>("sent");
        QTest::addColumn<int>("stored");
        QTest::addRow("producer keeps gzip") << QStringLiteral("producer") << 1 << 1;
        QTest::addRow("producer keeps none") << QStringLiteral("producer") << 0 << 0;
        QTest::addRow("uncompressed from lz4") << QStringLiteral("uncompressed") << 3 << 0;
        QTest::addRow("zstd from none") << QStringLiteral("zstd") << 0 << 4;
        QTest::addRow("snappy from gzip") << QStringLiteral("snappy") << 1 << 2;
        QTest::addRow("gzip from zstd") << QStringLiteral("gzip") << 4 << 1;
        QTest::addRow("lz4 kept") << QStringLiteral("lz4") << 3 << 3;
    }

    void topicCompressionTypeReencodes()
    {
        QFETCH(QString, setting);
        QFETCH(int, sent);
        QFETCH(int, stored);
        const TopicConfig config
            = TopicConfig::resolve({ { "compression.type", setting.toStdString() } }, BrokerConfig {});
        QTemporaryDir dir;
        auto log = openLog(dir, config);
        QVERIFY(log);
        const auto records = numberedRecords(20, 0, 5000);
        const auto batch = buildBatch(records);
        const auto produced = sent == 0 ? batch : compressBatch(batch, static_cast<CompressionCodec>(sent));
        const auto result = log->append(produced, 0);
        QVERIFY2(result.error == ErrorCode::None, result.message.c_str());
        QCOMPARE(log->append(buildBatch(numberedRecords(1, 20, 6000)), 0).error, ErrorCode::None);
        const auto batches = storedBatches(*log);
        QCOMPARE(batches.size(), size_t(2));
        QCOMPARE(batches[0].codec, stored);
        QCOMPARE(batches[0].records.size(), records.size());
        for (size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(batches[0].records[i].offset, int64_t(i));
            QCOMPARE(batches[0].records[i].value, records[i].value);
            QCOMPARE(batches[0].records[i].timestamp, records[i].timestamp);
        }
        QCOMPARE(batches[1].records.front().offset, 20);
        // The stored batches are whole: the log reopens with the same end.
        log->close();
        log = openLog(dir, config);
        QCOMPARE(log->highWatermark(), 21);
    }

    void compactionCleansCompressedBatches_data() { addCodecRows(); }

    void compactionCleansCompressedBatches()
    {
        QFETCH(CompressionCodec, codec);
        QTemporaryDir dir;
        TopicConfig config;
        config.cleanupCompact = true;
        config.cleanupDelete = false;
        config.minCleanableDirtyRatio = 0.01;
        const auto first = buildCompressedBatch({ { "k1", "1" }, { "k2", "1" }, { "k3", "1" } }, codec);
        config.segmentBytes = int32_t(first.size() * 2 + 40); // two batches a segment
        auto log = openLog(dir, config);
        QVERIFY(log);
        QCOMPARE(log->append(first, 0).error, ErrorCode::None);
        const std::vector<std::vector<TestRecord>> rest { { { "k1", "2" }, { "k2", "2" }, { "x", "1" } },
            { { "y", "1" }, { "z", "1" }, { "w", "1" } }, { { "v", "1" }, { "u", "1" }, { "t", "1" } },
            { { "s", "1" }, { "r", "1" }, { "q", "1" } } };
        for (const auto& records : rest)
            QCOMPARE(log->append(buildCompressedBatch(records, codec), 0).error, ErrorCode::None);
        QVERIFY(log->compact(10'000'000) > 0);
        const auto batches = storedBatches(*log);
        QVERIFY(!batches.empty());
        // k1=1 and k2=1 are gone; k3 keeps its offset, in a batch still in the codec.
        QCOMPARE(batches[0].records.size(), size_t(1));
        QCOMPARE(batches[0].records[0].offset, 2);
        QCOMPARE(batches[0].keys[0], std::string("k3"));
        int total = 0;
        for (const auto& batch : batches) {
            QCOMPARE(batch.codec, int(codec));
            total += int(batch.records.size());
        }
        QCOMPARE(total, 13);
        QCOMPARE(log->highWatermark(), 15);
    }
};

SAMSA_TEST_MAIN(TestStorageCompressedBatches, QCoreApplication)
#include "tst_storagecompressedbatches.moc"

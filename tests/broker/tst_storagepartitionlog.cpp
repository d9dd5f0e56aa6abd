// PartitionLog: appends, reads, indexes, timestamps, retention, DeleteRecords, validation and
// idempotent producers.

#include "testmain.h"
#include "tst_compressedbatch.h"
#include "tst_storagereader.h"

#include "storage/partitionlog.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace samsa::broker;
using namespace samsa::broker::test;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

std::shared_ptr<PartitionLog> openLog(const QTemporaryDir& dir, const TopicConfig& config = {})
{
    std::string error;
    auto log = PartitionLog::open(dir.filePath(QStringLiteral("t-0")).toStdString(), "t", 0, config, &error);
    if (!log)
        qWarning("open failed: %s", error.c_str());
    return log;
}

int countFiles(const QTemporaryDir& dir, const QString& suffix)
{
    return QDir(dir.filePath(QStringLiteral("t-0"))).entryList({QStringLiteral("*") + suffix}, QDir::Files).size();
}

} // namespace

class TestStoragePartitionLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crc32cKnownAnswer()
    {
        // RFC 3720's test vector, and the standard "123456789" check value.
        const std::string digits = "123456789";
        QCOMPARE(crc32c(std::span(reinterpret_cast<const uint8_t*>(digits.data()), digits.size())), 0xE3069283u);
        std::vector<uint8_t> zeros(32, 0);
        QCOMPARE(crc32c(zeros), 0x8A9136AAu);
        // Chaining equals one pass.
        const auto whole = crc32c(std::span(reinterpret_cast<const uint8_t*>(digits.data()), digits.size()));
        const auto first = crc32c(std::span(reinterpret_cast<const uint8_t*>(digits.data()), 4));
        QCOMPARE(crc32c(std::span(reinterpret_cast<const uint8_t*>(digits.data()) + 4, 5), first), whole);
    }

    void appendAssignsOffsetsAndReadsBack()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        QVERIFY(log);
        QCOMPARE(log->highWatermark(), 0);
        BatchOptions options;
        options.baseOffset = 12345; // the client's value is ignored
        const auto first = log->append(buildBatch(numberedRecords(3, 0), options), 5000);
        QCOMPARE(first.error, ErrorCode::None);
        QCOMPARE(first.baseOffset, 0);
        QCOMPARE(first.logAppendTime, -1);
        const auto second = log->append(buildBatch(numberedRecords(2, 3)), 5000);
        QCOMPARE(second.baseOffset, 3);
        QCOMPARE(log->highWatermark(), 5);
        QCOMPARE(log->logStartOffset(), 0);

        const auto records = readAll(*log);
        QCOMPARE(records.size(), size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(records[size_t(i)].offset, i);
            QCOMPARE(records[size_t(i)].value, "value-" + std::to_string(i));
        }
        std::vector<DecodedBatch> batches;
        QVERIFY(decodeBatches(sliceBytes(log->read(0, 1 << 20)), nullptr, &batches));
        QCOMPARE(batches.size(), size_t(2));
        QCOMPARE(batches[0].baseOffset, 0);
        QCOMPARE(batches[1].baseOffset, 3);
        QVERIFY(batches[0].crcOk && batches[1].crcOk);
    }

    void readStartsAtTheBatchHoldingTheOffset()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        log->append(buildBatch(numberedRecords(3, 0)), 0);
        log->append(buildBatch(numberedRecords(3, 3)), 0);
        std::vector<DecodedBatch> batches;
        QVERIFY(decodeBatches(sliceBytes(log->read(4, 1 << 20)), nullptr, &batches));
        QCOMPARE(batches.size(), size_t(1));
        QCOMPARE(batches[0].baseOffset, 3);
    }

    void firstBatchIsReturnedEvenWhenLargerThanMaxBytes()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        const auto big = buildBatch({{"k", std::string(2000, 'x'), 1}});
        log->append(big, 0);
        log->append(big, 0);
        log->append(big, 0);
        auto result = log->read(0, 10);
        QCOMPARE(result.error, ErrorCode::None);
        QCOMPARE(result.bytes, int64_t(big.size()));
        // Room for one and a half batches gives one whole batch, never a partial one.
        result = log->read(0, int32_t(big.size() * 3 / 2));
        QCOMPARE(result.bytes, int64_t(big.size()));
        result = log->read(0, int32_t(big.size() * 2));
        QCOMPARE(result.bytes, int64_t(big.size() * 2));
        result = log->read(1, 1 << 20);
        QCOMPARE(result.bytes, int64_t(big.size() * 2));
    }

    void offsetOutOfRange_data()
    {
        QTest::addColumn<int64_t>("offset");
        QTest::addColumn<ErrorCode>("error");
        QTest::addColumn<bool>("hasData");
        QTest::addRow("negative") << int64_t(-1) << ErrorCode::OffsetOutOfRange << false;
        QTest::addRow("first") << int64_t(0) << ErrorCode::None << true;
        QTest::addRow("last") << int64_t(4) << ErrorCode::None << true;
        QTest::addRow("high watermark") << int64_t(5) << ErrorCode::None << false;
        QTest::addRow("beyond") << int64_t(6) << ErrorCode::OffsetOutOfRange << false;
    }

    void offsetOutOfRange()
    {
        QFETCH(int64_t, offset);
        QFETCH(ErrorCode, error);
        QFETCH(bool, hasData);
        QTemporaryDir dir;
        auto log = openLog(dir);
        log->append(buildBatch(numberedRecords(5)), 0);
        const auto result = log->read(offset, 1 << 20);
        QCOMPARE(result.error, error);
        QCOMPARE(!result.slices.empty(), hasData);
        QCOMPARE(result.highWatermark, 5);
    }

    void rollsBySizeAndFindsOffsetsAcrossSegments()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 1000;
        config.indexIntervalBytes = 150;
        auto log = openLog(dir, config);
        for (int i = 0; i < 40; ++i)
            QCOMPARE(log->append(buildBatch(numberedRecords(2, i * 2)), 0).error, ErrorCode::None);
        QVERIFY(countFiles(dir, QStringLiteral(".log")) > 3);
        QCOMPARE(log->highWatermark(), 80);
        for (int64_t offset = 0; offset < 80; offset += 7) {
            std::vector<DecodedBatch> batches;
            QVERIFY(decodeBatches(sliceBytes(log->read(offset, 1)), nullptr, &batches));
            QCOMPARE(batches.size(), size_t(1));
            QCOMPARE(batches[0].baseOffset, offset - offset % 2);
        }
        const auto records = readAll(*log, 0, 300);
        QCOMPARE(records.size(), size_t(80));
        QCOMPARE(records.back().value, std::string("value-79"));
        QVERIFY(countFiles(dir, QStringLiteral(".index")) >= countFiles(dir, QStringLiteral(".log")) - 1);
    }

    void rollsByTime()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentMs = 1000;
        auto log = openLog(dir, config);
        log->append(buildBatch(numberedRecords(1)), 10'000);
        log->append(buildBatch(numberedRecords(1)), 10'500);
        QCOMPARE(countFiles(dir, QStringLiteral(".log")), 1);
        log->append(buildBatch(numberedRecords(1)), 11'000);
        QCOMPARE(countFiles(dir, QStringLiteral(".log")), 2);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("t-0/00000000000000000002.log"))));
        QCOMPARE(readAll(*log).size(), size_t(3));
    }

    void offsetForTimestamp_data()
    {
        QTest::addColumn<int64_t>("timestamp");
        QTest::addColumn<int64_t>("offset");
        QTest::addColumn<int64_t>("found");
        // Batches of 10 records; record i has timestamp 1000 + 10 * i.
        QTest::addRow("before everything") << int64_t(0) << int64_t(0) << int64_t(1000);
        QTest::addRow("exact first") << int64_t(1000) << int64_t(0) << int64_t(1000);
        QTest::addRow("inside a batch") << int64_t(1055) << int64_t(6) << int64_t(1060);
        QTest::addRow("exact record") << int64_t(1250) << int64_t(25) << int64_t(1250);
        QTest::addRow("last") << int64_t(1590) << int64_t(59) << int64_t(1590);
        QTest::addRow("after everything") << int64_t(1591) << int64_t(-1) << int64_t(-1);
    }

    void offsetForTimestamp()
    {
        QFETCH(int64_t, timestamp);
        QFETCH(int64_t, offset);
        QFETCH(int64_t, found);
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 600; // several segments, so the lookup crosses them
        config.indexIntervalBytes = 100;
        auto log = openLog(dir, config);
        for (int b = 0; b < 6; ++b) {
            std::vector<TestRecord> records;
            for (int i = 0; i < 10; ++i) {
                const int n = b * 10 + i;
                records.push_back({"k", "v" + std::to_string(n), 1000 + 10 * n});
            }
            QCOMPARE(log->append(buildBatch(records), 0).error, ErrorCode::None);
        }
        const auto answer = log->offsetForTimestamp(timestamp);
        QCOMPARE(answer.offset, offset);
        QCOMPARE(answer.timestamp, found);
        const auto max = log->maxTimestamp();
        QCOMPARE(max.timestamp, 1590);
        QCOMPARE(max.offset, 59);
    }

    void compressedBatchesAnswerTimestampsByRecord()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        // Real gzip: the broker walks (and so decompresses) every batch it stores.
        QCOMPARE(log->append(buildCompressedBatch({{"k", "a", 100}, {"k", "b", 200}}, CompressionCodec::Gzip), 0).error,
                 ErrorCode::None);
        QCOMPARE(log->append(buildCompressedBatch({{"k", "c", 300}, {"k", "d", 400}}, CompressionCodec::Gzip), 0).error,
                 ErrorCode::None);
        const auto answer = log->offsetForTimestamp(350);
        QCOMPARE(answer.offset, 3);
        QCOMPARE(answer.timestamp, 400);
    }

    void logAppendTimeRewritesTimestampAndCrc()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.timestampType = TimestampType::LogAppendTime;
        auto log = openLog(dir, config);
        const auto result = log->append(buildBatch(numberedRecords(3, 0, 42)), 777'000);
        QCOMPARE(result.logAppendTime, 777'000);
        std::vector<DecodedBatch> batches;
        QVERIFY(decodeBatches(sliceBytes(log->read(0, 1 << 20)), nullptr, &batches));
        QCOMPARE(batches.size(), size_t(1));
        QCOMPARE(batches[0].maxTimestamp, 777'000);
        QVERIFY(batches[0].attributes & 0x08);
        QVERIFY(batches[0].crcOk);
        QCOMPARE(log->offsetForTimestamp(700'000).offset, 0);
    }

    void rejectsBadBatches_data()
    {
        QTest::addColumn<QByteArray>("records");
        QTest::addColumn<int>("maxMessageBytes");
        QTest::addColumn<ErrorCode>("error");
        auto bytes = [](std::vector<uint8_t> v) { return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size())); };
        const auto good = buildBatch(numberedRecords(3));

        auto badCrc = good;
        badCrc.back() ^= 0x01;
        QTest::addRow("bad crc") << bytes(badCrc) << 1048588 << ErrorCode::CorruptMessage;
        auto oldMagic = good;
        oldMagic[16] = 1;
        QTest::addRow("magic 1") << bytes(oldMagic) << 1048588 << ErrorCode::UnsupportedForMessageFormat;
        auto unknownMagic = good;
        unknownMagic[16] = 9;
        QTest::addRow("magic 9") << bytes(unknownMagic) << 1048588 << ErrorCode::CorruptMessage;
        QTest::addRow("too large") << bytes(good) << int(good.size() - 1) << ErrorCode::MessageTooLarge;
        auto truncated = good;
        truncated.resize(good.size() - 5);
        QTest::addRow("truncated") << bytes(truncated) << 1048588 << ErrorCode::CorruptMessage;
        QTest::addRow("short header") << bytes(std::vector<uint8_t>(good.begin(), good.begin() + 30)) << 1048588
                                      << ErrorCode::CorruptMessage;
        QTest::addRow("empty") << QByteArray() << 1048588 << ErrorCode::CorruptMessage;
        auto wrongCount = good;
        writeBeInt32(std::span(wrongCount).subspan(57), 5);
        writeBe32(std::span(wrongCount).subspan(17), crc32c(std::span<const uint8_t>(wrongCount).subspan(21)));
        QTest::addRow("count mismatch") << bytes(wrongCount) << 1048588 << ErrorCode::InvalidRecord;
        BatchOptions control;
        control.attributes = 0x20;
        QTest::addRow("control batch") << bytes(buildBatch(numberedRecords(1), control)) << 1048588
                                       << ErrorCode::InvalidRecord;
        auto goodThenBad = good;
        goodThenBad.insert(goodThenBad.end(), badCrc.begin(), badCrc.end());
        QTest::addRow("second batch bad") << bytes(goodThenBad) << 1048588 << ErrorCode::CorruptMessage;
    }

    void rejectsBadBatches()
    {
        QFETCH(QByteArray, records);
        QFETCH(int, maxMessageBytes);
        QFETCH(ErrorCode, error);
        QTemporaryDir dir;
        TopicConfig config;
        config.maxMessageBytes = maxMessageBytes;
        auto log = openLog(dir, config);
        const auto result = log->append(
            std::span(reinterpret_cast<const uint8_t*>(records.constData()), size_t(records.size())), 0);
        QCOMPARE(result.error, error);
        QVERIFY(!result.message.empty());
        // Nothing of a refused request is written, not even its good batches.
        QCOMPARE(log->highWatermark(), 0);
        QCOMPARE(log->sizeBytes(), 0);
    }

    void idempotentProducerSequences()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        auto batch = [](int32_t sequence, int count, int16_t epoch = 0) {
            BatchOptions options;
            options.producerId = 7;
            options.producerEpoch = epoch;
            options.baseSequence = sequence;
            return buildBatch(numberedRecords(count, sequence), options);
        };
        QCOMPARE(log->append(batch(0, 3), 0).baseOffset, 0);
        QCOMPARE(log->append(batch(3, 2), 0).baseOffset, 3);
        // A retry of an acknowledged batch: acknowledged again with its offset, not written twice.
        const auto retry = log->append(batch(0, 3), 0);
        QCOMPARE(retry.error, ErrorCode::None);
        QVERIFY(retry.duplicate);
        QCOMPARE(retry.baseOffset, 0);
        QCOMPARE(log->highWatermark(), 5);
        // A gap.
        QCOMPARE(log->append(batch(9, 1), 0).error, ErrorCode::OutOfOrderSequenceNumber);
        // Another producer is independent.
        BatchOptions other;
        other.producerId = 8;
        other.producerEpoch = 0;
        other.baseSequence = 0;
        QCOMPARE(log->append(buildBatch(numberedRecords(1), other), 0).error, ErrorCode::None);
        // A new epoch starts at 0; the old one is fenced.
        QCOMPARE(log->append(batch(4, 1, 1), 0).error, ErrorCode::OutOfOrderSequenceNumber);
        QCOMPARE(log->append(batch(0, 1, 1), 0).error, ErrorCode::None);
        QCOMPARE(log->append(batch(5, 1, 0), 0).error, ErrorCode::InvalidProducerEpoch);
        QCOMPARE(log->highWatermark(), 7);

        // The state survives a restart (rebuilt from the log's tail).
        log->close();
        log.reset();
        log = openLog(dir);
        const auto again = log->append(batch(0, 1, 1), 0);
        QVERIFY(again.duplicate);
        QCOMPARE(again.baseOffset, 6);
        QCOMPARE(log->append(batch(1, 1, 1), 0).baseOffset, 7);
    }

    void retentionBySize()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 500;
        auto log = openLog(dir, config);
        for (int i = 0; i < 30; ++i)
            log->append(buildBatch(numberedRecords(2, i * 2)), 0);
        const int segmentsBefore = countFiles(dir, QStringLiteral(".log"));
        QVERIFY(segmentsBefore > 4);
        QCOMPARE(log->applyRetention(0), 0); // unlimited by default (apart from time, far away)

        config.retentionBytes = 1000;
        log->setConfig(config);
        const int deleted = log->applyRetention(0);
        QVERIFY(deleted > 0);
        QCOMPARE(countFiles(dir, QStringLiteral(".log")), segmentsBefore - deleted);
        QVERIFY(log->sizeBytes() <= 1000 + 500);
        QVERIFY(log->logStartOffset() > 0);
        QCOMPARE(log->read(0, 100).error, ErrorCode::OffsetOutOfRange);
        const auto records = readAll(*log, log->logStartOffset());
        QCOMPARE(records.back().offset, 59);
        QCOMPARE(records.front().offset, log->logStartOffset());

        // The active segment stays even when it alone is over the limit.
        config.retentionBytes = 0;
        log->setConfig(config);
        log->applyRetention(0);
        QCOMPARE(countFiles(dir, QStringLiteral(".log")), 1);
        QCOMPARE(log->highWatermark(), 60);
        QCOMPARE(log->append(buildBatch(numberedRecords(1)), 0).baseOffset, 60);
    }

    void retentionByTime()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 300;
        config.retentionMs = 10'000;
        auto log = openLog(dir, config);
        // Old records (timestamps 1000..), then new ones (timestamps 100000..).
        for (int i = 0; i < 6; ++i)
            log->append(buildBatch(numberedRecords(2, i * 2, 1000 + i)), 0);
        for (int i = 6; i < 12; ++i)
            log->append(buildBatch(numberedRecords(2, i * 2, 100'000 + i)), 0);
        QCOMPARE(log->applyRetention(5000), 0); // nothing is older than 10 s at t = 5 s
        const int deleted = log->applyRetention(105'000);
        QVERIFY(deleted > 0);
        const auto records = readAll(*log, log->logStartOffset());
        // Every old record is gone or in a segment that also holds new ones; every new one is kept.
        QVERIFY(log->logStartOffset() >= 10);
        QCOMPARE(records.back().offset, 23);
        for (const auto& record : records)
            QVERIFY(record.offset >= log->logStartOffset());
    }

    void deleteRecords()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 400;
        auto log = openLog(dir, config);
        for (int i = 0; i < 20; ++i)
            log->append(buildBatch(numberedRecords(2, i * 2)), 0);
        const int segmentsBefore = countFiles(dir, QStringLiteral(".log"));
        auto result = log->deleteRecordsBefore(15);
        QCOMPARE(result.error, ErrorCode::None);
        QCOMPARE(result.logStartOffset, 15);
        QCOMPARE(log->logStartOffset(), 15);
        QCOMPARE(log->read(14, 100).error, ErrorCode::OffsetOutOfRange);
        QCOMPARE(readAll(*log, 15).front().offset, 15);
        QVERIFY(countFiles(dir, QStringLiteral(".log")) < segmentsBefore);
        // Moving backwards changes nothing; beyond the end is refused.
        QCOMPARE(log->deleteRecordsBefore(3).logStartOffset, 15);
        QCOMPARE(log->deleteRecordsBefore(41).error, ErrorCode::OffsetOutOfRange);
        // The start offset is durable.
        log->close();
        log.reset();
        log = openLog(dir, config);
        QCOMPARE(log->logStartOffset(), 15);
        // -1 means the high watermark.
        result = log->deleteRecordsBefore(-1);
        QCOMPARE(result.logStartOffset, 40);
        QCOMPARE(log->read(40, 100).slices.size(), size_t(0));
        QCOMPARE(log->append(buildBatch(numberedRecords(1)), 0).baseOffset, 40);
    }

    void listenerAndGenerationFollowAppends()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        std::atomic<int> calls{0};
        log->setAppendListener([&calls] { ++calls; });
        const auto before = log->appendGeneration();
        log->append(buildBatch(numberedRecords(1)), 0);
        log->append(buildBatch(numberedRecords(1)), 0);
        QCOMPARE(calls.load(), 2);
        QCOMPARE(log->appendGeneration(), before + 2);
        // A refused append does not wake anyone.
        log->append(std::vector<uint8_t>(10, 0), 0);
        QCOMPARE(calls.load(), 2);
    }

    void readsRunWhileAppending()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 4000;
        auto log = openLog(dir, config);
        std::atomic<bool> done{false};
        std::thread writer([&] {
            for (int i = 0; i < 300; ++i)
                log->append(buildBatch(numberedRecords(3, i * 3)), 0);
            done = true;
        });
        int64_t next = 0;
        bool ordered = true;
        while (next < 900) {
            const auto result = log->read(next, 2000);
            std::vector<ReadRecord> records;
            if (!decodeBatches(sliceBytes(result), &records)) {
                ordered = false;
                break;
            }
            for (const auto& record : records) {
                if (record.offset < next)
                    continue;
                if (record.offset != next || record.value != "value-" + std::to_string(next))
                    ordered = false;
                next = record.offset + 1;
            }
            if (done && next >= log->highWatermark())
                break;
        }
        writer.join();
        QVERIFY(ordered);
        QCOMPARE(next, 900);
    }

    void closedLogRefusesAppends()
    {
        QTemporaryDir dir;
        auto log = openLog(dir);
        log->markDeleted();
        QCOMPARE(log->append(buildBatch(numberedRecords(1)), 0).error, ErrorCode::UnknownTopicOrPartition);
    }
};

SAMSA_TEST_MAIN(TestStoragePartitionLog, QCoreApplication)
#include "tst_storagepartitionlog.moc"

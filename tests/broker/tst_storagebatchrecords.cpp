// Walking and filtering the records of a batch, as the log cleaner does: offsets, timestamps,
// keys and tombstones read in place; a filtered batch keeps its offsets and producer fields with a
// valid CRC; lying record lengths and counts are refused, never read past the batch.

#include "testmain.h"
#include "tst_storagebatchbuilder.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/batchrecords.h"
#include "storage/recordbatchcodec.h"

#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::test;

namespace {

Bytes bytesOf(const char* text)
{
    return Bytes(text, text + std::strlen(text));
}

std::string text(std::span<const uint8_t> bytes)
{
    return std::string(bytes.begin(), bytes.end());
}

// A batch at base offset 100: a=1, b=2, a=3, c=tombstone.
Bytes sampleBatch()
{
    Bytes batch = buildRecordBatch({ { bytesOf("a"), bytesOf("1") }, { bytesOf("b"), bytesOf("2") },
                                       { bytesOf("a"), bytesOf("3") }, { bytesOf("c"), std::nullopt } },
        5000);
    writeBeInt64(std::span<uint8_t>(batch), 100);
    return batch;
}

bool crcHolds(const Bytes& batch)
{
    return readBe32(std::span<const uint8_t>(batch).subspan(recordbatch::CrcPosition))
        == crc32c(std::span<const uint8_t>(batch).subspan(recordbatch::AttributesPosition));
}

} // namespace

class TestStorageBatchRecords : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void walksEveryRecordInPlace()
    {
        const Bytes batch = sampleBatch();
        std::vector<std::string> seen;
        std::string error;
        QVERIFY(forEachRecord(
            batch,
            [&](const RecordView& record) {
                seen.push_back(std::to_string(record.offset) + ":" + text(record.key) + (record.tombstone ? "=null" : "")
                    + "@" + std::to_string(record.timestamp));
                return true;
            },
            &error));
        QCOMPARE(seen, (std::vector<std::string> { "100:a@5000", "101:b@5000", "102:a@5000", "103:c=null@5000" }));
    }

    void filterKeepsOffsetsAndMakesAValidBatch()
    {
        const Bytes batch = sampleBatch();
        std::optional<Bytes> out;
        bool changed = false;
        std::string error;
        // The cleaner's rule: the last record of each key; the tombstone goes too.
        QVERIFY(filterBatch(
            batch, [](const RecordView& record) { return record.offset >= 101 && !record.tombstone; }, &out, &changed,
            &error));
        QVERIFY(changed);
        QVERIFY(out);
        QVERIFY(crcHolds(*out));
        const recordbatch::Header before = recordbatch::parseHeader(batch);
        const recordbatch::Header after = recordbatch::parseHeader(*out);
        QCOMPARE(after.baseOffset, 100);
        QCOMPARE(after.lastOffsetDelta, before.lastOffsetDelta); // the batch still ends at 103
        QCOMPARE(after.recordsCount, 2);
        QCOMPARE(after.totalSize(), static_cast<int64_t>(out->size()));
        std::vector<DecodedRecord> records;
        QVERIFY(decodeRecordBatches(*out, &records));
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].offset, 101);
        QCOMPARE(text(*records[0].value), std::string("2"));
        QCOMPARE(records[1].offset, 102);
        QCOMPARE(text(*records[1].value), std::string("3"));

        // Keeping everything changes nothing.
        QVERIFY(filterBatch(batch, [](const RecordView&) { return true; }, &out, &changed, &error));
        QVERIFY(!changed);
        QCOMPARE(*out, batch);
    }

    // An empty result drops a plain batch but keeps an idempotent producer's (its sequence state).
    void emptyBatchesGoUnlessAProducerNeedsThem()
    {
        std::optional<Bytes> out;
        bool changed = false;
        std::string error;
        QVERIFY(filterBatch(sampleBatch(), [](const RecordView&) { return false; }, &out, &changed, &error));
        QVERIFY(!out);
        BatchOptions idempotent;
        idempotent.producerId = 7;
        idempotent.producerEpoch = 0;
        idempotent.baseSequence = 0;
        QVERIFY(filterBatch(buildBatch(numberedRecords(3), idempotent), [](const RecordView&) { return false; }, &out,
            &changed, &error));
        QVERIFY(out);
        QVERIFY(crcHolds(*out));
        const recordbatch::Header header = recordbatch::parseHeader(*out);
        QCOMPARE(header.recordsCount, 0);
        QCOMPARE(header.producerId, 7);
        QCOMPARE(header.lastOffsetDelta, 2);
    }

    void refusesLyingBatches_data()
    {
        QTest::addColumn<QByteArray>("batch");
        QTest::addColumn<QString>("expected");
        const Bytes good = buildBatch(numberedRecords(3));
        const auto raw = [](const Bytes& bytes) { return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())); };

        Bytes moreRecords = good; // the header claims 5 records, the batch holds 3
        writeBeInt32(std::span<uint8_t>(moreRecords).subspan(recordbatch::RecordsCountPosition), 5);
        QTest::addRow("count larger than the records") << raw(moreRecords) << QStringLiteral("claims more bytes");
        Bytes fewerRecords = good;
        writeBeInt32(std::span<uint8_t>(fewerRecords).subspan(recordbatch::RecordsCountPosition), 2);
        QTest::addRow("count smaller than the records") << raw(fewerRecords) << QStringLiteral("bytes after its last record");
        Bytes hugeCount = good;
        writeBeInt32(std::span<uint8_t>(hugeCount).subspan(recordbatch::RecordsCountPosition), INT32_MAX);
        QTest::addRow("2^31-1 records") << raw(hugeCount) << QStringLiteral("claims more bytes");
        Bytes longRecord = good;
        longRecord[recordbatch::HeaderSize] = 0x7e; // the first record claims 63 bytes
        QTest::addRow("record length past the batch") << raw(longRecord) << QStringLiteral("record 0 claims more bytes");
        Bytes shortRecord = good;
        shortRecord[recordbatch::HeaderSize] = 0x04; // the first record claims 2 bytes: its fields overrun it
        QTest::addRow("record length shorter than its fields") << raw(shortRecord) << QStringLiteral("record 0 ");
        Bytes outside = good;
        writeBeInt32(std::span<uint8_t>(outside).subspan(recordbatch::LastOffsetDeltaPosition), 0);
        QTest::addRow("offset delta beyond the header's last") << raw(outside) << QStringLiteral("outside the batch's offsets");
        Bytes truncated(good.begin(), good.end() - 4);
        QTest::addRow("truncated") << raw(truncated) << QStringLiteral("inconsistent");
    }

    void refusesLyingBatches()
    {
        QFETCH(QByteArray, batch);
        QFETCH(QString, expected);
        const Bytes bytes(batch.begin(), batch.end());
        std::string error;
        int visited = 0;
        QVERIFY(!forEachRecord(bytes, [&](const RecordView&) { ++visited; return true; }, &error));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
        QVERIFY(visited <= 3);
    }
};

SAMSA_TEST_MAIN(TestStorageBatchRecords, QCoreApplication)
#include "tst_storagebatchrecords.moc"

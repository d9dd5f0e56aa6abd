// Reading an internal topic back batch by batch (storage/logreplay): a batch that fails its CRC,
// carries garbage records, lies about its record count or is compressed is skipped on its own,
// and the batches after it in the same read are still decoded.

#include "testmain.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "storage/logreplay.h"
#include "storage/recordbatch.h"

#include <QtTest>

using namespace samsa::broker;

namespace {

Bytes bytesOf(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

Bytes batchAt(int64_t baseOffset, const std::vector<std::string>& keys)
{
    std::vector<KeyValue> records;
    for (const auto& key : keys)
        records.push_back({ bytesOf(key), bytesOf("v-" + key) });
    Bytes batch = buildRecordBatch(records, 1000);
    writeBeInt64(std::span<uint8_t>(batch), baseOffset);
    return batch;
}

void resealCrc(Bytes& batch)
{
    const uint32_t crc = crc32c(std::span<const uint8_t>(batch).subspan(recordbatch::AttributesPosition));
    writeBe32(std::span<uint8_t>(batch).subspan(recordbatch::CrcPosition), crc);
}

Bytes joined(const std::vector<Bytes>& batches)
{
    Bytes all;
    for (const auto& batch : batches)
        all.insert(all.end(), batch.begin(), batch.end());
    return all;
}

// "key@offset" of each record, separated by spaces.
QByteArray keysOf(const std::vector<DecodedRecord>& records)
{
    QByteArray keys;
    for (const auto& record : records) {
        if (!keys.isEmpty())
            keys += ' ';
        keys += QByteArray(reinterpret_cast<const char*>(record.key->data()), qsizetype(record.key->size())) + '@'
            + QByteArray::number(record.offset);
    }
    return keys;
}

} // namespace

class TestLogReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void badBatchIsSkippedAlone_data();
    void badBatchIsSkippedAlone();
    void recordsBeforeFromAreLeftOut();
    void damagedOffsetsDoNotJumpAhead();
};

void TestLogReplay::badBatchIsSkippedAlone_data()
{
    QTest::addColumn<int>("damage");
    QTest::addRow("crc mismatch") << 0;
    QTest::addRow("garbage records, valid crc") << 1;
    QTest::addRow("count above the records present") << 2;
    QTest::addRow("bytes after the last record") << 3;
    QTest::addRow("compressed") << 4;
    QTest::addRow("magic 1") << 5;
}

void TestLogReplay::badBatchIsSkippedAlone()
{
    QFETCH(int, damage);
    Bytes bad = batchAt(2, { "x", "y" });
    switch (damage) {
    case 0:
        bad.back() ^= 0x01;
        break;
    case 1:
        std::fill(bad.begin() + std::ptrdiff_t(recordbatch::HeaderSize), bad.end(), uint8_t(0xff));
        resealCrc(bad);
        break;
    case 2:
        writeBeInt32(std::span<uint8_t>(bad).subspan(recordbatch::RecordsCountPosition), INT32_MAX);
        resealCrc(bad);
        break;
    case 3:
        bad.push_back(0);
        writeBeInt32(std::span<uint8_t>(bad).subspan(recordbatch::LengthPosition),
            int32_t(bad.size() - recordbatch::LogOverhead));
        resealCrc(bad);
        break;
    case 4:
        writeBeInt16(std::span<uint8_t>(bad).subspan(recordbatch::AttributesPosition), 1);
        resealCrc(bad);
        break;
    case 5:
        bad[recordbatch::MagicPosition] = 1;
        resealCrc(bad);
        break;
    }
    const Bytes bytes = joined({ batchAt(0, { "a", "b" }), bad, batchAt(4, { "c" }), batchAt(5, { "d" }) });
    std::vector<DecodedRecord> records;
    const int64_t next = decodeReplayChunk(bytes, 0, "test-0", &records);
    QCOMPARE(keysOf(records), QByteArray("a@0 b@1 c@4 d@5"));
    QCOMPARE(next, int64_t(6));
}

void TestLogReplay::recordsBeforeFromAreLeftOut()
{
    const Bytes bytes = joined({ batchAt(10, { "a", "b", "c" }), batchAt(13, { "d" }) });
    std::vector<DecodedRecord> records;
    QCOMPARE(decodeReplayChunk(bytes, 11, "test-0", &records), int64_t(14));
    QCOMPARE(keysOf(records), QByteArray("b@11 c@12 d@13"));
}

void TestLogReplay::damagedOffsetsDoNotJumpAhead()
{
    // A flipped bit in the base offset of a batch that then fails its CRC must not make the reader
    // continue far beyond the log.
    Bytes bad = batchAt(2, { "x" });
    writeBeInt64(std::span<uint8_t>(bad), int64_t(1) << 50);
    bad.back() ^= 0x01;
    std::vector<DecodedRecord> records;
    QCOMPARE(decodeReplayChunk(joined({ batchAt(0, { "a", "b" }), bad }), 0, "test-0", &records), int64_t(3));
    QCOMPARE(keysOf(records), QByteArray("a@0 b@1"));
}

SAMSA_TEST_MAIN(TestLogReplay, QCoreApplication)
#include "tst_logreplay.moc"

// Records as read share one block per batch (ByteArena): each copy reads back exactly, ends with
// a zero, and changing one never changes another. The compact record store: every field reads back exactly (null versus empty, headers with null
// values, a value larger than a chunk), snapshots stay valid while appends go on, and a million
// 100-byte records fit in the memory budget of the message browser.

#include "messages/bytearena.h"
#include "messages/recordstore.h"
#include "testmain.h"

#include <QFile>
#include <QThread>

#include <unistd.h>

using namespace Samsa;

namespace {

KafkaRecord makeRecord(int partition, qint64 offset, std::optional<QByteArray> key, std::optional<QByteArray> value,
    QList<RecordHeader> headers = {}, TimestampType type = TimestampType::CreateTime, qint64 timestamp = 1700000000123)
{
    KafkaRecord record;
    record.partition = partition;
    record.offset = offset;
    record.timestampMs = timestamp;
    record.timestampType = type;
    record.key = std::move(key);
    record.value = std::move(value);
    record.headers = std::move(headers);
    return record;
}

// Field by field, so a failure names the field.
void compareRecords(const KafkaRecord& actual, const KafkaRecord& expected)
{
    QCOMPARE(actual.partition, expected.partition);
    QCOMPARE(actual.offset, expected.offset);
    QCOMPARE(actual.timestampMs, expected.timestampMs);
    QCOMPARE(actual.timestampType, expected.timestampType);
    QCOMPARE(actual.key.has_value(), expected.key.has_value());
    if (expected.key)
        QCOMPARE(*actual.key, *expected.key);
    QCOMPARE(actual.value.has_value(), expected.value.has_value());
    if (expected.value)
        QCOMPARE(*actual.value, *expected.value);
    QCOMPARE(actual.headers.size(), expected.headers.size());
    for (qsizetype h = 0; h < expected.headers.size(); ++h) {
        QCOMPARE(actual.headers.at(h).key, expected.headers.at(h).key);
        QCOMPARE(actual.headers.at(h).value.has_value(), expected.headers.at(h).value.has_value());
        if (expected.headers.at(h).value)
            QCOMPARE(*actual.headers.at(h).value, *expected.headers.at(h).value);
    }
    QCOMPARE(actual.size(), expected.size());
}

QList<KafkaRecord> awkwardRecords()
{
    QByteArray large(5 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char(i * 31 + 7);
    QByteArray binary("\x00\xff\x01\x80", 4);
    return {
        makeRecord(0, 0, std::nullopt, std::nullopt), makeRecord(0, 1, QByteArray(""), QByteArray("")),
        makeRecord(1, 2, QByteArray("k"), std::nullopt, {}, TimestampType::LogAppendTime, 5),
        makeRecord(2, 3, std::nullopt, QByteArray("value"), {}, TimestampType::NotAvailable, -1),
        makeRecord(3, 4, binary, binary,
            { { "trace", QByteArray("abc") }, { "null-header", std::nullopt }, { "", QByteArray("") },
                { "dup", QByteArray("1") }, { "dup", QByteArray("2") } }),
        makeRecord(4, 5, QByteArray("big"), large, { { "after", QByteArray("large") } }),
        makeRecord(5, std::numeric_limits<qint64>::max(), QByteArray("small after big"), QByteArray("v"), {},
            TimestampType::CreateTime, std::numeric_limits<qint64>::max()),
        makeRecord(2147483647, 9, QByteArray(70000, 'k'), QByteArray(70000, 'v')), // larger than the first chunk
    };
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

} // namespace

class TestRecordStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsBackEveryField()
    {
        const QList<KafkaRecord> records = awkwardRecords();
        RecordStore store;
        store.append(records);
        QCOMPARE(store.count(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i) {
            const KafkaRecord& expected = records.at(i);
            compareRecords(store.record(i), expected);
            QCOMPARE(store.partition(i), expected.partition);
            QCOMPARE(store.offset(i), expected.offset);
            QCOMPARE(store.timestampMs(i), expected.timestampMs);
            QCOMPARE(store.timestampType(i), expected.timestampType);
            QCOMPARE(store.keyIsNull(i), !expected.key.has_value());
            QCOMPARE(store.valueIsNull(i), !expected.value.has_value());
            QCOMPARE(store.key(i).toByteArray(), expected.key.value_or(QByteArray()));
            QCOMPARE(store.value(i).toByteArray(), expected.value.value_or(QByteArray()));
            QCOMPARE(store.headerCount(i), expected.headers.size());
            QCOMPARE(store.size(i), expected.size());
        }
        // Null and empty differ in the copy as well as in the flags.
        QVERIFY(!store.record(0).key.has_value());
        QVERIFY(store.record(1).key.has_value() && store.record(1).key->isEmpty());
        QVERIFY(!store.record(4).headers.at(1).value.has_value());
        QVERIFY(store.record(4).headers.at(2).value.has_value());

        const auto snapshot = store.snapshot();
        QCOMPARE(snapshot->count(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i) {
            compareRecords(snapshot->record(i), records.at(i));
            QCOMPARE(snapshot->timestampType(i), records.at(i).timestampType);
            QCOMPARE(snapshot->headerCount(i), records.at(i).headers.size());
            QCOMPARE(snapshot->size(i), records.at(i).size());
            QCOMPARE(snapshot->keyIsNull(i), !records.at(i).key.has_value());
            QCOMPARE(snapshot->valueIsNull(i), !records.at(i).value.has_value());
        }
    }

    void sizeCountsKeyValueAndHeaders()
    {
        const KafkaRecord record = makeRecord(
            0, 0, QByteArray("ab"), QByteArray("cde"), { { "h1", QByteArray("xyz") }, { "h2", std::nullopt } });
        QCOMPARE(record.size(), 2 + 3 + 2 + 3 + 2);
        QCOMPARE(timestampTypeName(TimestampType::LogAppendTime), QStringLiteral("LogAppendTime"));
        QCOMPARE(timestampTypeName(TimestampType::CreateTime), QStringLiteral("CreateTime"));
        QCOMPARE(timestampTypeName(TimestampType::NotAvailable), QStringLiteral("NotAvailable"));
    }

    void snapshotStaysValidWhileAppending()
    {
        RecordStore store;
        const auto recordAt = [](qint64 i) {
            return makeRecord(int(i % 7), i, QByteArray("key-") + QByteArray::number(i),
                QByteArray(int(i % 300), char('a' + i % 26)),
                i % 5 == 0 ? QList<RecordHeader> { { "n", QByteArray::number(i) } } : QList<RecordHeader> {});
        };
        for (qint64 i = 0; i < 50000; ++i)
            store.append(recordAt(i));
        const auto snapshot = store.snapshot();

        // The reader checks every record of its snapshot while the owner appends many more chunks
        // and index blocks behind it.
        qint64 mismatches = -1;
        std::unique_ptr<QThread> reader(QThread::create([&] {
            qint64 wrong = 0;
            for (int pass = 0; pass < 3; ++pass) {
                for (qint64 i = 0; i < snapshot->count(); ++i) {
                    const KafkaRecord expected = recordAt(i);
                    if (snapshot->offset(i) != i || snapshot->key(i) != *expected.key
                        || snapshot->value(i) != *expected.value
                        || snapshot->record(i).headers.size() != expected.headers.size())
                        ++wrong;
                }
            }
            mismatches = wrong;
        }));
        reader->start();
        for (qint64 i = 50000; i < 250000; ++i)
            store.append(recordAt(i));
        QVERIFY(reader->wait(60000));
        QCOMPARE(mismatches, 0);
        QCOMPARE(snapshot->count(), 50000);
        QCOMPARE(store.count(), 250000);

        // Clearing the store leaves a snapshot taken before intact.
        const auto late = store.snapshot();
        store.clear();
        QCOMPARE(store.count(), 0);
        QCOMPARE(late->count(), 250000);
        compareRecords(late->record(249999), recordAt(249999));
        compareRecords(late->record(0), recordAt(0));
    }

    // The reader copies a batch's keys and values into one ByteArena: the copies must behave as
    // QByteArrays of their own, whatever happens to the arena or the other copies.
    void arenaCopiesAreIndependentByteArrays()
    {
        const QByteArray first("first value");
        const QByteArray second("second");
        QByteArray a;
        QByteArray b;
        QByteArray empty;
        {
            ByteArena arena(ByteArena::footprint(first.size()) + ByteArena::footprint(second.size()));
            a = arena.copy(first.constData(), first.size());
            b = arena.copy(second.constData(), second.size());
            empty = arena.copy("", 0);
            const QByteArray overflow = arena.copy("does not fit", 12); // the block is full: its own allocation
            QCOMPARE(overflow, QByteArray("does not fit"));
            QCOMPARE(a.constData() + a.size() + 1, b.constData()); // one block, one zero apart
        }
        QCOMPARE(a, first);
        QCOMPARE(b, second);
        QCOMPARE(a.constData()[a.size()], '\0');
        QCOMPARE(b.constData()[b.size()], '\0');
        QVERIFY(!empty.isNull());
        QVERIFY(empty.isEmpty());
        a.append(" grown past its end"); // must not run into b's bytes
        a[0] = 'F';
        QCOMPARE(a, QByteArray("First value grown past its end"));
        QCOMPARE(b, second);
        b[0] = 'S';
        QCOMPARE(b, QByteArray("Second"));
        QCOMPARE(a, QByteArray("First value grown past its end"));
    }

    // The budget: 1,000,000 records of 100 bytes cost at most 2.5 times their raw size.
    void millionRecordsFitTheMemoryBudget()
    {
        const qint64 residentBefore = residentBytes();
        RecordStore store;
        KafkaRecord record;
        record.timestampType = TimestampType::CreateTime;
        record.value = QByteArray(100, 'v');
        qint64 rawBytes = 0;
        for (qint64 i = 0; i < 1000000; ++i) {
            record.partition = int(i % 6);
            record.offset = i / 6;
            record.timestampMs = 1700000000000 + i;
            record.key = QByteArray("customer-") + QByteArray::number(i % 5000);
            (*record.value)[int(i % 100)] = char('a' + i % 26);
            rawBytes += record.size();
            store.append(record);
        }
        QCOMPARE(store.count(), 1000000);
        const qint64 held = store.memoryBytes();
        const qint64 residentGrowth = residentBytes() - residentBefore;
        qInfo("raw %lld bytes, store %lld bytes (%.2fx), resident growth %lld bytes (%.2fx)", rawBytes, held,
            double(held) / double(rawBytes), residentGrowth, double(residentGrowth) / double(rawBytes));
        QVERIFY2(held <= rawBytes * 5 / 2, "memoryBytes() exceeds 2.5x the raw size");
        QVERIFY2(held >= rawBytes, "memoryBytes() cannot be less than the bytes it holds");
#ifdef __SANITIZE_ADDRESS__
        // AddressSanitizer's redzones and quarantine make resident memory say nothing about the store.
        const bool residentMeaningful = false;
#else
        const bool residentMeaningful = true;
#endif
        QVERIFY2(!residentMeaningful || residentBefore < 0 || residentGrowth <= rawBytes * 5 / 2,
            "resident memory grew by more than 2.5x");
        QCOMPARE(store.key(999999).toByteArray(), QByteArray("customer-") + QByteArray::number(999999 % 5000));
        QCOMPARE(store.offset(999999), 999999 / 6);
    }
};

SAMSA_TEST_MAIN(TestRecordStore, QCoreApplication)
#include "tst_recordstore.moc"

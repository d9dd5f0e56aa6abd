// Log compaction (cleanup.policy=compact) of a PartitionLog: after cleaning, the log holds exactly
// the last record of each key at its original offset; tombstones outlive one cleaning and then go;
// segments younger than min.compaction.lag.ms stay; a reader holding the old file reads it whole;
// an interrupted cleaning (a .swap or .cleaned file left by a crash) is finished or dropped at open.

#include "testmain.h"
#include "tst_storagebatchbuilder.h"

#include "storage/batchrecords.h"
#include "storage/partitionlog.h"
#include "storage/recordbatchcodec.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <unistd.h>

using namespace samsa::broker;
using namespace samsa::broker::test;

namespace {

constexpr int64_t Now = 10'000'000;

TopicConfig compacted()
{
    TopicConfig config;
    config.cleanupCompact = true;
    config.cleanupDelete = false;
    config.segmentBytes = 300; // a few batches a segment
    config.minCleanableDirtyRatio = 0.01;
    return config;
}

std::shared_ptr<PartitionLog> openLog(const QTemporaryDir& dir, const TopicConfig& config)
{
    std::string error;
    auto log = PartitionLog::open(dir.filePath(QStringLiteral("c-0")).toStdString(), "c", 0, config, &error);
    if (!log)
        qWarning("open failed: %s", error.c_str());
    return log;
}

Bytes bytesOf(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

// Writes key=value records one batch each (value "" is a tombstone), timestamps at `timestamp`.
bool write(PartitionLog& log, const std::vector<std::pair<std::string, std::string>>& records, int64_t timestamp = 1000)
{
    for (const auto& [key, value] : records) {
        KeyValue record { bytesOf(key), value.empty() ? std::nullopt : std::optional<Bytes>(bytesOf(value)) };
        if (log.append(buildRecordBatch({ record }, timestamp), timestamp).error != ErrorCode::None)
            return false;
    }
    return true;
}

// offset:key=value (or key=null) of every record in the log.
QStringList contents(const PartitionLog& log)
{
    QStringList out;
    for (const DecodedRecord& record : readWholeLog(log)) {
        const std::string key(record.key->begin(), record.key->end());
        const std::string value = record.value ? std::string(record.value->begin(), record.value->end()) : "null";
        out.append(QStringLiteral("%1:%2=%3").arg(record.offset).arg(QString::fromStdString(key), QString::fromStdString(value)));
    }
    return out;
}

} // namespace

class TestStorageCompaction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheLastRecordOfEachKeyAtItsOffset()
    {
        QTemporaryDir dir;
        auto log = openLog(dir, compacted());
        QVERIFY(log);
        // Four batches a segment: the updates land in closed segments, the fillers in the active one
        // (which is never cleaned, and whose keys do not count yet, as in Kafka).
        QVERIFY(write(*log, { { "a", "1" }, { "b", "1" }, { "a", "2" }, { "c", "1" }, { "b", "2" }, { "a", "3" },
                                { "d", "1" }, { "e", "1" }, { "f", "1" }, { "a", "4" } }));
        const int64_t end = log->highWatermark();
        QVERIFY(log->compact(Now) > 0);
        const QStringList after = contents(*log);
        QCOMPARE(after.size(), 7);
        QCOMPARE(after.filter(QStringLiteral(":a=")), (QStringList { QStringLiteral("5:a=3"), QStringLiteral("9:a=4") }));
        QCOMPARE(after.filter(QStringLiteral(":b=")), QStringList { QStringLiteral("4:b=2") });
        QCOMPARE(after.filter(QStringLiteral(":c=")), QStringList { QStringLiteral("3:c=1") });
        QCOMPARE(log->highWatermark(), end);
        QVERIFY(log->read(0, 1 << 20).error == ErrorCode::None);

        // Reopened: the same records (indexes rebuilt, nothing left over).
        log->close();
        log.reset();
        log = openLog(dir, compacted());
        QCOMPARE(contents(*log), after);
        const QStringList leftovers = QDir(dir.filePath(QStringLiteral("c-0")))
                                          .entryList({ QStringLiteral("*.swap"), QStringLiteral("*.cleaned") });
        QVERIFY(leftovers.isEmpty());
    }

    void tombstonesOutliveOneCleaning()
    {
        QTemporaryDir dir;
        TopicConfig config = compacted();
        config.deleteRetentionMs = 1000;
        auto log = openLog(dir, config);
        QVERIFY(write(*log, { { "a", "1" }, { "b", "1" }, { "a", "" }, { "x", "1" }, { "y", "1" }, { "z", "1" } }));
        QVERIFY(log->compact(Now) > 0);
        QVERIFY(contents(*log).contains(QStringLiteral("2:a=null"))); // consumers still see the delete
        QVERIFY(!contents(*log).contains(QStringLiteral("0:a=1")));
        // More writes make the log dirty again; the tombstone, seen by the first cleaning and older than
        // delete.retention.ms, goes now.
        QVERIFY(write(*log, { { "b", "2" }, { "p", "1" }, { "q", "1" }, { "r", "1" }, { "s", "1" } }));
        QVERIFY(log->compact(Now) > 0);
        QVERIFY2(!contents(*log).join(QLatin1Char(' ')).contains(QStringLiteral("a=")), qPrintable(contents(*log).join(QLatin1Char(' '))));
    }

    void recentSegmentsWaitForTheCompactionLag()
    {
        QTemporaryDir dir;
        TopicConfig config = compacted();
        config.minCompactionLagMs = 60'000;
        auto log = openLog(dir, config);
        QVERIFY(write(*log, { { "a", "1" }, { "a", "2" }, { "a", "3" }, { "a", "4" }, { "a", "5" } }, Now - 1000));
        const QStringList before = contents(*log);
        QCOMPARE(log->compact(Now), 0);
        QCOMPARE(contents(*log), before);
        QVERIFY(log->compact(Now + 120'000) > 0);
        QVERIFY(contents(*log).size() < before.size());
    }

    // A fetch that began before the cleaning sends the old file whole: its descriptor outlives the rename.
    void aReaderKeepsTheFileItStarted()
    {
        QTemporaryDir dir;
        auto log = openLog(dir, compacted());
        QVERIFY(write(*log, { { "a", "1" }, { "a", "2" }, { "a", "3" }, { "a", "4" }, { "a", "5" }, { "a", "6" } }));
        const ReadResult early = log->read(0, 1 << 20);
        QVERIFY(!early.slices.empty());
        QVERIFY(log->compact(Now) > 0);
        Bytes old(static_cast<size_t>(early.slices.front().length));
        QCOMPARE(::pread(early.slices.front().fd, old.data(), old.size(), early.slices.front().position),
            static_cast<ssize_t>(old.size()));
        std::vector<DecodedRecord> records;
        QVERIFY(decodeRecordBatches(old, &records));
        QVERIFY(!records.empty());
        QCOMPARE(records.front().offset, 0); // the record compaction removed, still whole in the old file
    }

    // A crash after the rewrite was renamed to .swap: the open finishes the swap. A crash while writing
    // (.cleaned): the open deletes it and the old segment stays.
    void anInterruptedCleaningIsFinishedOrDropped()
    {
        QTemporaryDir dir;
        {
            auto log = openLog(dir, compacted());
            QVERIFY(write(*log, { { "a", "1" }, { "a", "2" }, { "b", "1" }, { "c", "1" }, { "d", "1" } }));
            log->close();
        }
        const QDir partition(dir.filePath(QStringLiteral("c-0")));
        const QStringList segments = partition.entryList({ QStringLiteral("*.log") }, QDir::Files, QDir::Name);
        QVERIFY(segments.size() >= 2);
        const QString first = partition.filePath(segments.first());
        QFile file(first);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray raw = file.readAll();
        file.close();
        // The first segment holds a=1 (offset 0): a cleaned copy without it, as the cleaner writes it.
        std::optional<Bytes> cleaned;
        bool changed = false;
        std::string error;
        const Bytes batch(raw.begin(), raw.begin() + static_cast<qsizetype>(recordbatch::parseHeader(
                                                        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(raw.data()), raw.size()))
                                                        .totalSize()));
        QVERIFY(filterBatch(batch, [](const RecordView& record) { return record.offset != 0; }, &cleaned, &changed, &error));
        QVERIFY(!cleaned); // a plain batch with nothing left goes
        QByteArray rest = raw.mid(static_cast<qsizetype>(batch.size()));
        QFile swap(first + QStringLiteral(".swap"));
        QVERIFY(swap.open(QIODevice::WriteOnly));
        swap.write(rest);
        swap.close();
        QFile garbage(partition.filePath(segments.at(1)) + QStringLiteral(".cleaned"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("half a rewrite");
        garbage.close();

        auto log = openLog(dir, compacted());
        QVERIFY(log);
        const QStringList records = contents(*log);
        QVERIFY2(!records.contains(QStringLiteral("0:a=1")), qPrintable(records.join(QLatin1Char(' '))));
        QVERIFY(records.contains(QStringLiteral("1:a=2")));
        QVERIFY(records.contains(QStringLiteral("4:d=1")));
        QVERIFY(partition.entryList({ QStringLiteral("*.swap"), QStringLiteral("*.cleaned") }).isEmpty());
    }

    // The pace hook sees every byte the cleaning reads and writes, and stops it when it says so.
    void paceBoundsAndStopsTheCleaning()
    {
        QTemporaryDir dir;
        auto log = openLog(dir, compacted());
        QVERIFY(write(*log, { { "a", "1" }, { "a", "2" }, { "a", "3" }, { "a", "4" }, { "a", "5" }, { "a", "6" } }));
        const QStringList before = contents(*log);
        QCOMPARE(log->compact(Now, [](int64_t) { return false; }), 0);
        QCOMPARE(contents(*log), before);
        int64_t paced = 0;
        QVERIFY(log->compact(Now, [&paced](int64_t bytes) { paced += bytes; return true; }) > 0);
        QVERIFY(paced >= 3 * 280); // a dirty segment read for the key map, then read and written
    }

    // A topic without compact is never touched.
    void deletePolicyIsLeftAlone()
    {
        QTemporaryDir dir;
        TopicConfig config = compacted();
        config.cleanupCompact = false;
        config.cleanupDelete = true;
        auto log = openLog(dir, config);
        QVERIFY(write(*log, { { "a", "1" }, { "a", "2" }, { "a", "3" }, { "a", "4" } }));
        QCOMPARE(log->compact(Now), 0);
        QCOMPARE(contents(*log).size(), 4);
    }
};

SAMSA_TEST_MAIN(TestStorageCompaction, QCoreApplication)
#include "tst_storagecompaction.moc"

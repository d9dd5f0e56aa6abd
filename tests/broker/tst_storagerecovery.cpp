// PartitionLog recovery: reopening keeps everything, a torn or corrupt tail is cut back to the
// last whole batch, damaged indexes are rebuilt.

#include "testmain.h"
#include "tst_storagebatchbuilder.h"
#include "tst_storagereader.h"

#include "storage/partitionlog.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::test;

namespace {

std::shared_ptr<PartitionLog> openLog(const QTemporaryDir& dir, const TopicConfig& config = {})
{
    std::string error;
    auto log = PartitionLog::open(dir.filePath(QStringLiteral("t-0")).toStdString(), "t", 0, config, &error);
    if (!log)
        qWarning("open failed: %s", error.c_str());
    return log;
}

QString lastSegment(const QTemporaryDir& dir)
{
    QDir partition(dir.filePath(QStringLiteral("t-0")));
    const auto logs = partition.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
    return logs.isEmpty() ? QString() : partition.filePath(logs.last());
}

} // namespace

class TestStorageRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reopenKeepsEverything()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 700;
        config.indexIntervalBytes = 100;
        {
            auto log = openLog(dir, config);
            for (int i = 0; i < 30; ++i)
                log->append(buildBatch(numberedRecords(3, i * 3, 1000 + i * 10)), 0);
            log->close();
        }
        auto log = openLog(dir, config);
        QVERIFY(log);
        QCOMPARE(log->highWatermark(), 90);
        const auto records = readAll(*log, 0, 500);
        QCOMPARE(records.size(), size_t(90));
        for (size_t i = 0; i < records.size(); ++i)
            QCOMPARE(records[i].value, "value-" + std::to_string(i));
        QCOMPARE(log->offsetForTimestamp(1000 + 150).offset, 45);
        QCOMPARE(log->append(buildBatch(numberedRecords(1)), 0).baseOffset, 90);
    }

    void reopenWithoutCloseKeepsWrittenData()
    {
        // Like a SIGKILL: no close(), the page cache still holds what was written.
        QTemporaryDir dir;
        {
            auto log = openLog(dir);
            for (int i = 0; i < 10; ++i)
                log->append(buildBatch(numberedRecords(1, i)), 0);
            log->markDeleted(); // drop without flushing or writing indexes
        }
        auto log = openLog(dir);
        QCOMPARE(log->highWatermark(), 10);
        QCOMPARE(readAll(*log).size(), size_t(10));
    }

    void tornTailIsTruncated_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("garbage appended") << QStringLiteral("garbage");
        QTest::newRow("last batch cut short") << QStringLiteral("cut");
        QTest::newRow("last batch corrupted") << QStringLiteral("flip");
        QTest::newRow("zeros appended") << QStringLiteral("zeros");
        QTest::newRow("partial header") << QStringLiteral("header");
    }

    void tornTailIsTruncated()
    {
        QFETCH(QString, damage);
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 1 << 20; // one segment: the damage is in the only, last one
        qint64 sizeBeforeLast = 0;
        {
            auto log = openLog(dir, config);
            for (int i = 0; i < 20; ++i) {
                if (i == 19)
                    sizeBeforeLast = QFileInfo(lastSegment(dir)).size();
                log->append(buildBatch(numberedRecords(2, i * 2)), 0);
            }
            log->close();
        }
        const QString path = lastSegment(dir);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 fullSize = file.size();
        int64_t expectedHigh = 40;
        qint64 expectedSize = fullSize;
        if (damage == QLatin1String("garbage")) {
            file.seek(fullSize);
            file.write(QByteArray("this is not a record batch at all, just noise........................"));
        } else if (damage == QLatin1String("zeros")) {
            file.seek(fullSize);
            file.write(QByteArray(4096, '\0'));
        } else if (damage == QLatin1String("header")) {
            file.seek(fullSize);
            file.write(QByteArray::fromHex("0000000000000028000001"));
        } else if (damage == QLatin1String("cut")) {
            QVERIFY(file.resize(fullSize - 7));
            expectedHigh = 38;
            expectedSize = sizeBeforeLast;
        } else {
            file.seek(fullSize - 3);
            file.write(QByteArray("\xff", 1));
            expectedHigh = 38;
            expectedSize = sizeBeforeLast;
        }
        file.close();

        auto log = openLog(dir, config);
        QVERIFY(log);
        QCOMPARE(log->highWatermark(), expectedHigh);
        QCOMPARE(QFileInfo(path).size(), expectedSize);
        const auto records = readAll(*log);
        QCOMPARE(records.size(), size_t(expectedHigh));
        for (size_t i = 0; i < records.size(); ++i)
            QCOMPARE(records[i].value, "value-" + std::to_string(i));
        // Appending goes on right after the last whole batch.
        QCOMPARE(log->append(buildBatch(numberedRecords(1, 99)), 0).baseOffset, expectedHigh);
        QCOMPARE(readAll(*log, expectedHigh).front().value, std::string("value-99"));
    }

    void damagedIndexesAreRebuilt()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 600;
        config.indexIntervalBytes = 100;
        {
            auto log = openLog(dir, config);
            for (int i = 0; i < 30; ++i)
                log->append(buildBatch(numberedRecords(2, i * 2)), 0);
            log->close();
        }
        QDir partition(dir.filePath(QStringLiteral("t-0")));
        const auto indexes = partition.entryList({QStringLiteral("*.index")}, QDir::Files, QDir::Name);
        QVERIFY(indexes.size() >= 3);
        QVERIFY(QFile::remove(partition.filePath(indexes[0])));
        QFile damaged(partition.filePath(indexes[1]));
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write(QByteArray("xyz"));
        damaged.close();

        auto log = openLog(dir, config);
        QCOMPARE(log->highWatermark(), 60);
        for (int64_t offset = 0; offset < 60; offset += 5) {
            std::vector<DecodedBatch> batches;
            QVERIFY(decodeBatches(sliceBytes(log->read(offset, 1)), nullptr, &batches));
            QCOMPARE(batches.front().baseOffset, offset - offset % 2);
        }
        QVERIFY(QFile::exists(partition.filePath(indexes[0])));
    }

    void strayFilesDoNotStopRecovery_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addRow("segment name beyond int64") << QStringLiteral("99999999999999999999.log") << QByteArray("junk");
        QTest::addRow("segment name with a sign") << QStringLiteral("-0000000000000000001.log") << QByteArray("junk");
        QTest::addRow("damaged log start offset") << QStringLiteral("log-start-offset") << QByteArray("4x");
        QTest::addRow("log start offset beyond int64")
            << QStringLiteral("log-start-offset") << QByteArray("99999999999999999999999");
        QTest::addRow("damaged producer snapshot")
            << QStringLiteral("producer-snapshot") << QByteArray("samsa-producers 99999999999999999999999\n1 2\n");
    }

    void strayFilesDoNotStopRecovery()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        {
            auto log = openLog(dir);
            for (int i = 0; i < 10; ++i)
                log->append(buildBatch(numberedRecords(1, i)), 0);
            log->close();
        }
        QFile stray(dir.filePath(QStringLiteral("t-0/") + name));
        QVERIFY(stray.open(QIODevice::WriteOnly | QIODevice::Truncate));
        stray.write(content);
        stray.close();

        auto log = openLog(dir);
        QVERIFY(log);
        QCOMPARE(log->logStartOffset(), 0);
        QCOMPARE(log->highWatermark(), 10);
        QCOMPARE(readAll(*log).size(), size_t(10));
        QCOMPARE(log->append(buildBatch(numberedRecords(1, 10)), 0).baseOffset, 10);
    }

    void producerStateSurvivesRollsAndRestarts_data()
    {
        QTest::addColumn<bool>("cleanClose");
        QTest::newRow("clean close") << true;
        QTest::newRow("crash") << false;
    }

    void producerStateSurvivesRollsAndRestarts()
    {
        QFETCH(bool, cleanClose);
        QTemporaryDir dir;
        TopicConfig config;
        config.segmentBytes = 400;
        BatchOptions idempotent;
        idempotent.producerId = 42;
        idempotent.producerEpoch = 3;
        idempotent.baseSequence = 0;
        const auto first = buildBatch(numberedRecords(2), idempotent);
        {
            auto log = openLog(dir, config);
            QCOMPARE(log->append(first, 0).baseOffset, 0);
            // Other traffic rolls the segment holding the producer's batch away from the tail.
            for (int i = 0; i < 12; ++i)
                log->append(buildBatch(numberedRecords(2, 2 + i * 2)), 0);
            QVERIFY(QDir(dir.filePath(QStringLiteral("t-0"))).entryList({QStringLiteral("*.log")}).size() > 2);
            if (cleanClose)
                log->close();
            else
                log->markDeleted();
        }
        auto log = openLog(dir, config);
        const auto retry = log->append(first, 0);
        QVERIFY(retry.duplicate);
        QCOMPARE(retry.baseOffset, 0);
        idempotent.baseSequence = 5;
        QCOMPARE(log->append(buildBatch(numberedRecords(1), idempotent), 0).error, ErrorCode::OutOfOrderSequenceNumber);
        idempotent.baseSequence = 2;
        QCOMPARE(log->append(buildBatch(numberedRecords(1), idempotent), 0).error, ErrorCode::None);
    }

    void flushEveryMessage()
    {
        QTemporaryDir dir;
        TopicConfig config;
        config.flushMessages = 1;
        auto log = openLog(dir, config);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(log->append(buildBatch(numberedRecords(1, i)), 0).error, ErrorCode::None);
        QCOMPARE(QFileInfo(lastSegment(dir)).size(), log->sizeBytes());
        log.reset();
        log = openLog(dir, config);
        QCOMPARE(log->highWatermark(), 5);
    }
};

SAMSA_TEST_MAIN(TestStorageRecovery, QCoreApplication)
#include "tst_storagerecovery.moc"

// Log compaction seen by an independent reader: a topic with cleanup.policy=compact and small
// segments gets 20 updates of each of 100 keys from librdkafka; once the broker's cleaner has run,
// kcat reads back exactly one record per key, holding its last value, at offsets that only rise.

#include "brokerprocess.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QtTest>

using namespace Samsa::Test;

namespace {

constexpr int Keys = 100;
constexpr int Updates = 20;

// key=value per line, and the offsets, as kcat prints the whole topic.
struct KcatRead {
    QMap<QByteArray, QList<QByteArray>> values;
    QList<qint64> offsets;
    bool ok = false;
};

KcatRead readWithKcat(const QString& bootstrap)
{
    KcatRead read;
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), { QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                                           QStringLiteral("compacted"), QStringLiteral("-e"), QStringLiteral("-q"),
                                           QStringLiteral("-f"), QStringLiteral("%o %k=%s\\n") });
    if (!kcat.waitForFinished(30000) || kcat.exitCode() != 0)
        return read;
    for (const QByteArray& line : kcat.readAllStandardOutput().split('\n')) {
        const qsizetype space = line.indexOf(' ');
        const qsizetype equals = line.indexOf('=');
        if (space < 0 || equals < 0)
            continue;
        read.offsets.append(line.left(space).toLongLong());
        read.values[line.mid(space + 1, equals - space - 1)].append(line.mid(equals + 1));
    }
    read.ok = true;
    return read;
}

qint64 segmentBytes(const QString& dataDir)
{
    qint64 total = 0;
    QDirIterator files(dataDir + QStringLiteral("/compacted-0"), { QStringLiteral("*.log") }, QDir::Files);
    while (files.hasNext())
        total += QFileInfo(files.next()).size();
    return total;
}

} // namespace

class TestBrokerCompaction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kcatReadsTheLastValueOfEachKey()
    {
        BrokerProcess broker;
        broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("log.cleaner.backoff.ms=100") });
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        const QString bootstrap = broker.bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            const AdminResult created = admin.createTopic({ "compacted", 1,
                { { "cleanup.policy", "compact" }, { "segment.bytes", "4096" }, { "min.cleanable.dirty.ratio", "0.1" } } });
            QVERIFY2(created.ok(), created.text().constData());
        }
        RdKafkaProducer producer(bootstrap, { { "linger.ms", "0" }, { "batch.num.messages", "10" } });
        for (int update = 0; update < Updates; ++update) {
            for (int key = 0; key < Keys; ++key) {
                QVERIFY(producer.produce("compacted", 0, "key-" + QByteArray::number(key),
                    "value-" + QByteArray::number(update)));
            }
        }
        // Fillers, so the last updates sit in closed segments and not in the active one.
        for (int filler = 0; filler < 200; ++filler)
            QVERIFY(producer.produce("compacted", 0, "filler-" + QByteArray::number(filler), "x"));
        QVERIFY(producer.flush(20000) && producer.deliveryErrors().isEmpty());
        const qint64 written = segmentBytes(broker.dataDir());

        QTRY_VERIFY_WITH_TIMEOUT(segmentBytes(broker.dataDir()) < written / 4, 20000);
        const KcatRead read = readWithKcat(bootstrap);
        QVERIFY(read.ok);
        for (int key = 0; key < Keys; ++key) {
            const QList<QByteArray> values = read.values.value("key-" + QByteArray::number(key));
            QCOMPARE(values, QList<QByteArray> { "value-" + QByteArray::number(Updates - 1) });
        }
        QVERIFY(std::is_sorted(read.offsets.cbegin(), read.offsets.cend()));
        QCOMPARE(read.offsets.last(), qint64(Keys * Updates + 200 - 1)); // offsets never change
    }

    // SIGKILL while the cleaner runs every millisecond, five times: after each restart every key's
    // last value is the last one acknowledged, and no half-written cleaning is left in the directory.
    void sigkillWhileCleaningLosesNothing()
    {
        BrokerProcess broker;
        broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("log.cleaner.backoff.ms=1") });
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        {
            RdKafkaAdmin admin(broker.bootstrapServers());
            QVERIFY(admin.createTopic({ "compacted", 1,
                { { "cleanup.policy", "compact" }, { "segment.bytes", "2048" }, { "min.cleanable.dirty.ratio", "0.01" } } })
                        .ok());
        }
        for (int round = 0; round < 5; ++round) {
            {
                RdKafkaProducer producer(broker.bootstrapServers(), { { "linger.ms", "0" }, { "batch.num.messages", "5" } });
                for (int update = 0; update < 5; ++update) {
                    for (int key = 0; key < Keys; ++key) {
                        QVERIFY(producer.produce("compacted", 0, "key-" + QByteArray::number(key),
                            QByteArray("r%1-u%2").replace("%1", QByteArray::number(round)).replace("%2", QByteArray::number(update))));
                    }
                }
                QVERIFY(producer.flush(20000) && producer.deliveryErrors().isEmpty());
            }
            broker.stop(5000, SIGKILL); // not a normal exit, so stop() says false
            QVERIFY2(broker.restart(), qPrintable(broker.error()));
            const KcatRead read = readWithKcat(broker.bootstrapServers());
            QVERIFY(read.ok);
            const QByteArray last = "r" + QByteArray::number(round) + "-u4";
            for (int key = 0; key < Keys; ++key) {
                const QList<QByteArray> values = read.values.value("key-" + QByteArray::number(key));
                QVERIFY(!values.isEmpty());
                QCOMPARE(values.last(), last);
            }
            QVERIFY(std::is_sorted(read.offsets.cbegin(), read.offsets.cend()));
        }
        const QStringList leftovers = QDir(broker.dataDir() + QStringLiteral("/compacted-0"))
                                          .entryList({ QStringLiteral("*.swap"), QStringLiteral("*.cleaned") });
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }
};

SAMSA_TEST_MAIN(TestBrokerCompaction, QCoreApplication)
#include "tst_broker_compaction.moc"

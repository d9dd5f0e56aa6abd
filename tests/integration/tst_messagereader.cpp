// The message reader against the real samsa-broker: every start mode reads exactly the expected
// records, partition subsets and limits hold, live tail follows new records until stopped, a
// group's committed offsets are read without joining or changing the group, find by key reads
// only the key's partition, and failures (unknown topic, broker killed) end the read promptly.

#include "brokerprocess.h"
#include "kafka/kafkathreads.h"
#include "kafka/rdkafkaclient.h"
#include "messages/messagereader.h"
#include "messages/murmur2partitioner.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>

#include <librdkafka/rdkafka.h>
#include <memory>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

constexpr int partitionCount = 3;
constexpr int perPartition = 30;
constexpr qint64 baseTime = 1700000000000;

QByteArray keyOf(int partition, int index)
{
    return "k-" + QByteArray::number(partition) + "-" + QByteArray::number(index);
}
QByteArray valueOf(int partition, int index)
{
    return "value " + QByteArray::number(partition * 1000 + index);
}

QList<QPair<QString, QString>> properties(const QString& bootstrap)
{
    return { { QStringLiteral("bootstrap.servers"), bootstrap } };
}

struct Outcome {
    QList<KafkaRecord> records;
    QList<ReadPlan> plans;
    QList<ReadProgress> progress;
    QString finished;
    QString failed;
    qint64 elapsedMs = 0;
    int batches = 0;
    bool ended() const { return !finished.isEmpty() || !failed.isEmpty(); }
    QStringList notes() const { return plans.isEmpty() ? QStringList() : plans.first().notes; }
    QMap<int, QList<qint64>> offsetsByPartition() const
    {
        QMap<int, QList<qint64>> result;
        for (const KafkaRecord& record : records)
            result[record.partition].append(record.offset);
        return result;
    }
};

// Collects everything a reader says, on the test's thread.
struct Recorder {
    explicit Recorder(MessageReader* reader)
    {
        QObject::connect(
            reader, &MessageReader::planned, reader, [this](const ReadPlan& plan) { outcome.plans.append(plan); });
        QObject::connect(reader, &MessageReader::recordsReady, reader, [this](const QList<KafkaRecord>& records) {
            outcome.records += records;
            ++outcome.batches;
        });
        QObject::connect(reader, &MessageReader::progress, reader,
            [this](const ReadProgress& progress) { outcome.progress.append(progress); });
        QObject::connect(reader, &MessageReader::finished, reader, [this](const QString& reason) {
            outcome.finished = reason;
            outcome.elapsedMs = timer.elapsed();
        });
        QObject::connect(reader, &MessageReader::failed, reader, [this](const QString& error) {
            outcome.failed = error;
            outcome.elapsedMs = timer.elapsed();
        });
        timer.start();
    }
    bool waitForEnd(int timeoutMs = 20000)
    {
        QElapsedTimer waited;
        waited.start();
        while (!outcome.ended() && waited.elapsed() < timeoutMs)
            QTest::qWait(10);
        return outcome.ended();
    }
    Outcome outcome;
    QElapsedTimer timer;
};

Outcome readAll(const QString& bootstrap, const ReadRequest& request)
{
    MessageReader reader(properties(bootstrap));
    Recorder recorder(&reader);
    reader.start(request);
    recorder.waitForEnd();
    return recorder.outcome;
}

ReadRequest requestFor(const QString& topic, ReadStart start = ReadStart::Beginning)
{
    ReadRequest request;
    request.topic = topic;
    request.start = start;
    return request;
}

// One record with exact control over null and empty (the test helper's producer has none for values).
bool produceRaw(rd_kafka_t* handle, const char* topic, int partition, const char* key, size_t keySize,
    const char* value, size_t valueSize, rd_kafka_headers_t* headers)
{
    rd_kafka_vu_t fields[6] = {};
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic;
    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[1].u.i32 = partition;
    fields[2].vtype = RD_KAFKA_VTYPE_KEY;
    fields[2].u.mem = { const_cast<char*>(key), keySize };
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = { const_cast<char*>(value), valueSize };
    fields[4].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[4].u.i = RD_KAFKA_MSG_F_COPY;
    fields[5].vtype = RD_KAFKA_VTYPE_HEADERS;
    fields[5].u.headers = headers;
    rd_kafka_error_t* error = rd_kafka_produceva(handle, fields, headers ? 6 : 5);
    if (error) {
        rd_kafka_error_destroy(error);
        return false;
    }
    return true;
}

// Commits offsets for a group as a group-less librdkafka consumer does (OffsetCommit, no join).
bool commitOffsets(const QString& bootstrap, const char* group, const char* topic, const QMap<int, qint64>& offsets)
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", group, errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof errstr);
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!handle)
        return false;
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(int(offsets.size()));
    for (auto it = offsets.cbegin(); it != offsets.cend(); ++it)
        rd_kafka_topic_partition_list_add(list, topic, it.key())->offset = it.value();
    const rd_kafka_resp_err_t error = rd_kafka_commit(handle, list, 0);
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_destroy_flags(handle, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    return error == RD_KAFKA_RESP_ERR_NO_ERROR;
}

} // namespace

class TestMessageReader : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;
    QString m_bootstrap;
    QMap<int, qint64> m_lowWatermark;

    void produceTopic(const QByteArray& topic, int partitions, int count)
    {
        RdKafkaProducer producer(m_bootstrap);
        QVERIFY2(producer.isValid(), qPrintable(producer.error()));
        for (int p = 0; p < partitions; ++p) {
            for (int i = 0; i < count; ++i)
                QVERIFY(producer.produce(topic, p, keyOf(p, i), valueOf(p, i), {}, baseTime + i * 1000));
        }
        QVERIFY(producer.flush(20000));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    }

    void checkExpected(const Outcome& outcome, const QMap<int, QPair<int, int>>& ranges)
    {
        const QMap<int, QList<qint64>> got = outcome.offsetsByPartition();
        QCOMPARE(got.keys(), ranges.keys());
        for (auto it = ranges.cbegin(); it != ranges.cend(); ++it) {
            QList<qint64> expected;
            for (int i = it.value().first; i < it.value().second; ++i)
                expected.append(i);
            QCOMPARE(got.value(it.key()), expected);
        }
        for (const KafkaRecord& record : outcome.records) {
            QCOMPARE(record.key.value_or("<null>"), keyOf(record.partition, int(record.offset)));
            QCOMPARE(record.value.value_or("<null>"), valueOf(record.partition, int(record.offset)));
            QCOMPARE(record.timestampMs, baseTime + record.offset * 1000);
            QCOMPARE(record.timestampType, TimestampType::CreateTime);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_bootstrap = m_broker.bootstrapServers();
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "records", partitionCount, {} }).ok());
        QVERIFY(admin.createTopic({ "trimmed", 1, {} }).ok());
        QVERIFY(admin.createTopic({ "big", 1, {} }).ok());
        produceTopic("records", partitionCount, perPartition);
        produceTopic("trimmed", 1, perPartition);
        qint64 low = -1;
        QVERIFY(admin.deleteRecords("trimmed", 0, 10, &low).ok());
        QCOMPARE(low, 10);
        RdKafkaProducer producer(m_bootstrap);
        for (int i = 0; i < 10050; ++i)
            QVERIFY(producer.produce("big", 0, QByteArray(), "v" + QByteArray::number(i)));
        QVERIFY(producer.flush(30000));
    }

    void cleanup() { QVERIFY(KafkaThreads::waitForAll(20000)); }

    void fromBeginning()
    {
        const Outcome outcome = readAll(m_bootstrap, requestFor(QStringLiteral("records")));
        QVERIFY2(outcome.failed.isEmpty(), qPrintable(outcome.failed));
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        checkExpected(outcome, { { 0, { 0, 30 } }, { 1, { 0, 30 } }, { 2, { 0, 30 } } });
        QCOMPARE(outcome.plans.size(), 1);
        QCOMPARE(outcome.plans.first().partitions.size(), partitionCount);
        QVERIFY(!outcome.progress.isEmpty());
        const ReadProgress& last = outcome.progress.last();
        QCOMPARE(last.loaded, partitionCount * perPartition);
        for (const PartitionProgress& partition : last.partitions) {
            QCOMPARE(partition.position, perPartition);
            QCOMPARE(partition.end, perPartition);
            QVERIFY(partition.done);
        }
    }

    void lastPerPartition()
    {
        ReadRequest request = requestFor(QStringLiteral("records"), ReadStart::LastPerPartition);
        request.lastCount = 5;
        const Outcome outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        checkExpected(outcome, { { 0, { 25, 30 } }, { 1, { 25, 30 } }, { 2, { 25, 30 } } });
    }

    void offsetForAllAndPerPartition()
    {
        ReadRequest request = requestFor(QStringLiteral("records"), ReadStart::Offset);
        request.offset = 10;
        Outcome outcome = readAll(m_bootstrap, request);
        checkExpected(outcome, { { 0, { 10, 30 } }, { 1, { 10, 30 } }, { 2, { 10, 30 } } });

        request.partitionOffsets = { { 0, 28 }, { 2, 29 } };
        request.offset = 0;
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        checkExpected(outcome, { { 0, { 28, 30 } }, { 1, { 0, 30 } }, { 2, { 29, 30 } } });
    }

    void offsetOutsideTheLog()
    {
        ReadRequest request = requestFor(QStringLiteral("records"), ReadStart::Offset);
        request.partitions = { 1 };
        request.offset = 500;
        Outcome outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        QVERIFY(outcome.records.isEmpty());
        QCOMPARE(outcome.notes(),
            QStringList { QStringLiteral("partition 1: offset 500 is past the end (30); reading starts at the end") });

        request.topic = QStringLiteral("trimmed");
        request.partitions = {};
        request.offset = 3;
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        QCOMPARE(outcome.notes(),
            QStringList { QStringLiteral(
                "partition 0: offset 3 is before the first offset still kept (10); reading starts at 10") });
        checkExpected(outcome, { { 0, { 10, 30 } } });
    }

    void timestampSeek()
    {
        ReadRequest request = requestFor(QStringLiteral("records"), ReadStart::Timestamp);
        request.timestampMs = baseTime + 20 * 1000 - 500; // between offsets 19 and 20
        Outcome outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        checkExpected(outcome, { { 0, { 20, 30 } }, { 1, { 20, 30 } }, { 2, { 20, 30 } } });

        request.timestampMs = baseTime + 3600 * 1000; // after every record
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        QVERIFY(outcome.records.isEmpty());
        QCOMPARE(outcome.notes().size(), 1);
        QVERIFY2(outcome.notes().first().startsWith(QStringLiteral("no record at or after 2023-11-14T23:13:20.000Z")),
            qPrintable(outcome.notes().first()));
    }

    void partitionSubsetAndLimit()
    {
        ReadRequest request = requestFor(QStringLiteral("records"));
        request.partitions = { 2, 0 };
        Outcome outcome = readAll(m_bootstrap, request);
        checkExpected(outcome, { { 0, { 0, 30 } }, { 2, { 0, 30 } } });

        request.partitions = { 1 };
        request.maxMessages = 7;
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("limit of 7 reached"));
        checkExpected(outcome, { { 1, { 0, 7 } } });

        request.partitions = { 7 };
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(
            outcome.failed, QStringLiteral("Partition 7 does not exist in topic 'records' (it has 3 partitions)."));
    }

    void defaultLimitOfTenThousand()
    {
        const Outcome outcome = readAll(m_bootstrap, requestFor(QStringLiteral("big")));
        QCOMPARE(outcome.finished, QStringLiteral("limit of 10,000 reached"));
        QCOMPARE(outcome.records.size(), 10000);
        QCOMPARE(outcome.records.last().offset, 9999);
        // Batches are coalesced: far fewer signals than records.
        QVERIFY2(outcome.batches <= 100, qPrintable(QString::number(outcome.batches)));
        QVERIFY(!outcome.records.first().key.has_value());
        QCOMPARE(outcome.progress.last().loaded, 10000);
        QVERIFY(outcome.progress.last().rate > 0);
    }

    void stopIsPrompt()
    {
        MessageReader reader(properties(m_bootstrap));
        Recorder recorder(&reader);
        ReadRequest request = requestFor(QStringLiteral("big"));
        request.liveTail = true;
        request.maxMessages = 0; // no limit: only the stop ends this read
        reader.start(request);
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.outcome.records.isEmpty(), 20000);
        QElapsedTimer timer;
        timer.start();
        reader.stop();
        QVERIFY(recorder.waitForEnd(5000));
        QCOMPARE(recorder.outcome.finished, QStringLiteral("stopped"));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!reader.isRunning());
    }

    void liveTailFollowsNewRecords()
    {
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "live", 2, {} }).ok());
        produceTopic("live", 2, 3);
        MessageReader reader(properties(m_bootstrap));
        Recorder recorder(&reader);
        ReadRequest request = requestFor(QStringLiteral("live"), ReadStart::LastPerPartition);
        request.lastCount = 1;
        request.liveTail = true;
        reader.start(request);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.outcome.records.size(), 2, 20000);
        {
            RdKafkaProducer producer(m_bootstrap);
            for (int i = 3; i < 8; ++i)
                QVERIFY(producer.produce("live", i % 2, keyOf(i % 2, i), valueOf(i % 2, i), {}, baseTime + i * 1000));
            QVERIFY(producer.flush(20000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(recorder.outcome.records.size(), 7, 20000);
        QVERIFY(recorder.outcome.finished.isEmpty());
        QVERIFY(reader.isRunning());
        // The progress shows the end moving on while tailing.
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.outcome.progress.isEmpty()
                && recorder.outcome.progress.last().partitions.value(0).end
                        + recorder.outcome.progress.last().partitions.value(1).end
                    == 11,
            5000);
        reader.stop();
        QVERIFY(recorder.waitForEnd(3000));
        QCOMPARE(recorder.outcome.finished, QStringLiteral("stopped"));
        QCOMPARE(recorder.outcome.records.size(), 7);
        const QMap<int, QList<qint64>> offsets = recorder.outcome.offsetsByPartition();
        // Partition 0 got the new records 4 and 6, partition 1 got 3, 5 and 7.
        QCOMPARE(offsets.value(0), (QList<qint64> { 2, 3, 4 }));
        QCOMPARE(offsets.value(1), (QList<qint64> { 2, 3, 4, 5 }));
    }

    void groupCommittedOffsets()
    {
        QVERIFY(commitOffsets(m_bootstrap, "billing", "records", { { 0, 7 }, { 1, 12 } }));
        ReadRequest request = requestFor(QStringLiteral("records"), ReadStart::GroupOffsets);
        request.groupId = QStringLiteral("billing");
        const Outcome outcome = readAll(m_bootstrap, request);
        QVERIFY2(outcome.failed.isEmpty(), qPrintable(outcome.failed));
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        checkExpected(outcome, { { 0, { 7, 30 } }, { 1, { 12, 30 } } });
        QCOMPARE(outcome.notes(),
            QStringList { QStringLiteral(
                "group \"billing\" has no committed offset for partition(s) 2; reading starts at their end") });

        // The group is as it was: the same offsets, no member, nothing committed for partition 2.
        QString error;
        const auto client = RdKafkaClient::create(properties(m_bootstrap), &error);
        QVERIFY2(client, qPrintable(error));
        const GroupDetail detail = client->describeGroup(QStringLiteral("billing"), 10000, {});
        QVERIFY2(detail.error.isEmpty(), qPrintable(detail.error));
        QVERIFY(detail.members.isEmpty());
        QCOMPARE(detail.offsets.size(), 2);
        QCOMPARE(detail.offsets.at(0).partition, 0);
        QCOMPARE(detail.offsets.at(0).committed, 7);
        QCOMPARE(detail.offsets.at(1).partition, 1);
        QCOMPARE(detail.offsets.at(1).committed, 12);
        // And the reader left no group of its own behind.
        const GroupListResult groups = client->listGroups(10000, {});
        QVERIFY2(groups.error.isEmpty(), qPrintable(groups.error));
        for (const GroupListing& group : groups.groups)
            QVERIFY2(group.id == QStringLiteral("billing"), qPrintable(group.id));
    }

    void headersNullAndEmpty()
    {
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "shapes", 1, {} }).ok());
        RdKafkaProducer producer(m_bootstrap);
        rd_kafka_t* handle = producer.handle();
        rd_kafka_headers_t* headers = rd_kafka_headers_new(3);
        rd_kafka_header_add(headers, "trace", -1, "abc", 3);
        rd_kafka_header_add(headers, "nothing", -1, nullptr, 0);
        rd_kafka_header_add(headers, "blank", -1, "", 0);
        QVERIFY(produceRaw(handle, "shapes", 0, nullptr, 0, nullptr, 0, headers)); // null key, null value
        QVERIFY(produceRaw(handle, "shapes", 0, "", 0, "", 0, nullptr)); // empty key, empty value
        QVERIFY(produceRaw(handle, "shapes", 0, "k", 1, "\x00\xff", 2, nullptr)); // binary value
        QCOMPARE(rd_kafka_flush(handle, 20000), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(producer.deliveries().size(), 3);
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));

        const Outcome outcome = readAll(m_bootstrap, requestFor(QStringLiteral("shapes")));
        QCOMPARE(outcome.records.size(), 3);
        const KafkaRecord& nulls = outcome.records.at(0);
        QVERIFY(!nulls.key.has_value());
        QVERIFY(!nulls.value.has_value());
        QCOMPARE(nulls.headers.size(), 3);
        QCOMPARE(nulls.headers.at(0).key, QByteArray("trace"));
        QCOMPARE(nulls.headers.at(0).value, std::optional<QByteArray>("abc"));
        QCOMPARE(nulls.headers.at(1).key, QByteArray("nothing"));
        QVERIFY(!nulls.headers.at(1).value.has_value());
        QCOMPARE(nulls.headers.at(2).key, QByteArray("blank"));
        QVERIFY(nulls.headers.at(2).value.has_value());
        QVERIFY(nulls.headers.at(2).value->isEmpty());
        const KafkaRecord& empties = outcome.records.at(1);
        QVERIFY(empties.key.has_value() && empties.key->isEmpty());
        QVERIFY(empties.value.has_value() && empties.value->isEmpty());
        QVERIFY(empties.headers.isEmpty());
        QCOMPARE(outcome.records.at(2).value, std::optional<QByteArray>(QByteArray("\x00\xff", 2)));
        QCOMPARE(outcome.records.at(2).timestampType, TimestampType::CreateTime);
        QVERIFY(outcome.records.at(2).timestampMs > baseTime);
    }

    void findByKeyReadsOnlyItsPartition()
    {
        RdKafkaAdmin admin(m_bootstrap);
        QVERIFY(admin.createTopic({ "keyed", 6, {} }).ok());
        RdKafkaProducer producer(m_bootstrap, { { "partitioner", "murmur2_random" } });
        for (int i = 0; i < 120; ++i)
            QVERIFY(producer.produce("keyed", -1, "user-" + QByteArray::number(i % 12), QByteArray::number(i)));
        QVERIFY(producer.flush(20000));
        int expectedPartition = -1;
        int expectedPartitionTotal = 0;
        for (const auto& delivery : producer.deliveries()) {
            if (delivery.key == "user-3")
                expectedPartition = delivery.partition;
        }
        for (const auto& delivery : producer.deliveries())
            expectedPartitionTotal += delivery.partition == expectedPartition ? 1 : 0;
        QVERIFY(expectedPartition >= 0);

        ReadRequest request = requestFor(QStringLiteral("keyed"));
        request.findKey = QByteArray("user-3");
        Outcome outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.finished, QStringLiteral("reached end"));
        QCOMPARE(outcome.notes().value(0),
            QStringLiteral(
                "key \"user-3\" hashes to partition %1 of 6 (murmur2, as Java's default partitioner and librdkafka)")
                .arg(expectedPartition));
        QCOMPARE(outcome.records.size(), 10);
        for (const KafkaRecord& record : outcome.records) {
            QCOMPARE(record.partition, expectedPartition);
            QCOMPARE(record.key, std::optional<QByteArray>("user-3"));
        }
        QCOMPARE(outcome.plans.first().partitions.size(), 1);
        QCOMPARE(outcome.progress.last().scanned, expectedPartitionTotal);

        request.onlyMatchingKey = false;
        outcome = readAll(m_bootstrap, request);
        QCOMPARE(outcome.records.size(), expectedPartitionTotal);
        for (const KafkaRecord& record : outcome.records)
            QCOMPARE(record.partition, expectedPartition);
    }

    void unknownTopicFails()
    {
        const Outcome outcome = readAll(m_bootstrap, requestFor(QStringLiteral("no-such-topic")));
        QCOMPARE(outcome.failed, QStringLiteral("Topic 'no-such-topic' does not exist."));
        QVERIFY(outcome.finished.isEmpty());
        QVERIFY(outcome.records.isEmpty());
    }

    void unreachableClusterFails()
    {
        ReadRequest request = requestFor(QStringLiteral("records"));
        request.timeoutMs = 1500;
        const Outcome outcome = readAll(QStringLiteral("127.0.0.1:1"), request);
        QVERIFY2(outcome.failed.startsWith(QStringLiteral("Could not read the metadata of topic 'records'")),
            qPrintable(outcome.failed));
        QVERIFY(outcome.elapsedMs < 8000);
    }

    void brokerKilledMidRead()
    {
        BrokerProcess broker;
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        RdKafkaAdmin admin(broker.bootstrapServers());
        QVERIFY(admin.createTopic({ "doomed", 2, {} }).ok());
        {
            RdKafkaProducer producer(broker.bootstrapServers());
            for (int i = 0; i < 20; ++i)
                QVERIFY(producer.produce("doomed", i % 2, "k", "v"));
            QVERIFY(producer.flush(20000));
        }
        MessageReader reader(properties(broker.bootstrapServers()));
        Recorder recorder(&reader);
        ReadRequest request = requestFor(QStringLiteral("doomed"));
        request.liveTail = true;
        reader.start(request);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.outcome.records.size(), 20, 20000);
        QElapsedTimer timer;
        timer.start();
        // A live tail does not give up: it says the cluster is unreachable and keeps its place
        // (tst_faults shows it resuming when the broker is back).
        QSignalSpy connection(&reader, &MessageReader::connectionChanged);
        broker.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!connection.isEmpty(), 15000);
        QVERIFY(connection.first().at(0).toBool());
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(reader.isRunning());
        QVERIFY2(recorder.outcome.failed.isEmpty(), qPrintable(recorder.outcome.failed));
        reader.stop();
        QVERIFY(recorder.waitForEnd(5000));
        QCOMPARE(recorder.outcome.finished, QStringLiteral("stopped"));
    }

    void destroyingARunningReaderDoesNotBlock()
    {
        QElapsedTimer timer;
        timer.start();
        {
            MessageReader reader(properties(m_bootstrap));
            ReadRequest request = requestFor(QStringLiteral("big"));
            request.liveTail = true;
            reader.start(request);
            QTest::qWait(50);
        }
        QVERIFY(timer.elapsed() < 1000);
    }
};

SAMSA_TEST_MAIN(TestMessageReader, QCoreApplication)
#include "tst_messagereader.moc"

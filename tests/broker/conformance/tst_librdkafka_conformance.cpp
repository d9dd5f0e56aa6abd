// librdkafka 2.0.2 (C API) against the real samsa-broker: topics with configs, produce with keys
// and headers in every codec, consume back in per-partition order, watermarks, offsets by
// timestamp, configs, partitions, record and topic deletion. The idempotent producer across
// forced reconnects is in tst_librdkafka_idempotence.

#include "brokerprocess.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDir>
#include <QElapsedTimer>

using namespace Samsa::Test;

class TestLibrdkafkaConformance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void metadataDescribesOneBroker();
    void createTopics_data();
    void createTopics();
    void refusesADuplicateTopic();
    void autoCreatesTopicsOnProduce();
    void produceAndConsume_data();
    void produceAndConsume();
    void watermarksAndOffsetsForTimes();
    void logAppendTimeTopic();
    void enforcesMaxMessageBytes();
    void describeAndAlterTopicConfigs();
    void describeBrokerConfigs();
    void createPartitions();
    void deleteRecords();
    void deleteTopics();

private:
    QList<KafkaMessage> readPartition(const QByteArray& topic, int partition, qint64 from = RD_KAFKA_OFFSET_BEGINNING);
    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
};

void TestLibrdkafkaConformance::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
    m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
    QVERIFY2(m_admin->isValid(), qPrintable(m_admin->error()));
}

void TestLibrdkafkaConformance::cleanupTestCase()
{
    m_admin.reset();
    QVERIFY2(m_broker.stop(), m_broker.errorText());
}

QList<KafkaMessage> TestLibrdkafkaConformance::readPartition(const QByteArray& topic, int partition, qint64 from)
{
    RdKafkaReader reader(m_broker.bootstrapServers());
    QList<KafkaMessage> messages;
    if (!reader.readToEnd(topic, partition, from, &messages))
        qWarning("%s", qPrintable(reader.error()));
    return messages;
}

void TestLibrdkafkaConformance::metadataDescribesOneBroker()
{
    const rd_kafka_metadata_t* metadata = nullptr;
    QCOMPARE(rd_kafka_metadata(m_admin->handle(), 1, nullptr, &metadata, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(metadata->broker_cnt, 1);
    QCOMPARE(QStringLiteral("%1:%2").arg(QString::fromUtf8(metadata->brokers[0].host)).arg(metadata->brokers[0].port),
             m_broker.bootstrapServers());
    const int32_t nodeId = metadata->brokers[0].id;
    rd_kafka_metadata_destroy(metadata);
    QCOMPARE(rd_kafka_controllerid(m_admin->handle(), 5000), nodeId);
    char* clusterId = rd_kafka_clusterid(m_admin->handle(), 5000);
    QVERIFY(clusterId);
    QCOMPARE(qstrlen(clusterId), 22u); // a base64 UUID, as Kafka makes them
    rd_kafka_mem_free(m_admin->handle(), clusterId);
}

void TestLibrdkafkaConformance::createTopics_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<KafkaConfig>("configs");
    QTest::addColumn<bool>("validateOnly");
    QTest::addColumn<int>("expectedError");
    QTest::addColumn<bool>("existsAfterwards");
    const KafkaConfig configs { { "retention.ms", "86400000" }, { "cleanup.policy", "delete" },
                                { "max.message.bytes", "2000000" }, { "segment.bytes", "1048576" } };
    QTest::addRow("with configs") << QByteArray("rdk-configs") << 3 << configs << false << int(RD_KAFKA_RESP_ERR_NO_ERROR) << true;
    QTest::addRow("validate only") << QByteArray("rdk-validate") << 2 << configs << true << int(RD_KAFKA_RESP_ERR_NO_ERROR) << false;
    QTest::addRow("unknown config") << QByteArray("rdk-unknown-config") << 1 << KafkaConfig { { "no.such.config", "1" } } << false
                                    << int(RD_KAFKA_RESP_ERR_INVALID_CONFIG) << false;
    QTest::addRow("bad config value") << QByteArray("rdk-bad-value") << 1 << KafkaConfig { { "retention.ms", "soon" } } << false
                                      << int(RD_KAFKA_RESP_ERR_INVALID_CONFIG) << false;
    QTest::addRow("invalid name") << QByteArray("rdk bad/name") << 1 << KafkaConfig() << false
                                  << int(RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION) << false;
    QTest::addRow("name too long") << QByteArray(250, 'n') << 1 << KafkaConfig() << false
                                   << int(RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION) << false;
}

void TestLibrdkafkaConformance::createTopics()
{
    QFETCH(QByteArray, name);
    QFETCH(int, partitions);
    QFETCH(KafkaConfig, configs);
    QFETCH(bool, validateOnly);
    QFETCH(int, expectedError);
    QFETCH(bool, existsAfterwards);
    const AdminResult result = m_admin->createTopic({ name, partitions, configs }, validateOnly);
    QVERIFY2(int(result.error) == expectedError, result.text());
    QCOMPARE(m_admin->partitionCount(name), existsAfterwards ? partitions : -1);
}

void TestLibrdkafkaConformance::refusesADuplicateTopic()
{
    QVERIFY2(m_admin->createTopic({ "rdk-dup", 2, {} }).ok(), "first creation failed");
    const AdminResult again = m_admin->createTopic({ "rdk-dup", 4, {} });
    QCOMPARE(again.error, RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
    QCOMPARE(m_admin->partitionCount("rdk-dup"), 2);
}

void TestLibrdkafkaConformance::autoCreatesTopicsOnProduce()
{
    RdKafkaProducer producer(m_broker.bootstrapServers());
    QVERIFY(producer.produce("rdk-auto", -1, "k", "auto-created"));
    QVERIFY2(producer.flush(), qPrintable(producer.error()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    QCOMPARE(m_admin->partitionCount("rdk-auto"), 1); // num.partitions defaults to 1
}

void TestLibrdkafkaConformance::produceAndConsume_data()
{
    QTest::addColumn<QByteArray>("codec");
    for (const char* codec : { "none", "gzip", "snappy", "lz4", "zstd" })
        QTest::addRow("%s", codec) << QByteArray(codec);
}

void TestLibrdkafkaConformance::produceAndConsume()
{
    QFETCH(QByteArray, codec);
    const QByteArray topic = "rdk-" + codec;
    QVERIFY2(m_admin->createTopic({ topic, 3, {} }).ok(), "topic creation failed");

    RdKafkaProducer producer(m_broker.bootstrapServers(),
                             { { "compression.codec", codec }, { "linger.ms", "5" }, { "acks", "all" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    const int count = 2000;
    for (int i = 0; i < count; ++i) {
        const QByteArray key = i % 50 == 0 ? QByteArray() : "key-" + QByteArray::number(i % 11);
        const QByteArray value = codec + "-value-" + QByteArray::number(i) + ' ' + QByteArray(i % 300, char('a' + i % 26));
        const Headers headers { { "index", QByteArray::number(i) }, { "codec", codec } };
        QVERIFY2(producer.produce(topic, -1, key, value, headers), qPrintable(producer.error()));
    }
    QVERIFY2(producer.flush(), qPrintable(producer.error()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    QCOMPARE(producer.deliveries().size(), count);

    QHash<int, QList<KafkaMessage>> delivered;
    for (const KafkaMessage& message : producer.deliveries())
        delivered[message.partition].append(message);
    QVERIFY2(delivered.size() > 1, "every key landed in one partition");
    int consumed = 0;
    for (int partition = 0; partition < 3; ++partition) {
        QList<KafkaMessage> expected = delivered.value(partition);
        std::sort(expected.begin(), expected.end(), [](const KafkaMessage& a, const KafkaMessage& b) { return a.offset < b.offset; });
        const QList<KafkaMessage> read = readPartition(topic, partition);
        QCOMPARE(read.size(), expected.size());
        for (int i = 0; i < read.size(); ++i) {
            QCOMPARE(read.at(i).offset, qint64(i));
            QCOMPARE(expected.at(i).offset, qint64(i));
            QCOMPARE(read.at(i).key, expected.at(i).key);
            QCOMPARE(read.at(i).value, expected.at(i).value);
            QCOMPARE(read.at(i).headers, expected.at(i).headers);
        }
        // Produce order within the partition: the index header grows with the offset.
        for (int i = 1; i < read.size(); ++i)
            QVERIFY(read.at(i).headers.value(0).second.toInt() > read.at(i - 1).headers.value(0).second.toInt());
        consumed += read.size();
    }
    QCOMPARE(consumed, count);
}

void TestLibrdkafkaConformance::watermarksAndOffsetsForTimes()
{
    QVERIFY(m_admin->createTopic({ "rdk-times", 1, {} }).ok());
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100000;
    RdKafkaProducer producer(m_broker.bootstrapServers(), { { "linger.ms", "0" } });
    for (int i = 0; i < 20; ++i) {
        QVERIFY(producer.produce("rdk-times", 0, {}, "t" + QByteArray::number(i), {}, base + i * 1000));
        QVERIFY2(producer.flush(), qPrintable(producer.error())); // one batch each: exact lookups
    }
    RdKafkaReader reader(m_broker.bootstrapServers());
    qint64 low = -1;
    qint64 high = -1;
    QVERIFY2(reader.watermarks("rdk-times", 0, &low, &high), qPrintable(reader.error()));
    QCOMPARE(low, 0);
    QCOMPARE(high, 20);

    const QList<QPair<qint64, qint64>> lookups { { base + 5500, 6 }, { base, 0 }, { base - 50000, 0 }, { base + 19000, 19 },
                                                 { base + 10000000, RD_KAFKA_OFFSET_END } };
    for (const auto& [timestamp, expected] : lookups) {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, "rdk-times", 0)->offset = timestamp;
        const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(reader.handle(), list, 10000);
        const qint64 found = list->elems[0].offset;
        const rd_kafka_resp_err_t partitionError = list->elems[0].err;
        rd_kafka_topic_partition_list_destroy(list);
        QCOMPARE(err, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(partitionError, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY2(found == expected, qPrintable(QStringLiteral("timestamp base+%1: offset %2, expected %3").arg(timestamp - base).arg(found).arg(expected)));
    }
    const QList<KafkaMessage> read = readPartition("rdk-times", 0);
    QCOMPARE(read.size(), 20);
    QCOMPARE(read.at(7).timestamp, base + 7000);
}

void TestLibrdkafkaConformance::logAppendTimeTopic()
{
    QVERIFY(m_admin->createTopic({ "rdk-append-time", 1, { { "message.timestamp.type", "LogAppendTime" } } }).ok());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    RdKafkaProducer producer(m_broker.bootstrapServers());
    QVERIFY(producer.produce("rdk-append-time", 0, {}, "stamped by the broker", {}, 1000));
    QVERIFY2(producer.flush(), qPrintable(producer.error()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    const QList<KafkaMessage> read = readPartition("rdk-append-time", 0);
    QCOMPARE(read.size(), 1);
    QVERIFY2(read.first().timestamp >= before - 1000, qPrintable(QString::number(read.first().timestamp)));
}

void TestLibrdkafkaConformance::enforcesMaxMessageBytes()
{
    QVERIFY(m_admin->createTopic({ "rdk-small", 1, { { "max.message.bytes", "10000" } } }).ok());
    RdKafkaProducer producer(m_broker.bootstrapServers(), { { "linger.ms", "0" } });
    QVERIFY(producer.produce("rdk-small", 0, {}, QByteArray(500, 's')));
    QVERIFY(producer.flush());
    QVERIFY(producer.produce("rdk-small", 0, {}, QByteArray(20000, 'L')));
    QVERIFY(producer.flush());
    QCOMPARE(producer.deliveries().size(), 2);
    QCOMPARE(producer.deliveries().at(0).error, RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(producer.deliveries().at(1).error, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    QCOMPARE(readPartition("rdk-small", 0).size(), 1);
}

void TestLibrdkafkaConformance::describeAndAlterTopicConfigs()
{
    QMap<QByteArray, ConfigValue> configs;
    AdminResult result = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-configs", &configs);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(configs.value("retention.ms").value, QByteArray("86400000"));
    QCOMPARE(configs.value("retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
    QVERIFY(!configs.value("retention.ms").isDefault);
    QCOMPARE(configs.value("max.message.bytes").value, QByteArray("2000000"));
    for (const char* name : { "segment.ms", "retention.bytes", "message.timestamp.type", "flush.messages" }) {
        QVERIFY2(configs.contains(name), name);
        QVERIFY2(configs.value(name).isDefault, name);
        QVERIFY2(configs.value(name).source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG, name);
    }
    QCOMPARE(configs.value("message.timestamp.type").value, QByteArray("CreateTime"));

    result = m_admin->alterConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-configs", { { "retention.ms", "1000000" }, { "retention.bytes", "5000000" } });
    QVERIFY2(result.ok(), result.text());
    configs.clear();
    QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-configs", &configs).ok());
    QCOMPARE(configs.value("retention.ms").value, QByteArray("1000000"));
    QCOMPARE(configs.value("retention.bytes").value, QByteArray("5000000"));
    QVERIFY2(configs.value("max.message.bytes").isDefault, "AlterConfigs did not replace the whole set");

    result = m_admin->alterConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-configs", { { "no.such.config", "1" } });
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
    result = m_admin->alterConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-missing", { { "retention.ms", "1" } });
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    configs.clear();
    QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "rdk-configs", &configs).ok());
    QCOMPARE(configs.value("retention.ms").value, QByteArray("1000000")); // a failed alter changes nothing
}

void TestLibrdkafkaConformance::describeBrokerConfigs()
{
    const rd_kafka_metadata_t* metadata = nullptr;
    QCOMPARE(rd_kafka_metadata(m_admin->handle(), 0, nullptr, &metadata, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
    const QByteArray nodeId = QByteArray::number(metadata->brokers[0].id);
    rd_kafka_metadata_destroy(metadata);
    QMap<QByteArray, ConfigValue> configs;
    const AdminResult result = m_admin->describeConfigs(RD_KAFKA_RESOURCE_BROKER, nodeId, &configs);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(configs.value("num.partitions").value, QByteArray("1"));
    QCOMPARE(configs.value("auto.create.topics.enable").value, QByteArray("true"));
    QCOMPARE(configs.value("socket.request.max.bytes").value, QByteArray("104857600"));
    QVERIFY(configs.contains("log.retention.ms") || configs.contains("log.retention.hours"));
    for (auto it = configs.cbegin(); it != configs.cend(); ++it) {
        if (it.value().sensitive)
            QVERIFY2(it.value().isNull, it.key()); // secrets are never sent
    }
}

void TestLibrdkafkaConformance::createPartitions()
{
    AdminResult result = m_admin->createPartitions("rdk-none", 5);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(m_admin->partitionCount("rdk-none"), 5);
    result = m_admin->createPartitions("rdk-none", 7, true);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(m_admin->partitionCount("rdk-none"), 5);
    QCOMPARE(m_admin->createPartitions("rdk-none", 4).error, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS);
    QCOMPARE(m_admin->createPartitions("rdk-missing", 4).error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);

    RdKafkaProducer producer(m_broker.bootstrapServers());
    QVERIFY(producer.produce("rdk-none", 4, "new", "in a new partition"));
    QVERIFY2(producer.flush(), qPrintable(producer.error()));
    QCOMPARE(producer.deliveries().value(0).error, RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(producer.deliveries().value(0).partition, 4);
    QCOMPARE(producer.deliveries().value(0).offset, qint64(0));
    QCOMPARE(readPartition("rdk-none", 4).size(), 1);
}

void TestLibrdkafkaConformance::deleteRecords()
{
    qint64 low = -1;
    AdminResult result = m_admin->deleteRecords("rdk-times", 0, 5, &low);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(low, 5);
    RdKafkaReader reader(m_broker.bootstrapServers());
    qint64 high = -1;
    QVERIFY(reader.watermarks("rdk-times", 0, &low, &high));
    QCOMPARE(low, 5);
    QCOMPARE(high, 20);
    const QList<KafkaMessage> read = readPartition("rdk-times", 0);
    QCOMPARE(read.size(), 15);
    QCOMPARE(read.first().offset, 5);
    QCOMPARE(read.first().value, QByteArray("t5"));

    QCOMPARE(m_admin->deleteRecords("rdk-times", 0, 25, &low).error, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE);
    result = m_admin->deleteRecords("rdk-times", 0, RD_KAFKA_OFFSET_END, &low);
    QVERIFY2(result.ok(), result.text());
    QCOMPARE(low, 20);
    QVERIFY(readPartition("rdk-times", 0).isEmpty());
}

void TestLibrdkafkaConformance::deleteTopics()
{
    QVERIFY(QDir(m_broker.dataDir() + QStringLiteral("/rdk-gzip-0")).exists());
    AdminResult result = m_admin->deleteTopic("rdk-gzip");
    QVERIFY2(result.ok(), result.text());
    QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount("rdk-gzip"), -1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(m_broker.dataDir() + QStringLiteral("/rdk-gzip-0")).exists(), 10000);
    QCOMPARE(m_admin->deleteTopic("rdk-gzip").error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);

    QVERIFY(m_admin->createTopic({ "rdk-gzip", 1, {} }).ok());
    RdKafkaReader reader(m_broker.bootstrapServers());
    qint64 low = -1;
    qint64 high = -1;
    QVERIFY(reader.watermarks("rdk-gzip", 0, &low, &high));
    QCOMPARE(low, 0);
    QCOMPARE(high, 0);
    RdKafkaProducer producer(m_broker.bootstrapServers());
    QVERIFY(producer.produce("rdk-gzip", 0, {}, "fresh"));
    QVERIFY2(producer.flush(), qPrintable(producer.error()));
    QCOMPARE(producer.deliveries().value(0).offset, qint64(0));
}

SAMSA_TEST_MAIN(TestLibrdkafkaConformance, QCoreApplication)
#include "tst_librdkafka_conformance.moc"

// Admin APIs of samsa-broker that librdkafka 2.0.2 cannot send, over TCP with frames built by hand
// (rawkafka.h, independent of the broker's codec): IncrementalAlterConfigs, DescribeCluster,
// DescribeLogDirs and ListOffsets (earliest, latest, by time, max timestamp from v7). librdkafka
// creates the topics, produces and checks results. Fetch's limits: tst_broker_fetchlimits.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QTcpSocket>

#include <memory>

using namespace Samsa::Test;

namespace {

constexpr qint16 kListOffsets = 2;
constexpr qint16 kDescribeLogDirs = 35;
constexpr qint16 kIncrementalAlterConfigs = 44;
constexpr qint16 kDescribeCluster = 60;
constexpr qint8 kTopicResource = 2;

enum class ConfigOp : qint8 { Set = 0, Delete = 1, Append = 2, Subtract = 3 };

struct ConfigChange {
    QByteArray name;
    ConfigOp op;
    QByteArray value;
};

// IncrementalAlterConfigs for one topic; v1 is flexible, v0 not.
QByteArray incrementalAlterBody(
    qint16 version, const QByteArray& topic, const QList<ConfigChange>& changes, bool validateOnly = false)
{
    const bool flexible = version >= 1;
    QByteArray body;
    auto string = [&](const QByteArray& text) {
        flexible ? Raw::appendCompactString(body, text) : Raw::appendString(body, text);
    };
    flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
    Raw::appendInt8(body, kTopicResource);
    string(topic);
    flexible ? Raw::appendCompactArrayLength(body, int(changes.size()))
             : Raw::appendInt32(body, qint32(changes.size()));
    for (const auto& change : changes) {
        string(change.name);
        Raw::appendInt8(body, qint8(change.op));
        if (change.op == ConfigOp::Delete)
            flexible ? Raw::appendCompactNullableString(body, {}, true) : Raw::appendInt16(body, -1);
        else
            string(change.value);
        if (flexible)
            Raw::appendEmptyTaggedFields(body);
    }
    if (flexible)
        Raw::appendEmptyTaggedFields(body);
    Raw::appendInt8(body, validateOnly ? 1 : 0);
    if (flexible)
        Raw::appendEmptyTaggedFields(body);
    return body;
}

struct ListOffsetsAnswer {
    qint16 error = -1;
    qint64 timestamp = -2;
    qint64 offset = -2;
};

} // namespace

class TestBrokerAdminApis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void incrementalAlterConfigs_data();
    void incrementalAlterConfigs();
    void incrementalAlterConfigsRefusesBadChanges_data();
    void incrementalAlterConfigsRefusesBadChanges();
    void describeCluster_data();
    void describeCluster();
    void describeLogDirs_data();
    void describeLogDirs();
    void listOffsets_data();
    void listOffsets();

private:
    // One request on the shared connection; the reader stands after the response header.
    Raw::Reader call(qint16 apiKey, qint16 version, const QByteArray& body, bool flexible);
    QMap<QByteArray, ConfigValue> topicConfigs(const QByteArray& topic);
    ListOffsetsAnswer listOffsets(qint16 version, const QByteArray& topic, qint64 timestamp);

    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
    QTcpSocket m_socket;
    qint32 m_correlationId = 100;
    qint64 m_baseTime = 0;
};

Raw::Reader TestBrokerAdminApis::call(qint16 apiKey, qint16 version, const QByteArray& body, bool flexible)
{
    // A failed check may have left the connection closed by the broker: start a fresh one.
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_socket.abort();
        m_socket.connectToHost(QHostAddress::LocalHost, m_broker.port());
        m_socket.waitForConnected(5000);
    }
    const qint32 correlationId = ++m_correlationId;
    const QByteArray frame = flexible ? Raw::flexibleRequest(apiKey, version, correlationId, body)
                                      : Raw::request(apiKey, version, correlationId, body);
    const QByteArray response = Raw::roundTrip(m_socket, frame);
    Raw::Reader in(response);
    if (in.int32() != correlationId)
        return Raw::Reader(QByteArray(), 1); // not ok(): nothing to read
    if (flexible)
        in.skipTaggedFields();
    return in;
}

QMap<QByteArray, ConfigValue> TestBrokerAdminApis::topicConfigs(const QByteArray& topic)
{
    QMap<QByteArray, ConfigValue> configs;
    const AdminResult result = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, topic, &configs);
    if (!result.ok())
        qWarning("DescribeConfigs failed: %s", result.text().constData());
    return configs;
}

void TestBrokerAdminApis::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
    m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
    QVERIFY2(m_admin->isValid(), qPrintable(m_admin->error()));
    const auto created = m_admin->createTopics(
        { { "adm-config", 1, {} }, { "adm-offsets", 1, {} }, { "adm-fetch", 2, {} }, { "adm-logdirs", 1, {} } });
    for (auto it = created.begin(); it != created.end(); ++it)
        QVERIFY2(it->ok(), it->text());

    // adm-offsets: three single-message batches whose times are not in offset order.
    m_baseTime = QDateTime::currentMSecsSinceEpoch() - 60000;
    RdKafkaProducer producer(m_broker.bootstrapServers(), { { "linger.ms", "0" } });
    QVERIFY2(producer.isValid(), qPrintable(producer.error()));
    for (const qint64 delta : { 1000, 3000, 2000 }) {
        QVERIFY(producer.produce("adm-offsets", 0, "k", "v" + QByteArray::number(delta), {}, m_baseTime + delta));
        QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
    }
    // adm-fetch: 20 KB in each partition; adm-logdirs: something to measure.
    for (int partition = 0; partition < 2; ++partition) {
        for (int i = 0; i < 20; ++i)
            QVERIFY(producer.produce("adm-fetch", partition, "k", QByteArray(1000, char('a' + i))));
    }
    QVERIFY(producer.produce("adm-logdirs", 0, "k", QByteArray(5000, 'x')));
    QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
    QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));

    m_socket.connectToHost(QHostAddress::LocalHost, m_broker.port());
    QVERIFY2(m_socket.waitForConnected(5000), qPrintable(m_socket.errorString()));
}

void TestBrokerAdminApis::cleanupTestCase()
{
    m_socket.close();
    m_admin.reset();
    QVERIFY2(m_broker.stop(), m_broker.errorText());
}

void TestBrokerAdminApis::incrementalAlterConfigs_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addRow("v0") << qint16(0);
    QTest::addRow("v1 (flexible)") << qint16(1);
}

void TestBrokerAdminApis::incrementalAlterConfigs()
{
    QFETCH(qint16, version);
    const bool flexible = version >= 1;
    const QByteArray topic = "adm-config";
    auto alter = [&](const QList<ConfigChange>& changes, bool validateOnly = false) -> qint16 {
        Raw::Reader in = call(
            kIncrementalAlterConfigs, version, incrementalAlterBody(version, topic, changes, validateOnly), flexible);
        in.int32(); // throttle
        const qint32 count = flexible ? in.compactArrayLength() : in.arrayLength();
        const qint16 error = in.int16();
        const QByteArray message = flexible ? in.compactString() : in.string();
        const qint8 type = in.int8();
        const QByteArray name = flexible ? in.compactString() : in.string();
        if (flexible) {
            in.skipTaggedFields();
            in.skipTaggedFields();
        }
        if (!in.ok() || !in.atEnd() || count != 1 || type != kTopicResource || name != topic) {
            qWarning("bad IncrementalAlterConfigs response");
            return -1;
        }
        if (error != 0)
            qInfo("IncrementalAlterConfigs: error %d: %s", error, message.constData());
        return error;
    };

    // SET and APPEND in one request.
    QCOMPARE(alter({ { "retention.ms", ConfigOp::Set, "3600000" }, { "cleanup.policy", ConfigOp::Append, "compact" } }),
        qint16(0));
    auto configs = topicConfigs(topic);
    QCOMPARE(configs.value("retention.ms").value, QByteArray("3600000"));
    QCOMPARE(configs.value("retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
    QCOMPARE(configs.value("cleanup.policy").value, QByteArray("delete,compact"));

    // validateOnly changes nothing.
    QCOMPARE(alter({ { "retention.ms", ConfigOp::Set, "7200000" } }, true), qint16(0));
    QCOMPARE(topicConfigs(topic).value("retention.ms").value, QByteArray("3600000"));

    // SUBTRACT, then DELETE goes back to the default.
    QCOMPARE(alter({ { "cleanup.policy", ConfigOp::Subtract, "delete" } }), qint16(0));
    QCOMPARE(topicConfigs(topic).value("cleanup.policy").value, QByteArray("compact"));
    QCOMPARE(
        alter({ { "retention.ms", ConfigOp::Delete, {} }, { "cleanup.policy", ConfigOp::Delete, {} } }), qint16(0));
    configs = topicConfigs(topic);
    QCOMPARE(configs.value("retention.ms").value, QByteArray("604800000"));
    QVERIFY(configs.value("retention.ms").source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
    QCOMPARE(configs.value("cleanup.policy").value, QByteArray("delete"));
}

void TestBrokerAdminApis::incrementalAlterConfigsRefusesBadChanges_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<qint8>("operation");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint16>("error");
    const qint8 set = qint8(ConfigOp::Set);
    for (const qint16 version : { 0, 1 }) {
        QTest::addRow("v%d unknown config", version)
            << version << QByteArray("no.such.config") << set << QByteArray("1") << qint16(40); // INVALID_CONFIG
    }
    QTest::addRow("v1 bad value") << qint16(1) << QByteArray("retention.ms") << set << QByteArray("soon") << qint16(40);
    // As Kafka: APPEND and SUBTRACT need a list config, else INVALID_REQUEST.
    QTest::addRow("v1 append to a scalar")
        << qint16(1) << QByteArray("retention.ms") << qint8(ConfigOp::Append) << QByteArray("1000") << qint16(42);
}

void TestBrokerAdminApis::incrementalAlterConfigsRefusesBadChanges()
{
    QFETCH(qint16, version);
    QFETCH(QByteArray, name);
    QFETCH(qint8, operation);
    QFETCH(QByteArray, value);
    QFETCH(qint16, error);
    const bool flexible = version >= 1;
    // A valid change next to the bad one: the whole resource is refused, nothing applied.
    Raw::Reader in = call(kIncrementalAlterConfigs, version,
        incrementalAlterBody(version, "adm-config",
            { { "max.message.bytes", ConfigOp::Set, "200000" }, { name, ConfigOp(operation), value } }),
        flexible);
    in.int32();
    QCOMPARE(flexible ? in.compactArrayLength() : in.arrayLength(), 1);
    QCOMPARE(in.int16(), error);
    const QByteArray message = flexible ? in.compactString() : in.string();
    QVERIFY2(message.contains(name), message.constData());
    QVERIFY(in.ok());
    const auto configs = topicConfigs("adm-config");
    QCOMPARE(configs.value("retention.ms").value, QByteArray("604800000"));
    QCOMPARE(configs.value("max.message.bytes").value, QByteArray("1048588"));
}

void TestBrokerAdminApis::describeCluster_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addRow("v0") << qint16(0);
    QTest::addRow("v1") << qint16(1);
}

void TestBrokerAdminApis::describeCluster()
{
    QFETCH(qint16, version);
    QByteArray body;
    Raw::appendInt8(body, 0); // include cluster authorized operations: no
    if (version >= 1)
        Raw::appendInt8(body, 1); // endpoint type: brokers
    Raw::appendEmptyTaggedFields(body);
    Raw::Reader in = call(kDescribeCluster, version, body, true);
    in.int32(); // throttle
    QCOMPARE(in.int16(), qint16(0));
    QVERIFY(in.compactString().isNull()); // error message
    if (version >= 1)
        QCOMPARE(in.int8(), qint8(1));
    const QByteArray clusterId = in.compactString();
    const qint32 controller = in.int32();
    QCOMPARE(in.compactArrayLength(), 1);
    const qint32 brokerId = in.int32();
    const QByteArray host = in.compactString();
    const qint32 port = in.int32();
    in.compactString(); // rack
    in.skipTaggedFields();
    in.int32(); // authorized operations
    in.skipTaggedFields();
    QVERIFY(in.ok());
    QVERIFY(in.atEnd());

    // The same identity as librdkafka sees through Metadata.
    char* expectedId = rd_kafka_clusterid(m_admin->handle(), 5000);
    QVERIFY(expectedId);
    QCOMPARE(clusterId, QByteArray(expectedId));
    rd_kafka_mem_free(m_admin->handle(), expectedId);
    const int32_t expectedController = rd_kafka_controllerid(m_admin->handle(), 5000);
    QCOMPARE(controller, expectedController);
    QCOMPARE(brokerId, expectedController);
    QCOMPARE(host, QByteArray("127.0.0.1"));
    QCOMPARE(port, qint32(m_broker.port()));
}

void TestBrokerAdminApis::describeLogDirs_data()
{
    QTest::addColumn<qint16>("version");
    QTest::addColumn<bool>("allTopics");
    QTest::addRow("v1, all topics") << qint16(1) << true;
    QTest::addRow("v1, one topic") << qint16(1) << false;
    QTest::addRow("v4, all topics") << qint16(4) << true;
    QTest::addRow("v4, one topic") << qint16(4) << false;
}

void TestBrokerAdminApis::describeLogDirs()
{
    QFETCH(qint16, version);
    QFETCH(bool, allTopics);
    const bool flexible = version >= 2;
    QByteArray body;
    if (allTopics) {
        flexible ? Raw::appendUnsignedVarint(body, 0) : Raw::appendInt32(body, -1);
    } else {
        flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
        flexible ? Raw::appendCompactString(body, "adm-logdirs") : Raw::appendString(body, "adm-logdirs");
        flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
        Raw::appendInt32(body, 0);
        if (flexible)
            Raw::appendEmptyTaggedFields(body);
    }
    if (flexible)
        Raw::appendEmptyTaggedFields(body);
    Raw::Reader in = call(kDescribeLogDirs, version, body, flexible);
    auto string = [&] { return flexible ? in.compactString() : in.string(); };
    auto arrayLength = [&] { return flexible ? in.compactArrayLength() : in.arrayLength(); };
    in.int32(); // throttle
    if (version >= 3)
        QCOMPARE(in.int16(), qint16(0));
    QCOMPARE(arrayLength(), 1);
    QCOMPARE(in.int16(), qint16(0));
    QCOMPARE(QDir::cleanPath(QString::fromUtf8(string())), QDir::cleanPath(m_broker.dataDir()));
    QMap<QByteArray, QMap<qint32, qint64>> sizes;
    const qint32 topics = arrayLength();
    for (qint32 t = 0; t < topics && in.ok(); ++t) {
        const QByteArray name = string();
        const qint32 partitions = arrayLength();
        for (qint32 p = 0; p < partitions && in.ok(); ++p) {
            const qint32 index = in.int32();
            sizes[name][index] = in.int64();
            QCOMPARE(in.int64(), qint64(0)); // offset lag
            QCOMPARE(in.boolean(), false); // future replica
            if (flexible)
                in.skipTaggedFields();
        }
        if (flexible)
            in.skipTaggedFields();
    }
    if (version >= 4) {
        const qint64 total = in.int64();
        const qint64 usable = in.int64();
        QVERIFY2(
            total > 0 && usable >= 0 && usable <= total, qPrintable(QStringLiteral("%1 %2").arg(total).arg(usable)));
    }
    if (flexible) {
        in.skipTaggedFields();
        in.skipTaggedFields();
    }
    QVERIFY(in.ok());
    QVERIFY(in.atEnd());

    QVERIFY2(
        sizes.value("adm-logdirs").value(0) > 5000, qPrintable(QString::number(sizes.value("adm-logdirs").value(0))));
    if (allTopics) {
        QCOMPARE(sizes.value("adm-fetch").size(), 2);
        QVERIFY(sizes.value("adm-fetch").value(1) > 20000);
        QVERIFY(sizes.contains("adm-config"));
    } else {
        QCOMPARE(sizes.keys(), QList<QByteArray> { "adm-logdirs" });
    }
}

ListOffsetsAnswer TestBrokerAdminApis::listOffsets(qint16 version, const QByteArray& topic, qint64 timestamp)
{
    const bool flexible = version >= 6;
    QByteArray body;
    Raw::appendInt32(body, -1); // replica id
    if (version >= 2)
        Raw::appendInt8(body, 0); // read uncommitted
    flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
    flexible ? Raw::appendCompactString(body, topic) : Raw::appendString(body, topic);
    flexible ? Raw::appendCompactArrayLength(body, 1) : Raw::appendInt32(body, 1);
    Raw::appendInt32(body, 0);
    if (version >= 4)
        Raw::appendInt32(body, -1); // current leader epoch
    Raw::appendInt64(body, timestamp);
    if (flexible) {
        Raw::appendEmptyTaggedFields(body);
        Raw::appendEmptyTaggedFields(body);
    }
    if (version >= 10)
        Raw::appendInt32(body, 30000); // timeout
    if (flexible)
        Raw::appendEmptyTaggedFields(body);
    Raw::Reader in = call(kListOffsets, version, body, flexible);
    if (version >= 2)
        in.int32(); // throttle
    ListOffsetsAnswer answer;
    const qint32 topics = flexible ? in.compactArrayLength() : in.arrayLength();
    const QByteArray name = flexible ? in.compactString() : in.string();
    const qint32 partitions = flexible ? in.compactArrayLength() : in.arrayLength();
    const qint32 index = in.int32();
    answer.error = in.int16();
    answer.timestamp = in.int64();
    answer.offset = in.int64();
    if (version >= 4)
        in.int32(); // leader epoch
    if (flexible) {
        in.skipTaggedFields();
        in.skipTaggedFields();
        in.skipTaggedFields();
    }
    if (!in.ok() || !in.atEnd() || topics != 1 || name != topic || partitions != 1 || index != 0)
        return { -1, -2, -2 };
    return answer;
}

void TestBrokerAdminApis::listOffsets_data()
{
    // adm-offsets holds offsets 0, 1, 2 at base + 1000, + 3000, + 2000 ms.
    QTest::addColumn<qint16>("version");
    QTest::addColumn<qint64>("timestamp"); // negative: special; otherwise relative to the base time
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("foundTime"); // relative to the base time; -1: none
    QTest::addRow("v7 max timestamp") << qint16(7) << qint64(-3) << qint64(1) << qint64(3000);
    QTest::addRow("v10 max timestamp") << qint16(10) << qint64(-3) << qint64(1) << qint64(3000);
    QTest::addRow("v7 earliest") << qint16(7) << qint64(-2) << qint64(0) << qint64(-1);
    QTest::addRow("v7 latest") << qint16(7) << qint64(-1) << qint64(3) << qint64(-1);
    QTest::addRow("v1 earliest") << qint16(1) << qint64(-2) << qint64(0) << qint64(-1);
    QTest::addRow("v1 latest") << qint16(1) << qint64(-1) << qint64(3) << qint64(-1);
    QTest::addRow("v7 before everything") << qint16(7) << qint64(500) << qint64(0) << qint64(1000);
    QTest::addRow("v7 by time") << qint16(7) << qint64(1500) << qint64(1) << qint64(3000);
    QTest::addRow("v4 by time, exact") << qint16(4) << qint64(3000) << qint64(1) << qint64(3000);
    QTest::addRow("v7 after everything") << qint16(7) << qint64(3500) << qint64(-1) << qint64(-1);
    // Before v7, -3 is no special value but an ordinary (negative) time: the first record.
    QTest::addRow("v6 -3 is a time") << qint16(6) << qint64(-3) << qint64(0) << qint64(1000);
    QTest::addRow("v1 -3 is a time") << qint16(1) << qint64(-3) << qint64(0) << qint64(1000);
}

void TestBrokerAdminApis::listOffsets()
{
    QFETCH(qint16, version);
    QFETCH(qint64, timestamp);
    QFETCH(qint64, offset);
    QFETCH(qint64, foundTime);
    const ListOffsetsAnswer answer
        = listOffsets(version, "adm-offsets", timestamp < 0 ? timestamp : m_baseTime + timestamp);
    QCOMPARE(answer.error, qint16(0));
    QCOMPARE(answer.offset, offset);
    QCOMPARE(answer.timestamp, foundTime < 0 ? qint64(-1) : m_baseTime + foundTime);
}

SAMSA_TEST_MAIN(TestBrokerAdminApis, QCoreApplication)

#include "tst_broker_adminapis.moc"

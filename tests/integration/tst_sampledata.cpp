// "Load sample data" against the real samsa-broker with its Schema Registry: the demo topics fill
// up, orders and telemetry are Avro in the registry's wire format, one group keeps up and one
// falls behind; and a registry that is not there is a clear failure.

#include "brokerprocess.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaclient.h"
#include "registry/schemaregistryclient.h"
#include "sampledata/sampledata.h"
#include "sampledata/samplerecords.h"
#include "testmain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtEndian>

#include <avro.h>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::KafkaMessage;
using Samsa::Test::RdKafkaReader;

namespace {

ConnectionProfile localProfile(const QString& bootstrap)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("Local");
    profile.bootstrapServers = bootstrap;
    return profile;
}

const TopicInfo* findTopic(const ClusterMetadata& metadata, const QString& name)
{
    for (const TopicInfo& topic : metadata.topics) {
        if (topic.name == name)
            return &topic;
    }
    return nullptr;
}

// Decodes an Avro datum with the writer's schema into JSON, as a reader of the topic would.
QJsonObject decodeAvro(const QByteArray& schemaJson, const QByteArray& datum)
{
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(schemaJson.constData(), size_t(schemaJson.size()), &schema) != 0)
        return {};
    avro_value_iface_t* type = avro_generic_class_from_schema(schema);
    avro_value_t value;
    avro_generic_value_new(type, &value);
    avro_reader_t reader = avro_reader_memory(datum.constData(), int64_t(datum.size()));
    QJsonObject result;
    char* json = nullptr;
    if (avro_value_read(reader, &value) == 0 && avro_value_to_json(&value, 1, &json) == 0) {
        result = QJsonDocument::fromJson(QByteArray(json)).object();
        free(json);
    }
    avro_reader_free(reader);
    avro_value_decref(&value);
    avro_value_iface_decref(type);
    avro_schema_decref(schema);
    return result;
}

GroupDetail describe(ClusterSession* session, const QString& group)
{
    QSignalSpy ready(session, &ClusterSession::groupDetailReady);
    session->requestGroupDetail(group);
    if (!ready.wait(20000))
        return {};
    return ready.first().at(0).value<GroupDetail>();
}

} // namespace

class TestSampleData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QVERIFY(KafkaClusterSession::waitForWorkers(30000)); }

    void fillsTopicsAndGroups()
    {
        BrokerProcess broker;
        broker.enableSchemaRegistry();
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        const QString bootstrap = broker.bootstrapServers();

        SampleData sample;
        QSignalSpy states(&sample, &SampleData::stateChanged);
        SampleDataOptions options;
        options.profile = localProfile(bootstrap);
        options.registryUrl = QUrl(broker.schemaRegistryUrl());
        options.messagesPerSecond = 400;
        sample.start(options);
        QCOMPARE(sample.state(), SampleData::State::Preparing);
        QTRY_VERIFY2_WITH_TIMEOUT(sample.state() == SampleData::State::Running, qPrintable(sample.errorText()), 20000);

        // Every topic receives messages and both groups read some.
        const auto produced = [&sample](const char* topic) { return sample.stats().produced.value(QString::fromLatin1(topic)); };
        const auto consumed = [&sample](const char* group) { return sample.stats().consumed.value(QString::fromLatin1(group)); };
        QTRY_VERIFY_WITH_TIMEOUT(produced(SampleRecords::OrdersTopic) > 50 && produced(SampleRecords::ClickstreamTopic) > 50
                && produced(SampleRecords::TelemetryTopic) > 50,
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(consumed(SampleData::KeepingUpGroup) > 100 && consumed(SampleData::FallingBehindGroup) > 10, 30000);
        // Long enough for the slow group to fall visibly behind (it reads 40% of the telemetry).
        QTRY_VERIFY_WITH_TIMEOUT(produced(SampleRecords::TelemetryTopic) > 250, 30000);

        sample.stop();
        QTRY_COMPARE_WITH_TIMEOUT(sample.state(), SampleData::State::Stopped, 20000);
        QVERIFY(!states.isEmpty());
        const SampleDataStats stats = sample.stats();
        QCOMPARE(stats.failed, 0);

        // The data stays: the cluster browser sees the topics with every acknowledged message.
        KafkaClusterSession session(localProfile(bootstrap), {});
        QSignalSpy connected(&session, &KafkaClusterSession::watermarksFinished);
        session.connectToCluster();
        QVERIFY(connected.wait(15000));
        const struct {
            const char* name;
            int partitions;
        } expected[] = { { SampleRecords::OrdersTopic, SampleRecords::OrdersPartitions },
            { SampleRecords::ClickstreamTopic, SampleRecords::ClickstreamPartitions },
            { SampleRecords::TelemetryTopic, SampleRecords::TelemetryPartitions } };
        for (const auto& topic : expected) {
            const TopicInfo* info = findTopic(session.metadata(), QString::fromLatin1(topic.name));
            QVERIFY2(info, topic.name);
            QCOMPARE(info->partitions.size(), topic.partitions);
            QCOMPARE(info->messageCount(), stats.produced.value(QString::fromLatin1(topic.name)));
        }

        // One group has read everything it was given, the other is behind on telemetry.
        const GroupDetail keepingUp = describe(&session, QString::fromLatin1(SampleData::KeepingUpGroup));
        const GroupDetail fallingBehind = describe(&session, QString::fromLatin1(SampleData::FallingBehindGroup));
        QVERIFY2(keepingUp.error.isEmpty(), qPrintable(keepingUp.error));
        QVERIFY2(fallingBehind.error.isEmpty(), qPrintable(fallingBehind.error));
        QVERIFY(!fallingBehind.offsets.isEmpty());
        QVERIFY(fallingBehind.totalLag() > 0);
        QVERIFY2(keepingUp.totalLag() < fallingBehind.totalLag(),
            qPrintable(QStringLiteral("%1 vs %2").arg(keepingUp.totalLag()).arg(fallingBehind.totalLag())));

        // Orders are Avro in the registry's wire format: magic 0, the schema id, then the datum.
        RdKafkaReader reader(bootstrap);
        QList<KafkaMessage> messages;
        for (int partition = 0; partition < SampleRecords::OrdersPartitions && messages.isEmpty(); ++partition)
            QVERIFY(reader.readToEnd(SampleRecords::OrdersTopic, partition, RD_KAFKA_OFFSET_BEGINNING, &messages));
        QVERIFY(!messages.isEmpty());
        const KafkaMessage& order = messages.constFirst();
        QVERIFY(order.value.size() > 5);
        QCOMPARE(order.value.at(0), '\0');
        const int schemaId = qFromBigEndian<qint32>(order.value.constData() + 1);

        SchemaRegistryClient registry(QUrl(broker.schemaRegistryUrl()));
        QByteArray schema;
        QString registryError;
        bool answered = false;
        registry.fetchSchema(schemaId, [&](const QByteArray& json, const QString& error) {
            schema = json;
            registryError = error;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QVERIFY2(registryError.isEmpty(), qPrintable(registryError));
        const QJsonObject decoded = decodeAvro(schema, order.value.mid(5));
        QCOMPARE(decoded.value(QLatin1String("customer_id")).toString().toUtf8(), order.key);
        QVERIFY(decoded.value(QLatin1String("total")).toDouble() > 0);
        QVERIFY(!decoded.value(QLatin1String("items")).toArray().isEmpty());
    }

    void missingRegistryIsAClearFailure()
    {
        BrokerProcess broker;
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        SampleData sample;
        SampleDataOptions options;
        options.profile = localProfile(broker.bootstrapServers());
        options.registryUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        sample.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(sample.state(), SampleData::State::Failed, 20000);
        QVERIFY2(sample.errorText().contains(QLatin1String("Schema Registry at http://127.0.0.1:1")), qPrintable(sample.errorText()));
    }
};

SAMSA_TEST_MAIN(TestSampleData, QCoreApplication)
#include "tst_sampledata.moc"

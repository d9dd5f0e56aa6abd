// Dynamic broker configs against the real samsa-broker process: AlterConfigs on the broker
// resource changes the log.* defaults and message.max.bytes at runtime (topics without an override
// follow at once), refuses read-only keys with Kafka's INVALID_CONFIG and a readable reason, resets
// what is left out, and keeps the values across a restart.

#include "brokerprocess.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

using namespace Samsa::Test;

class TestBrokerDynamicConfigs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void alterChangesTopicsAndSurvivesRestart();
    void readOnlyKeysAreRefused();
};

void TestBrokerDynamicConfigs::alterChangesTopicsAndSurvivesRestart()
{
    BrokerProcess broker;
    broker.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("log.retention.ms=3600000") });
    QVERIFY2(broker.start(), broker.errorText());
    {
        RdKafkaAdmin admin(broker.bootstrapServers());
        QVERIFY2(admin.isValid(), qPrintable(admin.error()));
        QVERIFY(admin.createTopic({ "dyn", 1, {} }).ok());
        QVERIFY(admin.createTopic({ "dyn-own", 1, { { "max.message.bytes", "500000" } } }).ok());

        QMap<QByteArray, ConfigValue> configs;
        QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &configs).ok());
        QVERIFY(!configs.value("log.retention.ms").readOnly);
        QVERIFY(!configs.value("message.max.bytes").readOnly);
        QVERIFY(configs.value("num.partitions").readOnly);

        const AdminResult altered = admin.alterConfigs(
            RD_KAFKA_RESOURCE_BROKER, "1", { { "log.retention.ms", "120000" }, { "message.max.bytes", "2000" } });
        QVERIFY2(altered.ok(), altered.text());
        QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &configs).ok());
        QCOMPARE(configs.value("log.retention.ms").value, QByteArray("120000"));
        QCOMPARE(configs.value("log.retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG);
        QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "dyn", &configs).ok());
        QCOMPARE(configs.value("retention.ms").value, QByteArray("120000"));
        QCOMPARE(configs.value("retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG);
        QCOMPARE(configs.value("max.message.bytes").value, QByteArray("2000"));

        // The new limit applies to the topic that inherits it, not to the one with its own.
        RdKafkaProducer inherits(broker.bootstrapServers());
        QVERIFY(inherits.produce("dyn", 0, "k", QByteArray(5000, 'x')));
        QVERIFY(inherits.flush());
        QCOMPARE(inherits.deliveries().size(), 1);
        QCOMPARE(inherits.deliveries().first().error, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
        RdKafkaProducer own(broker.bootstrapServers());
        QVERIFY(own.produce("dyn-own", 0, "k", QByteArray(5000, 'x')));
        QVERIFY(own.flush());
        QVERIFY2(own.deliveryErrors().isEmpty(), qPrintable(own.deliveryErrors()));
    }
    QVERIFY2(broker.restart(), broker.errorText());
    RdKafkaAdmin admin(broker.bootstrapServers());
    QMap<QByteArray, ConfigValue> configs;
    QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "dyn", &configs).ok());
    QCOMPARE(configs.value("retention.ms").value, QByteArray("120000"));

    // AlterConfigs replaces the whole dynamic set: what is left out gets its static value back.
    const AdminResult reset = admin.alterConfigs(RD_KAFKA_RESOURCE_BROKER, "1", { { "message.max.bytes", "2000" } });
    QVERIFY2(reset.ok(), reset.text());
    QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &configs).ok());
    QCOMPARE(configs.value("log.retention.ms").value, QByteArray("3600000"));
    QCOMPARE(configs.value("log.retention.ms").source, RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG);
    QCOMPARE(configs.value("message.max.bytes").source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_BROKER_CONFIG);
    QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "dyn", &configs).ok());
    QCOMPARE(configs.value("retention.ms").value, QByteArray("3600000"));
}

void TestBrokerDynamicConfigs::readOnlyKeysAreRefused()
{
    BrokerProcess broker;
    QVERIFY2(broker.start(), broker.errorText());
    RdKafkaAdmin admin(broker.bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    const AdminResult refused = admin.alterConfigs(
        RD_KAFKA_RESOURCE_BROKER, "1", { { "log.retention.ms", "120000" }, { "num.partitions", "3" } });
    QCOMPARE(refused.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
    QVERIFY2(refused.message.contains(QStringLiteral("Cannot update these configs dynamically: num.partitions")),
        qPrintable(refused.message));
    const AdminResult bad = admin.alterConfigs(RD_KAFKA_RESOURCE_BROKER, "1", { { "log.retention.ms", "soon" } });
    QCOMPARE(bad.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
    // Nothing was applied.
    QMap<QByteArray, ConfigValue> configs;
    QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &configs).ok());
    QCOMPARE(configs.value("log.retention.ms").value, QByteArray("604800000"));
    QCOMPARE(configs.value("num.partitions").value, QByteArray("1"));
}

SAMSA_TEST_MAIN(TestBrokerDynamicConfigs, QCoreApplication)
#include "tst_broker_dynamicconfigs.moc"

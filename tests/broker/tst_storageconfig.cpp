// Broker and topic configs: --set parsing, validation, resolution against broker defaults,
// descriptions with sources, incremental changes.

#include "testmain.h"

#include "storage/brokerconfig.h"
#include "storage/topicconfig.h"

#include <QtTest>

#include <algorithm>

using namespace samsa::broker;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

const ConfigDescription* find(const std::vector<ConfigDescription>& configs, const std::string& name)
{
    const auto it = std::find_if(configs.begin(), configs.end(), [&](const auto& c) { return c.name == name; });
    return it == configs.end() ? nullptr : &*it;
}

} // namespace

class TestStorageConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void brokerSet_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("num.partitions") << QStringLiteral("num.partitions") << QStringLiteral("3") << true;
        QTest::addRow("num.partitions zero") << QStringLiteral("num.partitions") << QStringLiteral("0") << false;
        QTest::addRow("num.partitions text") << QStringLiteral("num.partitions") << QStringLiteral("three") << false;
        QTest::addRow("flush.messages") << QStringLiteral("flush.messages") << QStringLiteral("1") << true;
        QTest::addRow("auto create off") << QStringLiteral("auto.create.topics.enable") << QStringLiteral("false")
                                         << true;
        QTest::addRow("auto create bad") << QStringLiteral("auto.create.topics.enable") << QStringLiteral("maybe")
                                         << false;
        QTest::addRow("retention hours") << QStringLiteral("log.retention.hours") << QStringLiteral("1") << true;
        QTest::addRow("timestamp type") << QStringLiteral("log.message.timestamp.type")
                                        << QStringLiteral("LogAppendTime") << true;
        QTest::addRow("timestamp type bad") << QStringLiteral("log.message.timestamp.type")
                                            << QStringLiteral("Sometime") << false;
        QTest::addRow("sasl plain") << QStringLiteral("sasl.enabled.mechanisms") << QStringLiteral("PLAIN") << true;
        QTest::addRow("sasl scram") << QStringLiteral("sasl.enabled.mechanisms")
                                    << QStringLiteral("PLAIN,SCRAM-SHA-256,SCRAM-SHA-512") << true;
        QTest::addRow("sasl unknown") << QStringLiteral("sasl.enabled.mechanisms") << QStringLiteral("SCRAM-SHA-1")
                                      << false;
        QTest::addRow("sasl gssapi") << QStringLiteral("sasl.enabled.mechanisms") << QStringLiteral("PLAIN,GSSAPI")
                                     << false;
        QTest::addRow("unknown") << QStringLiteral("no.such.config") << QStringLiteral("1") << false;
        QTest::addRow("request size") << QStringLiteral("socket.request.max.bytes") << QStringLiteral("1048576")
                                      << true;
        QTest::addRow("trailing space") << QStringLiteral("num.partitions") << QStringLiteral("3 ") << false;
    }

    void brokerSet()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        BrokerConfig config;
        std::string error;
        QCOMPARE(config.set(key.toStdString(), value.toStdString(), &error), accepted);
        QCOMPARE(error.empty(), accepted);
        if (!accepted)
            QVERIFY(error.find(key.toStdString()) != std::string::npos);
    }

    void brokerSetChangesFieldsAndSources()
    {
        BrokerConfig config;
        std::string error;
        QVERIFY(config.set("log.retention.hours", "2", &error));
        QCOMPARE(config.logRetentionMs, 2 * 3600 * 1000LL);
        QVERIFY(config.set("flush.messages", "1", &error));
        QCOMPARE(config.flushIntervalMessages, 1);
        QVERIFY(config.set("sasl.plain.users", "alice:secret,bob:pw:with:colons", &error));
        QCOMPARE(config.saslPlainUsers.at("bob"), std::string("pw:with:colons"));

        const auto described = config.describe();
        const auto* retention = find(described, "log.retention.ms");
        QVERIFY(retention);
        QCOMPARE(*retention->value, std::to_string(2 * 3600 * 1000LL));
        QCOMPARE(retention->source, ConfigSource::StaticBrokerConfig);
        QVERIFY(!retention->isDefault);
        const auto* partitions = find(described, "num.partitions");
        QCOMPARE(*partitions->value, std::string("1"));
        QCOMPARE(partitions->source, ConfigSource::DefaultConfig);
        QVERIFY(partitions->isDefault);
        const auto* users = find(described, "sasl.plain.users");
        QVERIFY(users->sensitive);
        QVERIFY(!users->value.has_value());
        // A bad password value must not be echoed.
        QVERIFY(!config.set("sasl.plain.users", "nocolon-secret", &error));
        QVERIFY(error.find("nocolon-secret") == std::string::npos);
    }

    void topicValidation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<ErrorCode>("error");
        QTest::addRow("retention.ms") << QStringLiteral("retention.ms") << QStringLiteral("60000") << ErrorCode::None;
        QTest::addRow("retention.ms forever") << QStringLiteral("retention.ms") << QStringLiteral("-1")
                                              << ErrorCode::None;
        QTest::addRow("retention.ms bad") << QStringLiteral("retention.ms") << QStringLiteral("soon")
                                          << ErrorCode::InvalidConfig;
        QTest::addRow("segment.bytes tiny") << QStringLiteral("segment.bytes") << QStringLiteral("10")
                                            << ErrorCode::InvalidConfig;
        QTest::addRow("cleanup compact") << QStringLiteral("cleanup.policy") << QStringLiteral("compact")
                                         << ErrorCode::None;
        QTest::addRow("cleanup both") << QStringLiteral("cleanup.policy") << QStringLiteral("delete,compact")
                                      << ErrorCode::None;
        QTest::addRow("cleanup bad") << QStringLiteral("cleanup.policy") << QStringLiteral("shred")
                                     << ErrorCode::InvalidConfig;
        QTest::addRow("compression") << QStringLiteral("compression.type") << QStringLiteral("zstd")
                                     << ErrorCode::None;
        QTest::addRow("min.insync") << QStringLiteral("min.insync.replicas") << QStringLiteral("1") << ErrorCode::None;
        QTest::addRow("unknown") << QStringLiteral("retention.mss") << QStringLiteral("1") << ErrorCode::InvalidConfig;
        QTest::addRow("broker name") << QStringLiteral("log.retention.ms") << QStringLiteral("1")
                                     << ErrorCode::InvalidConfig;
    }

    void topicValidation()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(ErrorCode, error);
        std::string message;
        QCOMPARE(TopicConfig::validate({{key.toStdString(), value.toStdString()}}, &message), error);
        if (error != ErrorCode::None)
            QVERIFY(message.find(key.toStdString()) != std::string::npos);
    }

    void topicResolvesAgainstBroker()
    {
        BrokerConfig broker;
        std::string error;
        QVERIFY(broker.set("log.segment.bytes", "5000", &error));
        QVERIFY(broker.set("log.message.timestamp.type", "LogAppendTime", &error));
        const auto inherited = TopicConfig::resolve({}, broker);
        QCOMPARE(inherited.segmentBytes, 5000);
        QCOMPARE(inherited.timestampType, TimestampType::LogAppendTime);
        QCOMPARE(inherited.retentionMs, 7LL * 24 * 3600 * 1000);
        QCOMPARE(inherited.flushMessages, INT64_MAX);
        QVERIFY(broker.set("flush.messages", "1", &error));
        QCOMPARE(TopicConfig::resolve({}, broker).flushMessages, 1);
        const auto overridden = TopicConfig::resolve(
            {{"segment.bytes", "7000"}, {"message.timestamp.type", "CreateTime"}, {"cleanup.policy", "compact"},
             {"retention.bytes", "123"}, {"flush.messages", "1"}},
            broker);
        QCOMPARE(overridden.segmentBytes, 7000);
        QCOMPARE(overridden.timestampType, TimestampType::CreateTime);
        QVERIFY(overridden.cleanupCompact);
        QVERIFY(!overridden.cleanupDelete);
        QCOMPARE(overridden.retentionBytes, 123);
        QCOMPARE(overridden.flushMessages, 1);

        const auto described = TopicConfig::describe({{"retention.ms", "1000"}}, broker);
        const auto* retention = find(described, "retention.ms");
        QCOMPARE(*retention->value, std::string("1000"));
        QCOMPARE(retention->source, ConfigSource::DynamicTopicConfig);
        QVERIFY(!retention->isDefault);
        const auto* segment = find(described, "segment.bytes");
        QCOMPARE(*segment->value, std::string("5000"));
        QCOMPARE(segment->source, ConfigSource::StaticBrokerConfig);
        QCOMPARE(segment->synonyms.front().name, std::string("log.segment.bytes"));
        const auto* maxBytes = find(described, "max.message.bytes");
        QCOMPARE(*maxBytes->value, std::string("1048588"));
        QCOMPARE(maxBytes->source, ConfigSource::DefaultConfig);
        QVERIFY(maxBytes->isDefault);
    }

    void incrementalChanges()
    {
        ConfigMap overrides{{"retention.ms", "1000"}};
        std::string message;
        QCOMPARE(TopicConfig::apply(overrides, {"segment.ms", AlterConfigOp::Set, "5000"}, &message), ErrorCode::None);
        QCOMPARE(TopicConfig::apply(overrides, {"retention.ms", AlterConfigOp::Delete, ""}, &message), ErrorCode::None);
        QCOMPARE(overrides.size(), size_t(1));
        QCOMPARE(overrides.at("segment.ms"), std::string("5000"));
        QCOMPARE(TopicConfig::apply(overrides, {"cleanup.policy", AlterConfigOp::Append, "compact"}, &message),
                 ErrorCode::None);
        QCOMPARE(overrides.at("cleanup.policy"), std::string("delete,compact"));
        QCOMPARE(TopicConfig::apply(overrides, {"cleanup.policy", AlterConfigOp::Subtract, "delete"}, &message),
                 ErrorCode::None);
        QCOMPARE(overrides.at("cleanup.policy"), std::string("compact"));
        QCOMPARE(TopicConfig::apply(overrides, {"segment.ms", AlterConfigOp::Append, "1"}, &message),
                 ErrorCode::InvalidRequest);
        QCOMPARE(TopicConfig::apply(overrides, {"segment.ms", AlterConfigOp::Set, "-5"}, &message),
                 ErrorCode::InvalidConfig);
        QCOMPARE(TopicConfig::apply(overrides, {"nope", AlterConfigOp::Set, "1"}, &message), ErrorCode::InvalidConfig);
        QCOMPARE(overrides.at("segment.ms"), std::string("5000"));
    }
};

SAMSA_TEST_MAIN(TestStorageConfig, QCoreApplication)
#include "tst_storageconfig.moc"

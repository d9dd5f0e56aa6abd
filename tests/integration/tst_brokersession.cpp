// The app's core (KafkaClusterSession, ConnectionTester) against the real samsa-broker process
// over TCP: what the cluster browser shows of a one-node cluster, its configurations, and what
// happens when the broker goes away.

#include "brokerprocess.h"
#include "kafka/connectiontester.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QSignalSpy>
#include <memory>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

ConnectionProfile profileFor(const QString& bootstrap)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("local");
    profile.bootstrapServers = bootstrap;
    return profile;
}

std::unique_ptr<KafkaClusterSession> makeSession(const QString& bootstrap)
{
    auto session = std::make_unique<KafkaClusterSession>(profileFor(bootstrap), ProfileSecrets {});
    session->setTimeoutMs(5000);
    return session;
}

bool connectFully(KafkaClusterSession* session)
{
    QSignalSpy finished(session, &KafkaClusterSession::watermarksFinished);
    session->connectToCluster();
    return finished.wait(15000) && session->state() == ClusterSession::State::Connected;
}

bool refreshFully(KafkaClusterSession* session)
{
    QSignalSpy finished(session, &KafkaClusterSession::watermarksFinished);
    session->refresh();
    return finished.wait(15000);
}

const TopicInfo* findTopic(const ClusterMetadata& metadata, const QString& name)
{
    for (const TopicInfo& topic : metadata.topics) {
        if (topic.name == name)
            return &topic;
    }
    return nullptr;
}

const ConfigEntry* findEntry(const ConfigResult& result, const QString& name)
{
    for (const ConfigEntry& entry : result.entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

ConfigResult requestConfigs(KafkaClusterSession* session, const ConfigResource& resource)
{
    QSignalSpy configs(session, &ClusterSession::configsReady);
    session->requestConfigs(resource);
    if (!configs.wait(15000))
        return { resource, {}, QStringLiteral("no answer") };
    return configs.first().at(0).value<ConfigResult>();
}

// Produces `count` messages to one partition and waits for every delivery.
bool produce(const QString& bootstrap, const QByteArray& topic, int partition, int count)
{
    RdKafkaProducer producer(bootstrap);
    for (int i = 0; i < count; ++i) {
        if (!producer.produce(topic, partition, "key-" + QByteArray::number(i), "value " + QByteArray::number(i)))
            return false;
    }
    return producer.flush(20000) && producer.deliveryErrors().isEmpty();
}

} // namespace

class TestBrokerSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_broker = std::make_unique<BrokerProcess>();
        m_broker->setExtraArguments({ QStringLiteral("--set"), QStringLiteral("num.partitions=2") });
        QVERIFY2(m_broker->start(), qPrintable(m_broker->error()));
    }

    void cleanup()
    {
        m_broker.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void showsTheBrokerTopicsAndMessageCounts()
    {
        const QString bootstrap = m_broker->bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY2(admin.createTopic({ "orders", 3, {} }).ok(), "create orders");
            QVERIFY2(admin.createTopic({ "audit", 1, {} }).ok(), "create audit");
        }
        QVERIFY(produce(bootstrap, "orders", 0, 7));
        QVERIFY(produce(bootstrap, "orders", 2, 3));

        auto session = makeSession(bootstrap);
        QVERIFY(connectFully(session.get()));
        const ClusterMetadata& metadata = session->metadata();
        QCOMPARE(metadata.brokers.size(), 1);
        const BrokerInfo& broker = metadata.brokers.constFirst();
        QCOMPARE(QStringLiteral("%1:%2").arg(broker.host).arg(broker.port), bootstrap);
        QCOMPARE(metadata.controllerId, broker.id);
        QVERIFY(!metadata.clusterId.isEmpty());
        QCOMPARE(metadata.offlineCount(), 0);
        QCOMPARE(metadata.underReplicatedCount(), 0);

        const TopicInfo* orders = findTopic(metadata, QStringLiteral("orders"));
        const TopicInfo* audit = findTopic(metadata, QStringLiteral("audit"));
        QVERIFY(orders && audit);
        QCOMPARE(orders->partitions.size(), 3);
        QCOMPARE(orders->replicationFactor(), 1);
        QVERIFY(!orders->internal);
        QCOMPARE(orders->messageCount(), 10);
        QCOMPARE(audit->messageCount(), 0);
        for (const PartitionInfo& partition : orders->partitions) {
            QCOMPARE(partition.leader, broker.id);
            QCOMPARE(partition.lowWatermark, 0);
            QCOMPARE(partition.highWatermark, partition.partition == 0 ? 7 : partition.partition == 2 ? 3 : 0);
        }

        // The cluster id is the broker's own, kept across a restart of the broker.
        const QString clusterId = metadata.clusterId;
        session.reset();
        QVERIFY(m_broker->restart());
        auto again = makeSession(bootstrap);
        QVERIFY(connectFully(again.get()));
        QCOMPARE(again->metadata().clusterId, clusterId);
        QCOMPARE(findTopic(again->metadata(), QStringLiteral("orders"))->messageCount(), 10);
    }

    void refreshFollowsCreateDeleteAndDeleteRecords()
    {
        const QString bootstrap = m_broker->bootstrapServers();
        RdKafkaAdmin admin(bootstrap);
        QVERIFY(admin.createTopic({ "events", 1, {} }).ok());
        QVERIFY(produce(bootstrap, "events", 0, 10));
        auto session = makeSession(bootstrap);
        QVERIFY(connectFully(session.get()));
        QCOMPARE(findTopic(session->metadata(), QStringLiteral("events"))->messageCount(), 10);

        qint64 low = -1;
        QVERIFY(admin.deleteRecords("events", 0, 4, &low).ok());
        QCOMPARE(low, 4);
        QVERIFY(admin.createTopic({ "later", 4, {} }).ok());
        QVERIFY(refreshFully(session.get()));
        const TopicInfo* events = findTopic(session->metadata(), QStringLiteral("events"));
        QVERIFY(events);
        QCOMPARE(events->partitions.constFirst().lowWatermark, 4);
        QCOMPARE(events->messageCount(), 6);
        QVERIFY(findTopic(session->metadata(), QStringLiteral("later")));
        QCOMPARE(findTopic(session->metadata(), QStringLiteral("later"))->partitions.size(), 4);

        QVERIFY(admin.deleteTopic("later").ok());
        QVERIFY(refreshFully(session.get()));
        QVERIFY(!findTopic(session->metadata(), QStringLiteral("later")));
    }

    void topicConfigsTellOverridesFromDefaults()
    {
        const QString bootstrap = m_broker->bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY(admin.createTopic({ "tuned", 1, { { "retention.ms", "3600000" }, { "cleanup.policy", "delete" } } }).ok());
        }
        auto session = makeSession(bootstrap);
        QVERIFY(connectFully(session.get()));

        const ConfigResult result = requestConfigs(session.get(), { ConfigResourceType::Topic, QStringLiteral("tuned") });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const ConfigEntry* retention = findEntry(result, QStringLiteral("retention.ms"));
        const ConfigEntry* segment = findEntry(result, QStringLiteral("segment.bytes"));
        QVERIFY(retention && segment);
        QCOMPARE(retention->value, QStringLiteral("3600000"));
        QVERIFY(!retention->isDefault);
        QCOMPARE(retention->source, ConfigSource::DynamicTopic);
        QVERIFY(segment->isDefault);
        QCOMPARE(segment->source, ConfigSource::Default);
        QVERIFY(!segment->value.isEmpty());

        // A topic that does not exist is a readable error, not an empty table.
        const ConfigResult missing = requestConfigs(session.get(), { ConfigResourceType::Topic, QStringLiteral("nope") });
        QVERIFY(missing.entries.isEmpty());
        QVERIFY(!missing.error.isEmpty());
        QCOMPARE(session->state(), ClusterSession::State::Connected);
    }

    void brokerConfigsShowCommandLineSettings()
    {
        auto session = makeSession(m_broker->bootstrapServers());
        QVERIFY(connectFully(session.get()));
        const QString id = QString::number(session->metadata().brokers.constFirst().id);
        const ConfigResult result = requestConfigs(session.get(), { ConfigResourceType::Broker, id });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const ConfigEntry* partitions = findEntry(result, QStringLiteral("num.partitions"));
        QVERIFY(partitions);
        QCOMPARE(partitions->value, QStringLiteral("2")); // from --set num.partitions=2
        QVERIFY(!partitions->isDefault);
        QCOMPARE(partitions->source, ConfigSource::StaticBroker);
        QVERIFY(findEntry(result, QStringLiteral("log.retention.hours")) || findEntry(result, QStringLiteral("log.retention.ms")));
    }

    void brokerGoneIsAReadableRefreshFailure()
    {
        auto session = makeSession(m_broker->bootstrapServers());
        QVERIFY(connectFully(session.get()));
        const int topicsBefore = int(session->metadata().topics.size());
        QVERIFY(m_broker->stop());

        QSignalSpy failed(session.get(), &ClusterSession::refreshFailed);
        session->refresh();
        QVERIFY(failed.wait(30000));
        QVERIFY(!failed.first().at(0).toString().isEmpty());
        // What was shown stays shown.
        QCOMPARE(int(session->metadata().topics.size()), topicsBefore);
        QCOMPARE(session->metadata().brokers.size(), 1);
    }

    void connectionTestReportsOneBroker()
    {
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profileFor(m_broker->bootstrapServers()), {}, 10000);
        QVERIFY(finished.wait(15000));
        const ConnectionTestResult result = finished.first().at(0).value<ConnectionTestResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.brokerCount, 1);
        QVERIFY(result.latencyMs >= 0);
        QVERIFY(!result.clusterId.isEmpty());
    }

private:
    std::unique_ptr<BrokerProcess> m_broker;
};

SAMSA_TEST_MAIN(TestBrokerSession, QCoreApplication)
#include "tst_brokersession.moc"

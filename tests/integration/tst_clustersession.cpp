// KafkaClusterSession against librdkafka's mock cluster over TCP: what the cluster browser shows
// after connecting, refreshing and disconnecting.

#include "closedport.h"
#include "kafka/kafkaclustersession.h"
#include "mockcluster.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <memory>

using namespace Samsa;
using Samsa::Test::MockCluster;

namespace {

std::unique_ptr<KafkaClusterSession> makeSession(const QString& bootstrap, int timeoutMs = 15000)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("mock");
    profile.bootstrapServers = bootstrap;
    auto session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
    session->setTimeoutMs(timeoutMs);
    return session;
}

const TopicInfo* findTopic(const ClusterMetadata& metadata, const QString& name)
{
    for (const TopicInfo& topic : metadata.topics) {
        if (topic.name == name)
            return &topic;
    }
    return nullptr;
}

// Connects and waits until the metadata and every watermark of the connect have arrived.
bool connectFully(KafkaClusterSession* session)
{
    QSignalSpy finished(session, &KafkaClusterSession::watermarksFinished);
    session->connectToCluster();
    return finished.wait(45000) && session->state() == ClusterSession::State::Connected;
}

QList<int> bootstrapPorts(const QString& bootstrap)
{
    QList<int> ports;
    for (const QString& server : bootstrap.split(QLatin1Char(',')))
        ports.append(server.section(QLatin1Char(':'), -1).toInt());
    std::sort(ports.begin(), ports.end());
    return ports;
}

} // namespace

class TestClusterSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        // No worker thread may outlive a test function.
        // Usually instant; the margin is for a loaded CI machine, where librdkafka's own
        // teardown of three broker threads was once seen to take over 10 s.
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void connectShowsBrokersTopicsAndPartitions()
    {
        MockCluster mock(3);
        QVERIFY2(mock.isValid(), qPrintable(mock.error()));
        QVERIFY(mock.createTopic(QStringLiteral("orders"), 4, 3));
        // The mock gives every topic its default replication factor (3 of 3 brokers).
        QVERIFY(mock.createTopic(QStringLiteral("audit"), 2, 3));

        auto session = makeSession(mock.bootstrapServers());
        QSignalSpy states(session.get(), &ClusterSession::stateChanged);
        QSignalSpy ready(session.get(), &ClusterSession::metadataReady);
        QSignalSpy watermarksDone(session.get(), &KafkaClusterSession::watermarksFinished);
        session->connectToCluster();
        QCOMPARE(session->state(), ClusterSession::State::Connecting);
        QVERIFY(ready.wait(20000));
        // Earliest and latest are two ListOffsets rounds of up to 15 s each on a loaded machine.
        QVERIFY(watermarksDone.wait(45000)); // before the mock goes away at the end

        QCOMPARE(session->state(), ClusterSession::State::Connected);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(0).at(0).value<ClusterSession::State>(), ClusterSession::State::Connecting);
        QCOMPARE(states.at(1).at(0).value<ClusterSession::State>(), ClusterSession::State::Connected);
        QVERIFY(session->errorText().isEmpty());

        const ClusterMetadata metadata = ready.first().at(0).value<ClusterMetadata>();
        QCOMPARE(metadata.brokers.size(), 3);
        QList<int> ports;
        for (const BrokerInfo& broker : metadata.brokers) {
            QVERIFY(broker.id >= 1 && broker.id <= 3);
            QCOMPARE(broker.host, QStringLiteral("127.0.0.1"));
            QVERIFY(broker.rack.isEmpty()); // the mock answers no DescribeConfigs
            ports.append(broker.port);
        }
        std::sort(ports.begin(), ports.end());
        QCOMPARE(ports, bootstrapPorts(mock.bootstrapServers()));
        QVERIFY(!metadata.clusterId.isEmpty());
        QVERIFY(metadata.controllerId >= 0);
        QVERIFY(metadata.receivedAt.isValid());

        const TopicInfo* orders = findTopic(metadata, QStringLiteral("orders"));
        const TopicInfo* audit = findTopic(metadata, QStringLiteral("audit"));
        QVERIFY(orders && audit);
        QCOMPARE(orders->partitions.size(), 4);
        QCOMPARE(orders->replicationFactor(), 3);
        QCOMPARE(audit->partitions.size(), 2);
        QCOMPARE(audit->replicationFactor(), 3);
        for (int index = 0; index < orders->partitions.size(); ++index) {
            const PartitionInfo& partition = orders->partitions.at(index);
            QCOMPARE(partition.partition, index);
            QVERIFY(partition.replicas.contains(partition.leader));
            QVERIFY(!partition.isOffline());
            QVERIFY(!partition.isUnderReplicated());
        }
        QCOMPARE(metadata.partitionCount(), 6);
        QCOMPARE(metadata.offlineCount(), 0);
        QCOMPARE(session->metadata().topics.size(), metadata.topics.size());
    }

    void messageCounts_data()
    {
        QTest::addColumn<QList<int>>("messagesPerPartition");
        QTest::addRow("empty topic") << QList<int> { 0, 0, 0 };
        QTest::addRow("one partition") << QList<int> { 0, 7, 0 };
        QTest::addRow("all partitions") << QList<int> { 3, 1, 12, 5 };
    }

    void messageCounts()
    {
        QFETCH(QList<int>, messagesPerPartition);
        MockCluster mock(3);
        const QString topic = QStringLiteral("counted");
        QVERIFY(mock.createTopic(topic, int(messagesPerPartition.size()), 3));
        qint64 total = 0;
        for (int partition = 0; partition < messagesPerPartition.size(); ++partition) {
            if (messagesPerPartition.at(partition) > 0)
                QVERIFY2(mock.produce(topic, partition, messagesPerPartition.at(partition)), qPrintable(mock.error()));
            total += messagesPerPartition.at(partition);
        }

        auto session = makeSession(mock.bootstrapServers());
        QSignalSpy watermarks(session.get(), &ClusterSession::watermarksReady);
        QVERIFY(connectFully(session.get()));

        QHash<int, QPair<qint64, qint64>> received;
        for (const QList<QVariant>& signal : std::as_const(watermarks)) {
            for (const TopicWatermarks& marks : signal.at(0).value<QList<TopicWatermarks>>()) {
                if (marks.topic == topic)
                    received.insert(marks.partitions);
            }
        }
        QCOMPARE(received.size(), messagesPerPartition.size());
        const TopicInfo* info = findTopic(session->metadata(), topic);
        QVERIFY(info);
        for (int partition = 0; partition < messagesPerPartition.size(); ++partition) {
            QCOMPARE(received.value(partition).first, 0);
            QCOMPARE(received.value(partition).second, messagesPerPartition.at(partition));
            QCOMPARE(info->partitions.at(partition).messageCount(), messagesPerPartition.at(partition));
        }
        QCOMPARE(info->messageCount(), total);
    }

    void manyPartitionsStreamInChunks()
    {
        MockCluster mock(3);
        const int topics = 3;
        const int partitionsPerTopic = 1000;
        for (int index = 0; index < topics; ++index)
            QVERIFY(mock.createTopic(QStringLiteral("wide-%1").arg(index), partitionsPerTopic, 1));
        QVERIFY(mock.produce(QStringLiteral("wide-2"), 999, 2));

        auto session = makeSession(mock.bootstrapServers());
        QSignalSpy watermarks(session.get(), &ClusterSession::watermarksReady);
        QVERIFY(connectFully(session.get()));
        QVERIFY2(watermarks.size() >= 2, "watermarks of 3000 partitions should arrive in more than one batch");
        int partitions = 0;
        for (const QList<QVariant>& signal : std::as_const(watermarks)) {
            for (const TopicWatermarks& marks : signal.at(0).value<QList<TopicWatermarks>>())
                partitions += int(marks.partitions.size());
        }
        QCOMPARE(partitions, topics * partitionsPerTopic);
        QCOMPARE(findTopic(session->metadata(), QStringLiteral("wide-2"))->messageCount(), 2);
    }

    void refreshSeesNewTopicAndMessages()
    {
        MockCluster mock(3);
        QVERIFY(mock.createTopic(QStringLiteral("first"), 2, 3));
        auto session = makeSession(mock.bootstrapServers());
        QVERIFY(connectFully(session.get()));
        QVERIFY(!findTopic(session->metadata(), QStringLiteral("second")));

        QVERIFY(mock.createTopic(QStringLiteral("second"), 3, 3));
        QVERIFY(mock.produce(QStringLiteral("second"), 2, 4));
        QSignalSpy ready(session.get(), &ClusterSession::metadataReady);
        QSignalSpy finished(session.get(), &KafkaClusterSession::watermarksFinished);
        session->refresh();
        QVERIFY(finished.wait(45000));
        QCOMPARE(ready.size(), 1);
        const TopicInfo* second = findTopic(session->metadata(), QStringLiteral("second"));
        QVERIFY(second);
        QCOMPARE(second->partitions.size(), 3);
        QCOMPARE(second->messageCount(), 4);
        QVERIFY(findTopic(session->metadata(), QStringLiteral("first")));
        QCOMPARE(session->state(), ClusterSession::State::Connected);
    }

    void requestWatermarksOfOneTopic()
    {
        MockCluster mock(3);
        QVERIFY(mock.createTopic(QStringLiteral("detail"), 2, 3));
        auto session = makeSession(mock.bootstrapServers());
        QVERIFY(connectFully(session.get()));
        QCOMPARE(findTopic(session->metadata(), QStringLiteral("detail"))->messageCount(), 0);

        QVERIFY(mock.produce(QStringLiteral("detail"), 1, 6));
        QSignalSpy watermarks(session.get(), &ClusterSession::watermarksReady);
        session->requestWatermarks(QStringLiteral("detail"));
        QVERIFY(watermarks.wait(45000));
        const QList<TopicWatermarks> marks = watermarks.first().at(0).value<QList<TopicWatermarks>>();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.first().topic, QStringLiteral("detail"));
        QCOMPARE(marks.first().partitions.value(1).second, 6);
        QCOMPARE(findTopic(session->metadata(), QStringLiteral("detail"))->messageCount(), 6);

        QSignalSpy failed(session.get(), &ClusterSession::watermarksFailed);
        session->requestWatermarks(QStringLiteral("no-such-topic"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("no-such-topic")));
    }

    void partitionWithoutLeaderIsOffline()
    {
        MockCluster mock(3);
        QVERIFY(mock.createTopic(QStringLiteral("fragile"), 3, 3));
        QVERIFY(mock.produce(QStringLiteral("fragile"), 0, 2));
        mock.setPartitionLeader(QStringLiteral("fragile"), 1, -1);

        auto session = makeSession(mock.bootstrapServers());
        QVERIFY(connectFully(session.get()));
        const TopicInfo* topic = findTopic(session->metadata(), QStringLiteral("fragile"));
        QVERIFY(topic);
        QVERIFY(topic->partitions.at(1).isOffline());
        QVERIFY(!topic->partitions.at(0).isOffline());
        QCOMPARE(session->metadata().offlineCount(), 1);
        // The other partitions still get their counts; the offline one stays unknown.
        QCOMPARE(topic->partitions.at(0).messageCount(), 2);
        QCOMPARE(topic->partitions.at(1).messageCount(), -1);
        QCOMPARE(topic->messageCount(), -1);
    }

    void unreachableBootstrapFails()
    {
        const quint16 port = Test::closedLocalPort();
        auto session = makeSession(QStringLiteral("127.0.0.1:%1").arg(port), 1500);
        QSignalSpy states(session.get(), &ClusterSession::stateChanged);
        QSignalSpy ready(session.get(), &ClusterSession::metadataReady);
        session->connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Failed, 10000);
        QCOMPARE(ready.size(), 0);
        QCOMPARE(states.last().at(0).value<ClusterSession::State>(), ClusterSession::State::Failed);
        // librdkafka's own words, naming the address it could not reach.
        const QString error = session->errorText();
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(sessionStateText(session->state(), 0, error).contains(error));

        // Requests on a failed session are answered, not left hanging.
        QSignalSpy configs(session.get(), &ClusterSession::configsReady);
        session->requestConfigs({ ConfigResourceType::Topic, QStringLiteral("x") });
        QVERIFY(configs.wait(2000));
        QVERIFY(!configs.first().at(0).value<ConfigResult>().error.isEmpty());
    }

    void disconnectMidConnectEmitsNothingMore_data()
    {
        QTest::addColumn<bool>("reachable");
        QTest::addRow("mock cluster") << true;
        QTest::addRow("closed port") << false;
    }

    void disconnectMidConnectEmitsNothingMore()
    {
        QFETCH(bool, reachable);
        MockCluster mock(3);
        QVERIFY(mock.createTopic(QStringLiteral("t"), 2, 3));
        const QString bootstrap = reachable ? mock.bootstrapServers()
                                            : QStringLiteral("127.0.0.1:%1").arg(Test::closedLocalPort());
        auto session = makeSession(bootstrap, 10000);
        session->connectToCluster();
        QCOMPARE(session->state(), ClusterSession::State::Connecting);

        QSignalSpy states(session.get(), &ClusterSession::stateChanged);
        session->disconnectFromCluster();
        QCOMPARE(session->state(), ClusterSession::State::Disconnected);
        QCOMPARE(states.size(), 1);

        QSignalSpy stateSpy(session.get(), &ClusterSession::stateChanged);
        QSignalSpy ready(session.get(), &ClusterSession::metadataReady);
        QSignalSpy watermarks(session.get(), &ClusterSession::watermarksReady);
        QSignalSpy failed(session.get(), &ClusterSession::refreshFailed);
        // The cancel flag stops the worker well before its 10 s connect timeout.
        QElapsedTimer timer;
        timer.start();
        QVERIFY(KafkaClusterSession::waitForWorkers(5000));
        QVERIFY(timer.elapsed() < 3000);
        // Whatever the worker sent before it noticed is delivered now, and must be dropped.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(stateSpy.size(), 0);
        QCOMPARE(ready.size(), 0);
        QCOMPARE(watermarks.size(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(session->metadata().topics.size(), 0);

        // The session can connect again afterwards.
        if (reachable) {
            QVERIFY(connectFully(session.get()));
            QVERIFY(findTopic(session->metadata(), QStringLiteral("t")));
        }
    }

    void destroyingAConnectingSessionDoesNotBlock()
    {
        auto session = makeSession(QStringLiteral("127.0.0.1:%1").arg(Test::closedLocalPort()), 10000);
        session->connectToCluster();
        QElapsedTimer timer;
        timer.start();
        session.reset();
        QVERIFY(timer.elapsed() < 500);
        QVERIFY(KafkaClusterSession::waitForWorkers(5000));
    }

    void refreshFailureKeepsMetadata()
    {
        auto mock = std::make_unique<MockCluster>(3);
        QVERIFY(mock->createTopic(QStringLiteral("kept"), 2, 3));
        auto session = makeSession(mock->bootstrapServers(), 1500);
        QVERIFY(connectFully(session.get()));

        mock.reset(); // the whole cluster goes away
        QSignalSpy failed(session.get(), &ClusterSession::refreshFailed);
        QSignalSpy ready(session.get(), &ClusterSession::metadataReady);
        session->refresh();
        QVERIFY(failed.wait(10000));
        QVERIFY(!failed.first().at(0).toString().isEmpty());
        QCOMPARE(ready.size(), 0);
        QCOMPARE(session->state(), ClusterSession::State::Connected);
        QVERIFY(findTopic(session->metadata(), QStringLiteral("kept")));
    }

    void configsAgainstMockGiveReadableError_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("name");
        QTest::addRow("topic") << int(ConfigResourceType::Topic) << QStringLiteral("cfg");
        QTest::addRow("broker") << int(ConfigResourceType::Broker) << QStringLiteral("1");
        QTest::addRow("broker not a number") << int(ConfigResourceType::Broker) << QStringLiteral("first");
    }

    void configsAgainstMockGiveReadableError()
    {
        QFETCH(int, type);
        QFETCH(QString, name);
        MockCluster mock(3);
        QVERIFY(mock.createTopic(QStringLiteral("cfg"), 1, 3));
        auto session = makeSession(mock.bootstrapServers(), 1500);
        QVERIFY(connectFully(session.get()));

        const ConfigResource resource { ConfigResourceType(type), name };
        QSignalSpy configs(session.get(), &ClusterSession::configsReady);
        session->requestConfigs(resource);
        QVERIFY(configs.wait(10000));
        const ConfigResult result = configs.first().at(0).value<ConfigResult>();
        QCOMPARE(result.resource, resource);
        QVERIFY(result.entries.isEmpty());
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(session->state(), ClusterSession::State::Connected);
    }
};

SAMSA_TEST_MAIN(TestClusterSession, QCoreApplication)
#include "tst_clustersession.moc"

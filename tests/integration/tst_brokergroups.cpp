// The app's core lists consumer groups, describes their members and assignments, and reads their
// committed offsets and lag from the real samsa-broker process.

#include "brokerprocess.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDeadlineTimer>
#include <QSignalSpy>

#include <librdkafka/rdkafka.h>
#include <memory>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

// A librdkafka group member that reads and commits synchronously.
class GroupConsumer {
public:
    GroupConsumer(const QString& bootstrap, const char* group, const char* topic)
    {
        char error[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
        rd_kafka_conf_set(conf, "group.id", group, error, sizeof error);
        rd_kafka_conf_set(conf, "client.id", "lag-test", error, sizeof error);
        rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", error, sizeof error);
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
        rd_kafka_conf_set(conf, "session.timeout.ms", "6000", error, sizeof error);
        rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
        m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
        if (!m_handle)
            return;
        rd_kafka_poll_set_consumer(m_handle);
        rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(m_handle, topics);
        rd_kafka_topic_partition_list_destroy(topics);
    }
    ~GroupConsumer() { close(); }

    bool isValid() const { return m_handle != nullptr; }

    // Reads until `count` messages arrived, then commits them; false on timeout.
    bool consumeAndCommit(int count, int timeoutMs = 30000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        int received = 0;
        while (received < count && !deadline.hasExpired()) {
            if (rd_kafka_message_t* message = rd_kafka_consumer_poll(m_handle, 100)) {
                if (!message->err)
                    ++received;
                rd_kafka_message_destroy(message);
            }
        }
        return received == count && rd_kafka_commit(m_handle, nullptr, 0) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    void close()
    {
        if (!m_handle)
            return;
        rd_kafka_consumer_close(m_handle);
        rd_kafka_destroy(m_handle);
        m_handle = nullptr;
    }

private:
    rd_kafka_t* m_handle = nullptr;
};

ConnectionProfile localProfile(const QString& bootstrap)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("local");
    profile.bootstrapServers = bootstrap;
    return profile;
}

bool produce(const QString& bootstrap, const QByteArray& topic, int count)
{
    RdKafkaProducer producer(bootstrap);
    for (int i = 0; i < count; ++i) {
        if (!producer.produce(topic, i % 4, "k" + QByteArray::number(i), "v" + QByteArray::number(i)))
            return false;
    }
    return producer.flush(20000) && producer.deliveryErrors().isEmpty();
}

GroupListResult listGroups(ClusterSession* session)
{
    QSignalSpy ready(session, &ClusterSession::groupsReady);
    session->requestGroups();
    return ready.wait(20000) ? ready.first().at(0).value<GroupListResult>() : GroupListResult { {}, QStringLiteral("no answer") };
}

GroupDetail describe(ClusterSession* session, const QString& group)
{
    QSignalSpy ready(session, &ClusterSession::groupDetailReady);
    session->requestGroupDetail(group);
    if (!ready.wait(20000))
        return { group, {}, {}, -1, {}, {}, QStringLiteral("no answer") };
    return ready.first().at(0).value<GroupDetail>();
}

const GroupListing* findGroup(const GroupListResult& result, const QString& id)
{
    for (const GroupListing& group : result.groups) {
        if (group.id == id)
            return &group;
    }
    return nullptr;
}

} // namespace

class TestBrokerGroups : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QVERIFY(KafkaClusterSession::waitForWorkers(30000)); }

    void listsDescribesAndShowsLag()
    {
        BrokerProcess broker;
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        const QString bootstrap = broker.bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY(admin.createTopic({ "events", 4, {} }).ok());
        }
        QVERIFY(produce(bootstrap, "events", 20));

        GroupConsumer consumer(bootstrap, "billing", "events");
        QVERIFY(consumer.isValid());
        QVERIFY(consumer.consumeAndCommit(20));

        KafkaClusterSession session(localProfile(bootstrap), {});
        QSignalSpy connected(&session, &KafkaClusterSession::watermarksFinished);
        session.connectToCluster();
        QVERIFY(connected.wait(15000));

        const GroupListResult groups = listGroups(&session);
        QVERIFY2(groups.error.isEmpty(), qPrintable(groups.error));
        const GroupListing* billing = findGroup(groups, QStringLiteral("billing"));
        QVERIFY(billing);
        QCOMPARE(billing->state, QStringLiteral("Stable"));
        QVERIFY(!billing->isSimple);

        GroupDetail detail = describe(&session, QStringLiteral("billing"));
        QVERIFY2(detail.error.isEmpty(), qPrintable(detail.error));
        QCOMPARE(detail.state, QStringLiteral("Stable"));
        QCOMPARE(detail.assignor, QStringLiteral("range"));
        QCOMPARE(detail.members.size(), 1);
        QCOMPARE(detail.members.constFirst().clientId, QStringLiteral("lag-test"));
        QCOMPARE(detail.members.constFirst().assignment.size(), 4);
        QCOMPARE(detail.offsets.size(), 4);
        qint64 committed = 0;
        for (const GroupPartitionOffset& offset : detail.offsets) {
            QCOMPARE(offset.topic, QStringLiteral("events"));
            QCOMPARE(offset.memberId, detail.members.constFirst().memberId);
            QCOMPARE(offset.committed, 5);
            QCOMPARE(offset.lag(), 0);
            committed += offset.committed;
        }
        QCOMPARE(committed, 20);

        // Five more messages: the group is five behind until it reads them.
        QVERIFY(produce(bootstrap, "events", 8));
        detail = describe(&session, QStringLiteral("billing"));
        QCOMPARE(detail.totalLag(), 8);
        QVERIFY(consumer.consumeAndCommit(8));
        QCOMPARE(describe(&session, QStringLiteral("billing")).totalLag(), 0);

        // Once the member leaves, the group is empty and its offsets stay.
        consumer.close();
        detail = describe(&session, QStringLiteral("billing"));
        QCOMPARE(detail.state, QStringLiteral("Empty"));
        QVERIFY(detail.members.isEmpty());
        QCOMPARE(detail.offsets.size(), 4);
        QCOMPARE(detail.totalLag(), 0);
    }

    void unknownGroupIsReported()
    {
        BrokerProcess broker;
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        KafkaClusterSession session(localProfile(broker.bootstrapServers()), {});
        QSignalSpy connected(&session, &KafkaClusterSession::watermarksFinished);
        session.connectToCluster();
        QVERIFY(connected.wait(15000));
        QVERIFY(listGroups(&session).groups.isEmpty());
        const GroupDetail detail = describe(&session, QStringLiteral("nobody"));
        // Kafka describes an unknown group as Dead with no members, and it has no offsets.
        QVERIFY(detail.members.isEmpty());
        QVERIFY(detail.offsets.isEmpty());
    }
};

SAMSA_TEST_MAIN(TestBrokerGroups, QCoreApplication)
#include "tst_brokergroups.moc"

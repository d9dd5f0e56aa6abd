// The app's core lists consumer groups, describes their members and assignments, and reads their
// committed offsets and lag from the real samsa-broker process.

#include "brokerprocess.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaadmin.h"
#include "groupconsumer.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QSignalSpy>

#include <librdkafka/rdkafka.h>
#include <memory>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::GroupConsumer;
using Samsa::Test::RdKafkaAdmin;
using Samsa::Test::RdKafkaProducer;

namespace {

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

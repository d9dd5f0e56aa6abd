// The navigator's tree follows the sessions: a node per cluster with its four sections, counts once
// metadata arrives, and the node goes away with its session.

#include "kafka/kafkaclustersession.h"
#include "mockcluster.h"
#include "navigatormodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <memory>

using namespace Samsa;

class NavigatorModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsSessions()
    {
        Test::MockCluster cluster(2);
        QVERIFY2(cluster.isValid(), qPrintable(cluster.error()));
        QVERIFY(cluster.createTopic(QStringLiteral("a"), 1, 1));
        QVERIFY(cluster.createTopic(QStringLiteral("b"), 2, 2));

        NavigatorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(NavigatorModel::kindOf(model.index(0, 0)), NavigatorModel::Kind::LocalBroker);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);

        ConnectionProfile profile;
        profile.name = QStringLiteral("dev");
        profile.bootstrapServers = cluster.bootstrapServers();
        auto* session = new KafkaClusterSession(profile, {});
        model.addSession(session);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex node = model.indexOf(session);
        QCOMPARE(node.row(), 1);
        QCOMPARE(model.rowCount(node), 5);
        QCOMPARE(NavigatorModel::sessionOf(node), session);
        QCOMPARE(NavigatorModel::kindOf(model.indexOf(session, NavigatorModel::Kind::Topics)), NavigatorModel::Kind::Topics);
        QCOMPARE(model.indexOf(session, NavigatorModel::Kind::Topics).parent(), node);

        session->connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);
        QTRY_COMPARE(model.indexOf(session).data().toString(), QStringLiteral("dev"));
        QCOMPARE(model.indexOf(session, NavigatorModel::Kind::Topics).data().toString(), QStringLiteral("Topics (2)"));
        QCOMPARE(model.indexOf(session, NavigatorModel::Kind::Brokers).data().toString(), QStringLiteral("Brokers (2)"));

        delete session;
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.sessions().isEmpty());
    }

    void failedSessionIsMarked()
    {
        NavigatorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionProfile profile;
        profile.name = QStringLiteral("nowhere");
        profile.bootstrapServers = QStringLiteral("127.0.0.1:1");
        profile.extraProperties = { { QStringLiteral("socket.connection.setup.timeout.ms"), QStringLiteral("1000") } };
        auto session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        model.addSession(session.get());
        session->connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Failed, 20000);
        QCOMPARE(model.indexOf(session.get()).data().toString(), QStringLiteral("nowhere (error)"));
        model.removeSession(session.get());
        QCOMPARE(model.rowCount(), 1);
    }
};

SAMSA_TEST_MAIN(NavigatorModelTest, QGuiApplication)
#include "tst_navigatormodel.moc"

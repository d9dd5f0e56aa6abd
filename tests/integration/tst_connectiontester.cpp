// "Test connection" against librdkafka's mock cluster and against a closed port.

#include "closedport.h"
#include "kafka/connectiontester.h"
#include "kafka/kafkaclustersession.h"
#include "mockcluster.h"
#include "testmain.h"

#include <QSignalSpy>

using namespace Samsa;
using Samsa::Test::MockCluster;

namespace {

ConnectionProfile profileFor(const QString& bootstrap)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("tested");
    profile.bootstrapServers = bootstrap;
    return profile;
}

} // namespace

class TestConnectionTester : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QVERIFY(KafkaClusterSession::waitForWorkers(10000)); }

    void successReportsBrokersAndLatency()
    {
        MockCluster mock(3);
        QVERIFY2(mock.isValid(), qPrintable(mock.error()));
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profileFor(mock.bootstrapServers()), {}, 5000);
        QVERIFY(tester.isRunning());
        QVERIFY(finished.wait(10000));
        QVERIFY(!tester.isRunning());
        const auto result = finished.first().at(0).value<ConnectionTestResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.brokerCount, 3);
        QVERIFY(!result.clusterId.isEmpty());
        QVERIFY(result.latencyMs >= 0 && result.latencyMs < 5000);
        QVERIFY(result.error.isEmpty());
    }

    void failureReportsLibrdkafkaError()
    {
        const quint16 port = Test::closedLocalPort();
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profileFor(QStringLiteral("127.0.0.1:%1").arg(port)), {}, 1500);
        QVERIFY(finished.wait(10000));
        const auto result = finished.first().at(0).value<ConnectionTestResult>();
        QVERIFY(!result.ok);
        QCOMPARE(result.brokerCount, 0);
        QVERIFY2(result.error.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result.error));
        QVERIFY2(result.error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(result.error));
        const auto failure = finished.first().at(1).value<ConnectionFailure>();
        QCOMPARE(failure.kind, ConnectionFailure::Kind::ConnectionRefused);
        QVERIFY2(failure.message.startsWith(QStringLiteral("Nothing accepts connections at 127.0.0.1:%1").arg(port)),
            qPrintable(failure.message));
        QCOMPARE(failure.detail, result.error);
    }

    void invalidPropertyIsReported()
    {
        ConnectionProfile profile = profileFor(QStringLiteral("127.0.0.1:9092"));
        profile.extraProperties.append({ QStringLiteral("no.such.property"), QStringLiteral("1") });
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profile, {}, 1500);
        QVERIFY(finished.wait(5000));
        const auto result = finished.first().at(0).value<ConnectionTestResult>();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("no.such.property")), qPrintable(result.error));
    }

    void newTestReplacesRunningOne()
    {
        MockCluster mock(3);
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        // The first test would take its whole 10 s against a closed port; the second replaces it.
        tester.start(profileFor(QStringLiteral("127.0.0.1:%1").arg(Test::closedLocalPort())), {}, 10000);
        tester.start(profileFor(mock.bootstrapServers()), {}, 5000);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).value<ConnectionTestResult>().ok);
    }

    void cancelledTestReportsNothing()
    {
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(profileFor(QStringLiteral("127.0.0.1:%1").arg(Test::closedLocalPort())), {}, 10000);
        tester.cancel();
        QVERIFY(!tester.isRunning());
        QVERIFY(KafkaClusterSession::waitForWorkers(5000));
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 0);
    }
};

SAMSA_TEST_MAIN(TestConnectionTester, QCoreApplication)
#include "tst_connectiontester.moc"

// LocalBroker, the app's manager of the samsa-broker child process, against the real broker: start on
// a free port, logs captured, a clean stop, a busy port with a working suggestion, a crash and a
// restart, and the "Local" profile that follows the broker's port.

#include "closedport.h"
#include "kafka/kafkaclustersession.h"
#include "localbroker/brokerlogline.h"
#include "localbroker/freeport.h"
#include "localbroker/localbroker.h"
#include "localbroker/localprofile.h"
#include "profiles/profilestore.h"
#include "testmain.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <csignal>

using namespace Samsa;
using State = LocalBroker::State;

namespace {

constexpr int startTimeoutMs = 10000;

bool hasBrokerLine(const LocalBroker& broker, const QString& fragment)
{
    for (const BrokerLogLine& line : broker.logLines())
        if (!line.time.isEmpty() && !line.text.startsWith(QLatin1String("samsa: ")) && line.text.contains(fragment))
            return true;
    return false;
}

} // namespace

class LocalBrokerTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_data;

    void prepare(LocalBroker* broker, quint16 port)
    {
        broker->setDataDir(m_data.path() + QStringLiteral("/broker-") + QString::number(port));
        broker->setPort(port);
        broker->setStopTimeout(5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        QVERIFY2(
            !qEnvironmentVariableIsEmpty("SAMSA_BROKER_BIN"), "run through ctest: SAMSA_BROKER_BIN names the broker");
    }

    void parsesLogLines_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("time");
        QTest::addColumn<QString>("text");
        QTest::addRow("info") << QStringLiteral("2026-11-23T11:06:34.123Z INFO  cluster x, node 1")
                              << int(BrokerLogLine::Level::Info) << QStringLiteral("2026-11-23T11:06:34.123Z")
                              << QStringLiteral("cluster x, node 1");
        QTest::addRow("warning") << QStringLiteral("2026-11-23T11:06:34.123Z WARN  slow disk")
                                 << int(BrokerLogLine::Level::Warning) << QStringLiteral("2026-11-23T11:06:34.123Z")
                                 << QStringLiteral("slow disk");
        QTest::addRow("error") << QStringLiteral("2026-11-23T11:06:34.000Z ERROR bad")
                               << int(BrokerLogLine::Level::Error) << QStringLiteral("2026-11-23T11:06:34.000Z")
                               << QStringLiteral("bad");
        QTest::addRow("debug") << QStringLiteral("2026-11-23T11:06:34.000Z DEBUG fetch")
                               << int(BrokerLogLine::Level::Debug) << QStringLiteral("2026-11-23T11:06:34.000Z")
                               << QStringLiteral("fetch");
        QTest::addRow("early error") << QStringLiteral("samsa-broker: cannot listen on 127.0.0.1:1: Permission denied")
                                     << int(BrokerLogLine::Level::Error) << QString()
                                     << QStringLiteral("samsa-broker: cannot listen on 127.0.0.1:1: Permission denied");
        QTest::addRow("other") << QStringLiteral("something else") << int(BrokerLogLine::Level::Info) << QString()
                               << QStringLiteral("something else");
    }

    void parsesLogLines()
    {
        QFETCH(QString, raw);
        QFETCH(int, level);
        QFETCH(QString, time);
        QFETCH(QString, text);
        const BrokerLogLine line = parseBrokerLogLine(raw);
        QCOMPARE(int(line.level), level);
        QCOMPARE(line.time, time);
        QCOMPARE(line.text, text);
    }

    void startsAndStopsCleanly()
    {
        const quint16 port = Test::closedLocalPort();
        LocalBroker broker;
        prepare(&broker, port);
        QCOMPARE(QSettings().value(QStringLiteral("localBroker/port")).toUInt(), uint(port));
        QCOMPARE(broker.state(), State::Stopped);
        QSignalSpy states(&broker, &LocalBroker::stateChanged);
        broker.start();
        QCOMPARE(broker.state(), State::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QCOMPARE(broker.runningPort(), port);
        QCOMPARE(broker.address(), QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY(broker.startedAt().isValid());
        QVERIFY(broker.processId() > 0);
        QTRY_VERIFY2(hasBrokerLine(broker, QStringLiteral("data in")), qPrintable(broker.lastLogLines().join(u'\n')));

        // A Kafka client reaches it where the state says it runs.
        ConnectionProfile profile;
        profile.name = QStringLiteral("Local");
        profile.bootstrapServers = broker.address();
        KafkaClusterSession session(profile, {});
        session.setTimeoutMs(5000);
        session.connectToCluster();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ClusterSession::State::Connected, 15000);
        QCOMPARE(session.metadata().brokers.size(), 1);
        QCOMPARE(session.metadata().brokers.first().port, int(port));
        session.disconnectFromCluster();

        QSignalSpy disk(&broker, &LocalBroker::diskUsageChanged);
        broker.refreshDiskUsage();
        QTRY_VERIFY(broker.diskUsage() >= 0);

        broker.stop();
        QCOMPARE(broker.state(), State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Stopped, 10000);
        QCOMPARE(broker.lastExitCode(), 0);
        QCOMPARE(broker.failure(), LocalBroker::Failure::None);
        QCOMPARE(broker.runningPort(), quint16(0));
        QVERIFY(!broker.startedAt().isValid());
        QVERIFY(hasBrokerLine(broker, QStringLiteral("stopped")));
        QCOMPARE(states.size(), 4); // Starting, Running, Stopping, Stopped
    }

    void busyPortSuggestsAFreeOne()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        const quint16 busy = holder.serverPort();
        LocalBroker broker;
        prepare(&broker, busy);
        broker.start();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Failed, startTimeoutMs);
        QCOMPARE(broker.failure(), LocalBroker::Failure::PortInUse);
        QVERIFY2(broker.errorText().contains(QString::number(busy)), qPrintable(broker.errorText()));
        QVERIFY2(broker.errorText().contains(QLatin1String("in use")), qPrintable(broker.errorText()));
        const quint16 suggested = broker.suggestedPort();
        QVERIFY(suggested != 0);
        QVERIFY(suggested != busy);

        broker.setPort(suggested);
        broker.start();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QCOMPARE(broker.runningPort(), suggested);
        QCOMPARE(broker.failure(), LocalBroker::Failure::None);
        QVERIFY(broker.errorText().isEmpty());
        QVERIFY(!isPortFree(suggested));
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Stopped, 10000);
    }

    void crashIsShownAndRestartable()
    {
        LocalBroker broker;
        prepare(&broker, Test::closedLocalPort());
        broker.start();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QTRY_VERIFY(hasBrokerLine(broker, QStringLiteral("data in")));
        const qint64 pid = broker.processId();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Failed, 10000);
        QCOMPARE(broker.failure(), LocalBroker::Failure::Crashed);
        QVERIFY2(broker.errorText().contains(QLatin1String("unexpectedly")), qPrintable(broker.errorText()));
        const QStringList last = broker.lastLogLines();
        QVERIFY(!last.isEmpty());
        QVERIFY2(last.join(u'\n').contains(QLatin1String("data in")), qPrintable(last.join(u'\n')));

        broker.restart();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QVERIFY(broker.processId() != pid);
        QCOMPARE(broker.failure(), LocalBroker::Failure::None);

        // Restarting a running broker goes through a clean stop.
        const qint64 second = broker.processId();
        QSignalSpy states(&broker, &LocalBroker::stateChanged);
        broker.restart();
        QTRY_COMPARE_WITH_TIMEOUT(states.size(), 4, 15000);
        QCOMPARE(states.at(0).at(0).value<State>(), State::Stopping);
        QCOMPARE(states.at(1).at(0).value<State>(), State::Stopped);
        QCOMPARE(states.at(2).at(0).value<State>(), State::Starting);
        QCOMPARE(states.at(3).at(0).value<State>(), State::Running);
        QVERIFY(broker.processId() != second);
        QCOMPARE(broker.lastExitCode(), 0);
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Stopped, 10000);
    }

    void dataDirInUseIsNotABusyPort()
    {
        LocalBroker first;
        prepare(&first, Test::closedLocalPort());
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), State::Running, startTimeoutMs);
        LocalBroker second;
        prepare(&second, Test::closedLocalPort());
        second.setDataDir(first.dataDir());
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), State::Failed, startTimeoutMs);
        QCOMPARE(second.failure(), LocalBroker::Failure::Other);
        QVERIFY2(second.errorText().contains(QLatin1String("in use by another samsa-broker")),
            qPrintable(second.errorText()));
        QCOMPARE(second.suggestedPort(), quint16(0));
        first.stop();
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), State::Stopped, 10000);
    }

    void missingProgramFails()
    {
        LocalBroker broker;
        prepare(&broker, Test::closedLocalPort());
        broker.setProgram(m_data.path() + QStringLiteral("/no-such-broker"));
        broker.start();
        QCOMPARE(broker.state(), State::Failed);
        QCOMPARE(broker.failure(), LocalBroker::Failure::CannotStart);
        QVERIFY(broker.errorText().contains(QLatin1String("no-such-broker")));
    }

    void unwritableDataDirFails()
    {
        QFile file(m_data.path() + QStringLiteral("/a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        LocalBroker broker;
        prepare(&broker, Test::closedLocalPort());
        broker.setDataDir(file.fileName() + QStringLiteral("/broker"));
        broker.start();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Failed, startTimeoutMs);
        QCOMPARE(broker.failure(), LocalBroker::Failure::Other);
        QVERIFY2(broker.errorText().startsWith(QLatin1String("samsa-broker could not start: ")),
            qPrintable(broker.errorText()));
        QCOMPARE(broker.suggestedPort(), quint16(0));
    }

    void localProfileFollowsThePort()
    {
        ProfileStore store;
        QVERIFY2(store.open(m_data.path() + QStringLiteral("/samsa.db")), qPrintable(store.errorText()));
        bool created = false;
        const qint64 id = ensureLocalProfile(&store, 9092, &created);
        QVERIFY(id != 0);
        QVERIFY(created);
        QCOMPARE(store.profile(id)->bootstrapServers, QStringLiteral("127.0.0.1:9092"));
        QCOMPARE(store.profile(id)->securityProtocol, SecurityProtocol::Plaintext);
        QCOMPARE(ensureLocalProfile(&store, 9093, &created), id);
        QVERIFY(!created);

        QVERIFY(followLocalPort(&store, id, 9094));
        QCOMPARE(store.profile(id)->bootstrapServers, QStringLiteral("127.0.0.1:9094"));
        QVERIFY(!followLocalPort(&store, id, 9094));
        // A bootstrap the user pointed elsewhere is theirs.
        ConnectionProfile edited = *store.profile(id);
        edited.bootstrapServers = QStringLiteral("kafka.example.com:9092");
        QVERIFY(store.save(edited) != 0);
        QVERIFY(!followLocalPort(&store, id, 9095));
        QCOMPARE(store.profile(id)->bootstrapServers, QStringLiteral("kafka.example.com:9092"));
    }
};

SAMSA_TEST_MAIN(LocalBrokerTest, QCoreApplication)
#include "tst_localbroker.moc"

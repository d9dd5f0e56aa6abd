// The "Local broker" page driven through its widgets against the real samsa-broker: start, state, log
// and its level filter, the listen port, a busy port with its one-click free port, a crash and a
// restart; then the app's first run, where the "Local" connection opens on the started broker.

#include "closedport.h"
#include "kafka/clustersession.h"
#include "localbroker/localbroker.h"
#include "localbroker/localbrokercontroller.h"
#include "localbroker/localbrokerpage.h"
#include "mainwindow.h"
#include "navigatormodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "testmain.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTreeView>
#include <csignal>

using namespace Samsa;
using State = LocalBroker::State;

namespace {
constexpr int startTimeoutMs = 10000;
}

class LocalBrokerPageTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_data;

    template <typename T> static T* child(QWidget* parent, const char* name)
    {
        auto* found = parent->findChild<T*>(QLatin1String(name));
        if (!found)
            qWarning("no child %s", name);
        return found;
    }

    static void typePort(QSpinBox* spin, quint16 port)
    {
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, QString::number(port));
        QTest::keyClick(spin, Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_data.isValid()); }

    void startFilterPortAndStop()
    {
        LocalBroker broker;
        broker.setDataDir(m_data.path() + QStringLiteral("/page"));
        broker.setStopTimeout(5000);
        const quint16 port = Test::closedLocalPort();
        broker.setPort(port);
        LocalBrokerPage page(&broker);
        page.resize(900, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        auto* state = child<QLabel>(&page, "localBrokerState");
        auto* start = child<QPushButton>(&page, "localBrokerStart");
        auto* stop = child<QPushButton>(&page, "localBrokerStop");
        auto* log = child<QPlainTextEdit>(&page, "localBrokerLog");
        auto* level = child<QComboBox>(&page, "localBrokerLevel");
        auto* spin = child<QSpinBox>(&page, "localBrokerPort");
        auto* dataDir = child<QLabel>(&page, "localBrokerDataDir");
        auto* uptime = child<QLabel>(&page, "localBrokerUptime");
        auto* disk = child<QLabel>(&page, "localBrokerDisk");
        auto* counts = child<QLabel>(&page, "localBrokerCounts");
        QVERIFY(state && start && stop && log && level && spin && dataDir && uptime && disk && counts);
        QCOMPARE(state->text(), QStringLiteral("Stopped"));
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(spin->value(), int(port));
        QVERIFY(dataDir->text().endsWith(QLatin1String("/page")));
        QVERIFY(counts->text().contains(QLatin1String("not open")));

        QTest::mouseClick(start, Qt::LeftButton);
        const QString running = QStringLiteral("Running on 127.0.0.1:%1").arg(port);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), running, startTimeoutMs);
        QVERIFY(!start->isEnabled());
        QVERIFY(stop->isEnabled());
        QTRY_VERIFY2(log->toPlainText().contains(QLatin1String("INFO  cluster ")), qPrintable(log->toPlainText()));
        QVERIFY(log->toPlainText().contains(QLatin1String("data in")));
        QTRY_VERIFY(uptime->text().endsWith(QLatin1String(" s")));
        QTRY_VERIFY2(disk->text().contains(QRegularExpression(QStringLiteral("^\\d.* (bytes|KiB|MiB)$"))),
            qPrintable(disk->text()));

        // The level filter hides the info lines and brings them back.
        level->setFocus();
        QTest::keyClick(level, Qt::Key_Down);
        QTest::keyClick(level, Qt::Key_Down);
        QCOMPARE(level->currentText(), QStringLiteral("Warnings and errors"));
        QVERIFY(!log->toPlainText().contains(QLatin1String("INFO ")));
        QTest::keyClick(level, Qt::Key_Home);
        QVERIFY(log->toPlainText().contains(QLatin1String("INFO  cluster ")));

        // A new port is stored and applies on the next start.
        const quint16 next = Test::closedLocalPort();
        typePort(spin, next);
        QCOMPARE(broker.port(), next);
        QCOMPARE(QSettings().value(QStringLiteral("localBroker/port")).toUInt(), uint(next));
        QCOMPARE(state->text(), running);
        QVERIFY(child<QLabel>(&page, "localBrokerPortHint")->text().contains(QString::number(next)));

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Stopped"), 10000);
        QCOMPARE(broker.lastExitCode(), 0);
        QCOMPARE(uptime->text(), QStringLiteral("—"));
    }

    void busyPortOffersAFreeOne()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        LocalBroker broker;
        broker.setDataDir(m_data.path() + QStringLiteral("/busy"));
        broker.setStopTimeout(5000);
        LocalBrokerPage page(&broker);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* state = child<QLabel>(&page, "localBrokerState");
        auto* spin = child<QSpinBox>(&page, "localBrokerPort");
        auto* useFree = child<QPushButton>(&page, "localBrokerUseFreePort");
        QVERIFY(state && spin && useFree);
        QVERIFY(!useFree->isVisible());
        typePort(spin, holder.serverPort());
        QTest::mouseClick(child<QPushButton>(&page, "localBrokerStart"), Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(useFree->isVisible(), startTimeoutMs);
        QCOMPARE(state->text(), QStringLiteral("Failed"));
        auto* reason = child<QLabel>(&page, "localBrokerFailureReason");
        QVERIFY(reason->text().contains(QStringLiteral("Port %1 is already in use").arg(holder.serverPort())));
        const quint16 free = broker.suggestedPort();
        QCOMPARE(useFree->text(), QStringLiteral("Use free port %1").arg(free));

        QTest::mouseClick(useFree, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Running on 127.0.0.1:%1").arg(free), startTimeoutMs);
        QVERIFY(!child<QWidget>(&page, "localBrokerFailure")->isVisible());
        QCOMPARE(spin->value(), int(free));
        QCOMPARE(QSettings().value(QStringLiteral("localBroker/port")).toUInt(), uint(free));

        // A crash shows the broker's last lines; Restart brings it back.
        QCOMPARE(::kill(pid_t(broker.processId()), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Failed"), 10000);
        QVERIFY(!useFree->isVisible());
        auto* lastLines = child<QLabel>(&page, "localBrokerLastLines");
        QVERIFY(lastLines->isVisible());
        QVERIFY2(lastLines->text().contains(QLatin1String("data in")), qPrintable(lastLines->text()));
        QTest::mouseClick(child<QPushButton>(&page, "localBrokerRestart"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Running on 127.0.0.1:%1").arg(free), startTimeoutMs);
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Stopped, 10000);
    }

    void firstRunConnectsTheLocalConnection()
    {
        ProfileStore store;
        QVERIFY2(store.open(), qPrintable(store.errorText()));
        SecretStore secrets;
        LocalBroker broker;
        broker.setDataDir(m_data.path() + QStringLiteral("/first-run"));
        broker.setStopTimeout(5000);
        broker.setPort(Test::closedLocalPort());
        MainWindow window(&store, &secrets);
        LocalBrokerController controller(&broker, &window, &store);
        QVERIFY(controller.ensureLocalProfile() != 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("pageTabs"));
        QVERIFY(tabs->currentWidget()->findChild<QLabel*>(QStringLiteral("localBrokerState")));
        QVERIFY(LocalBrokerController::takeFirstRun());
        QVERIFY(!LocalBrokerController::takeFirstRun());

        controller.startAndConnect();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QTRY_COMPARE(window.sessions().size(), 1);
        ClusterSession* session = window.sessions().constFirst();
        QCOMPARE(session->profile().name, QStringLiteral("Local"));
        QCOMPARE(session->profile().bootstrapServers, broker.address());
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);
        auto* navigator = window.findChild<QTreeView*>(QStringLiteral("navigator"));
        QVERIFY(navigator->isExpanded(navigator->currentIndex()));

        // The page counts the Local connection's topics.
        const QModelIndex localBroker = navigator->model()->index(0, 0);
        QTest::mouseClick(navigator->viewport(), Qt::LeftButton, {}, navigator->visualRect(localBroker).center());
        QLabel* counts = nullptr;
        QTRY_VERIFY(
            (counts = tabs->currentWidget()->findChild<QLabel*>(QStringLiteral("localBrokerCounts"))) != nullptr);
        QTRY_VERIFY2(counts->text().contains(QLatin1String("partition")), qPrintable(counts->text()));

        // Stopped and opened again from the connection: the broker starts with it, the session reconnects.
        window.closeSession(session);
        broker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Stopped, 10000);
        window.openSession(*store.profileByName(QStringLiteral("Local")), {});
        QCOMPARE(broker.state(), State::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(broker.state(), State::Running, startTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(window.sessions().constFirst()->state(), ClusterSession::State::Connected, 15000);

        // A new port: after the restart the profile and the open connection follow the broker.
        const quint16 moved = Test::closedLocalPort();
        broker.setPort(moved);
        broker.restart();
        const QString movedAddress = QStringLiteral("127.0.0.1:%1").arg(moved);
        QTRY_COMPARE_WITH_TIMEOUT(broker.address(), movedAddress, startTimeoutMs);
        QCOMPARE(store.profileByName(QStringLiteral("Local"))->bootstrapServers, movedAddress);
        QTRY_COMPARE(window.sessions().size(), 1);
        QTRY_COMPARE(window.sessions().constFirst()->profile().bootstrapServers, movedAddress);
        QTRY_COMPARE_WITH_TIMEOUT(window.sessions().constFirst()->state(), ClusterSession::State::Connected, 15000);

        // A crash is told in the status bar, whatever page is open.
        QCOMPARE(::kill(pid_t(broker.processId()), SIGKILL), 0);
        QTRY_VERIFY2(window.statusBar()->currentMessage().startsWith(
                         QLatin1String("Local broker: samsa-broker stopped unexpectedly")),
            qPrintable(window.statusBar()->currentMessage()));
    }
};

SAMSA_TEST_MAIN(LocalBrokerPageTest, QApplication)
#include "tst_localbrokerpage.moc"

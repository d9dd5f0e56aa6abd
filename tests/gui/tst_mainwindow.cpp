// The first thing a user does, driven through real widgets against a real Kafka-protocol peer over TCP:
// create a profile in the dialog, connect, see brokers and topics, filter, open a topic, refresh,
// close tabs, quit and find the connection restored on the next start. Tabs behave as in an IDE: a
// single click previews in one reused tab, a double click, Ctrl+T or a middle click keeps a tab.

#include "common/previewtabstyle.h"
#include "connections/connectiondialog.h"
#include "kafka/clustersession.h"
#include "kafka/kafkathreads.h"
#include "mainwindow.h"
#include "mockcluster.h"
#include "navigatormodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "testmain.h"

#include <QAbstractItemView>
#include <QAction>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QPointer>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>

using namespace Samsa;

class MainWindowTest : public QObject {
    Q_OBJECT

private:
    Test::MockCluster m_cluster { 3 };

    static void clickIndex(QAbstractItemView* view, const QModelIndex& index, bool doubleClick = false)
    {
        QVERIFY(index.isValid());
        view->scrollTo(index);
        const QPoint center = view->visualRect(index).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, center);
        if (doubleClick)
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, center);
    }

    static QAbstractItemView* currentView(QTabWidget* tabs, const char* name)
    {
        return tabs->currentWidget() ? tabs->currentWidget()->findChild<QAbstractItemView*>(QLatin1String(name)) : nullptr;
    }

    static int columnNamed(QAbstractItemModel* model, const QString& name)
    {
        for (int column = 0; column < model->columnCount(); ++column)
            if (model->headerData(column, Qt::Horizontal).toString().compare(name, Qt::CaseInsensitive) == 0)
                return column;
        return -1;
    }

    static QModelIndex findRow(QAbstractItemModel* model, const QString& text)
    {
        const QModelIndexList found = model->match(model->index(0, 0), Qt::DisplayRole, text, 1, Qt::MatchExactly);
        return found.value(0);
    }

private Q_SLOTS:
    // Every window of a test is gone by then: its sessions' and samplers' librdkafka calls must end
    // before the process does (LeakSanitizer saw their handles mid-teardown at exit).
    void cleanupTestCase() { QVERIFY(KafkaThreads::waitForAll(30000)); }
    void initTestCase()
    {
        QVERIFY2(m_cluster.isValid(), qPrintable(m_cluster.error()));
        QVERIFY(m_cluster.createTopic(QStringLiteral("orders"), 3, 3));
        QVERIFY(m_cluster.createTopic(QStringLiteral("payments"), 1, 1));
        QVERIFY2(m_cluster.produce(QStringLiteral("orders"), 0, 5), qPrintable(m_cluster.error()));
    }

    void createProfileConnectAndBrowse()
    {
        ProfileStore store;
        QVERIFY2(store.open(), qPrintable(store.errorText()));
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("pageTabs"));
        auto* navigator = window.findChild<QTreeView*>(QStringLiteral("navigator"));
        auto* stateLabel = window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"));
        QVERIFY(tabs && navigator && stateLabel);

        // File › Connect… by its shortcut opens the profiles dialog.
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        ConnectionDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ConnectionDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());

        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("newButton")), Qt::LeftButton);
        auto* nameEdit = dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"));
        auto* bootstrapEdit = dialog->findChild<QLineEdit*>(QStringLiteral("bootstrapEdit"));
        QVERIFY(nameEdit && bootstrapEdit);
        nameEdit->clear();
        QTest::keyClicks(nameEdit, QStringLiteral("mock cluster"));
        bootstrapEdit->clear();
        QTest::keyClicks(bootstrapEdit, m_cluster.bootstrapServers());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        QTRY_VERIFY(store.profileByName(QStringLiteral("mock cluster")).has_value());
        QPointer<ConnectionDialog> dialogGuard(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);
        QTRY_VERIFY(dialogGuard.isNull() || !dialogGuard->isVisible());
        // The window manager hands focus back to the main window; the offscreen platform does not.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        QTRY_COMPARE(window.sessions().size(), 1);
        ClusterSession* session = window.sessions().constFirst();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);
        QTRY_VERIFY(stateLabel->text().contains(QStringLiteral("Connected, 3 brokers")));

        auto* model = window.findChild<NavigatorModel*>();
        auto* proxy = qobject_cast<QAbstractProxyModel*>(navigator->model());
        QVERIFY(model && proxy);
        const auto section = [&](NavigatorModel::Kind kind) { return proxy->mapFromSource(model->indexOf(session, kind)); };

        // Brokers: three rows.
        clickIndex(navigator, section(NavigatorModel::Kind::Brokers));
        QAbstractItemView* brokersView = nullptr;
        QTRY_VERIFY((brokersView = currentView(tabs, "brokersView")) != nullptr);
        QTRY_COMPARE(brokersView->model()->rowCount(), 3);

        // Topics: both topics, then the filter narrows to one.
        clickIndex(navigator, section(NavigatorModel::Kind::Topics));
        QAbstractItemView* topicsView = nullptr;
        QTRY_VERIFY((topicsView = currentView(tabs, "topicsView")) != nullptr);
        QTRY_COMPARE(topicsView->model()->rowCount(), 2);
        auto* filter = tabs->currentWidget()->findChild<QLineEdit*>(QStringLiteral("topicsFilter"));
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("ord"));
        QTRY_COMPARE(topicsView->model()->rowCount(), 1);

        // Open the topic: its three partitions, five messages in partition 0.
        const int tabsBefore = tabs->count();
        clickIndex(topicsView, findRow(topicsView->model(), QStringLiteral("orders")), true);
        QTRY_COMPARE(tabs->count(), tabsBefore + 1);
        QAbstractItemView* partitionsView = nullptr;
        QTRY_VERIFY((partitionsView = currentView(tabs, "partitionsView")) != nullptr);
        QTRY_COMPARE(partitionsView->model()->rowCount(), 3);
        const int messagesColumn = columnNamed(partitionsView->model(), QStringLiteral("Messages"));
        QVERIFY(messagesColumn >= 0);
        const QModelIndex partitionZero = findRow(partitionsView->model(), QStringLiteral("0"));
        QTRY_COMPARE(partitionZero.siblingAtColumn(messagesColumn).data().toString(), QStringLiteral("5"));

        // F5 refreshes: a topic created meanwhile appears in the topics page.
        QVERIFY(m_cluster.createTopic(QStringLiteral("audit"), 2, 1));
        clickIndex(navigator, section(NavigatorModel::Kind::Topics));
        QTRY_VERIFY((topicsView = currentView(tabs, "topicsView")) != nullptr);
        filter = tabs->currentWidget()->findChild<QLineEdit*>(QStringLiteral("topicsFilter"));
        filter->clear();
        QTRY_COMPARE(topicsView->model()->rowCount(), 2);
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(topicsView->model()->rowCount(), 3, 10000);

        // Auto-refresh (on by default) brings the next one in without F5.
        QVERIFY(window.findChild<QAction*>(QStringLiteral("autoRefreshAction"))->isChecked());
        QVERIFY(m_cluster.createTopic(QStringLiteral("billing"), 1, 1));
        QTRY_COMPARE_WITH_TIMEOUT(topicsView->model()->rowCount(), 4, MainWindow::AutoRefreshIntervalMs + 10000);

        // Ctrl+W closes the current tab.
        const int open = tabs->count();
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE(tabs->count(), open - 1);

        window.close();
        QCOMPARE(QSettings().value(QStringLiteral("session/openProfiles")).toStringList(),
            QStringList { QString::number(store.profileByName(QStringLiteral("mock cluster"))->id) });
    }

    void restoresLastConnectionOnStart()
    {
        ProfileStore store;
        QVERIFY(store.open());
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        QVERIFY(window.restoreConnections());
        QTRY_COMPARE(window.sessions().size(), 1);
        QCOMPARE(window.sessions().constFirst()->profile().name, QStringLiteral("mock cluster"));
        QTRY_COMPARE_WITH_TIMEOUT(window.sessions().constFirst()->state(), ClusterSession::State::Connected, 15000);

        // Disconnect removes it from the navigator and from what the next start restores.
        window.disconnectActive();
        QCOMPARE(window.sessions().size(), 0);
        QCOMPARE(QSettings().value(QStringLiteral("session/openProfiles")).toStringList(), QStringList());
    }

    void singleClickPreviewsDoubleClickKeeps()
    {
        ProfileStore store;
        QVERIFY(store.open());
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("pageTabs"));
        auto* navigator = window.findChild<QTreeView*>(QStringLiteral("navigator"));
        auto* model = window.findChild<NavigatorModel*>();
        auto* proxy = qobject_cast<QAbstractProxyModel*>(navigator->model());
        QVERIFY(tabs && navigator && model && proxy);
        ConnectionProfile profile;
        profile.name = QStringLiteral("preview");
        profile.bootstrapServers = m_cluster.bootstrapServers();
        ClusterSession* session = window.openSession(profile, {});
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);
        const auto section = [&](NavigatorModel::Kind kind) { return proxy->mapFromSource(model->indexOf(session, kind)); };
        const auto isPreview = [&](int index) { return PreviewTabStyle::isPreview(tabs->tabBar(), index); };

        // The start page and the cluster page shared the one preview tab.
        QCOMPARE(tabs->count(), 1);
        QVERIFY(isPreview(0));

        // Single clicks replace the preview's page; the tab stays.
        clickIndex(navigator, section(NavigatorModel::Kind::Brokers));
        QTRY_VERIFY(currentView(tabs, "brokersView") != nullptr);
        QPointer<QWidget> brokersPage = tabs->currentWidget();
        clickIndex(navigator, section(NavigatorModel::Kind::Topics));
        QTRY_VERIFY(currentView(tabs, "topicsView") != nullptr);
        QCOMPARE(tabs->count(), 1);
        QVERIFY(isPreview(0));
        QTRY_VERIFY(brokersPage.isNull()); // replaced pages are deleted
        QCOMPARE(tabs->tabText(0), QStringLiteral("preview · Topics"));

        // A double click keeps it; the next single click opens a new preview beside it.
        QTest::mouseDClick(navigator->viewport(), Qt::LeftButton, {}, navigator->visualRect(section(NavigatorModel::Kind::Topics)).center());
        QVERIFY(!isPreview(0));
        clickIndex(navigator, section(NavigatorModel::Kind::Brokers));
        QTRY_COMPARE(tabs->count(), 2);
        QVERIFY(isPreview(1));
        QCOMPARE(tabs->currentIndex(), 1);

        // Clicking an open kept tab's item selects that tab, without a preview of it.
        clickIndex(navigator, section(NavigatorModel::Kind::Topics));
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 0);

        // Ctrl+T on the item the preview shows keeps that tab instead of opening it twice.
        navigator->setCurrentIndex(section(NavigatorModel::Kind::Brokers));
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2);
        QVERIFY(!isPreview(1));

        // A middle click opens a tab of its own.
        QTest::mouseClick(navigator->viewport(), Qt::MiddleButton, {},
            navigator->visualRect(section(NavigatorModel::Kind::ConsumerGroups)).center());
        QTRY_COMPARE(tabs->count(), 3);
        QVERIFY(!isPreview(2));

        // A single click on a topic row keeps the Topics page and previews the topic; the next
        // topic reuses that preview.
        tabs->setCurrentIndex(0);
        QAbstractItemView* topicsView = currentView(tabs, "topicsView");
        QVERIFY(topicsView);
        QTRY_VERIFY(findRow(topicsView->model(), QStringLiteral("payments")).isValid());
        clickIndex(topicsView, findRow(topicsView->model(), QStringLiteral("orders")));
        QTRY_COMPARE(tabs->count(), 4);
        QVERIFY(isPreview(3));
        QCOMPARE(tabs->tabText(3), QStringLiteral("preview · orders"));
        tabs->setCurrentIndex(0);
        clickIndex(topicsView, findRow(topicsView->model(), QStringLiteral("payments")));
        QTRY_COMPARE(tabs->tabText(3), QStringLiteral("preview · payments"));
        QCOMPARE(tabs->count(), 4);

        // The topic page's Messages button opens a kept message browser tab; double-clicking the
        // preview tab keeps it too.
        auto* messagesButton = tabs->widget(3)->findChild<QPushButton*>(QStringLiteral("topicMessagesButton"));
        QVERIFY(messagesButton);
        QTest::mouseClick(messagesButton, Qt::LeftButton);
        QTRY_COMPARE(tabs->count(), 5);
        QCOMPARE(tabs->tabText(4), QStringLiteral("preview · payments · Messages"));
        QVERIFY(!isPreview(4));
        QTest::mouseDClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(3).center());
        QVERIFY(!isPreview(3));
        window.closeSession(session);
        QCOMPARE(tabs->count(), 0);
    }

    void unreachableClusterShowsTheReason()
    {
        ProfileStore store;
        QVERIFY(store.open());
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        ConnectionProfile profile;
        profile.name = QStringLiteral("nowhere");
        profile.bootstrapServers = QStringLiteral("127.0.0.1:1");
        profile.extraProperties = { { QStringLiteral("socket.connection.setup.timeout.ms"), QStringLiteral("1000") } };
        ClusterSession* session = window.openSession(profile, {});
        auto* stateLabel = window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Failed, 20000);
        QVERIFY(stateLabel->text().contains(QStringLiteral("Error: ")));
        QVERIFY(!session->errorText().isEmpty());
    }
};

SAMSA_TEST_MAIN(MainWindowTest, QApplication)
#include "tst_mainwindow.moc"

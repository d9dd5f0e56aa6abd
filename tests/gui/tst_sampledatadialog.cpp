// Tools › Load Sample Data against the real samsa-broker and its Schema Registry: the dialog picks
// the connected cluster, starts, shows live counts, and stops with the data kept.

#include "brokerprocess.h"
#include "kafka/clustersession.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "sampledata/sampledatadialog.h"
#include "testmain.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using namespace Samsa;
using Samsa::Test::BrokerProcess;

class SampleDataDialogTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startShowsCountsAndStops()
    {
        BrokerProcess broker;
        broker.enableSchemaRegistry();
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        ProfileStore store;
        QVERIFY(store.open());
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConnectionProfile profile;
        profile.name = QStringLiteral("Local");
        profile.bootstrapServers = broker.bootstrapServers();
        ClusterSession* session = window.openSession(profile, {});
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);

        window.findChild<QAction*>(QStringLiteral("sampleDataAction"))->trigger();
        auto* dialog = window.findChild<SampleDataDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto* target = dialog->findChild<QComboBox*>(QStringLiteral("sampleTarget"));
        auto* rate = dialog->findChild<QSpinBox*>(QStringLiteral("sampleRate"));
        auto* registry = dialog->findChild<QLineEdit*>(QStringLiteral("sampleRegistry"));
        auto* start = dialog->findChild<QPushButton*>(QStringLiteral("sampleStart"));
        auto* stop = dialog->findChild<QPushButton*>(QStringLiteral("sampleStop"));
        auto* status = dialog->findChild<QLabel*>(QStringLiteral("sampleStatus"));
        auto* stats = dialog->findChild<QLabel*>(QStringLiteral("sampleStats"));
        QVERIFY(target && rate && registry && start && stop && status && stats);
        QCOMPARE(target->currentText(), QStringLiteral("Local"));
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());

        // A registry address that is not a URL is refused where the user looks, before anything starts.
        registry->selectAll();
        QTest::keyClicks(registry, QStringLiteral("not a url"));
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(status->text().contains(QStringLiteral("http(s) URL")));
        QVERIFY(start->isEnabled());

        registry->selectAll();
        QTest::keyClicks(registry, broker.schemaRegistryUrl());
        rate->selectAll();
        QTest::keyClicks(rate, QStringLiteral("300"));
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Running at 300")), 20000);
        QVERIFY(!start->isEnabled());
        QVERIFY(!rate->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(stats->text().contains(QStringLiteral("group sample-billing:")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!stats->text().contains(QStringLiteral("orders: 0 produced")), 15000);

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Stopped")), 20000);
        QVERIFY(start->isEnabled());
    }
};

SAMSA_TEST_MAIN(SampleDataDialogTest, QApplication)
#include "tst_sampledatadialog.moc"

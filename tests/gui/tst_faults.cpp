// Faults the app must survive, through the real widgets against a real samsa-broker: the broker
// SIGKILLed and restarted on the same port and data dir during a live tail, dashboard sampling and
// a produce; a Schema Registry that is down, slow or answers garbage; a cluster of many partitions
// answering slowly. Each scenario shows a clear state where the user looks, recovers by itself,
// and never stalls the UI thread 100 ms (UiStallWatchdog).

#include "brokerprocess.h"
#include "cluster/clusteroverviewpage.h"
#include "fakeregistry.h"
#include "kafka/kafkaclustersession.h"
#include "mainwindow.h"
#include "messages/messagebrowserpage.h"
#include "messagesmodel.h"
#include "metrics/metricsengine.h"
#include "metrics/sessionmetrics.h"
#include "navigatormodel.h"
#include "produce/produceresultsmodel.h"
#include "produce/producedialog.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "registry/schemaregistrypage.h"
#include "sampledata/avroencoder.h"
#include "slowproxy.h"
#include "testmain.h"
#include "widgetlookup.h"
#include "uistallwatchdog.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QThread>
#include <QTableView>
#include <QTreeView>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

const QByteArray faultSchema = R"({"type":"record","name":"Fault","fields":[{"name":"id","type":"long"}]})";

using Samsa::Test::child;

// Offsets loaded per partition, in the order the rows are in (the table is not sorted).
QMap<int, QList<qint64>> offsetsByPartition(MessagesModel* model)
{
    QMap<int, QList<qint64>> offsets;
    for (int row = 0; row < model->rowCount(); ++row) {
        const KafkaRecord record = model->record(row);
        offsets[record.partition].append(record.offset);
    }
    for (QList<qint64>& list : offsets)
        std::sort(list.begin(), list.end());
    return offsets;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> values;
    for (qint64 value = from; value < to; ++value)
        values.append(value);
    return values;
}

bool produce(const QString& bootstrap, const QByteArray& topic, int partition, int count, const QByteArray& prefix)
{
    RdKafkaProducer producer(bootstrap);
    for (int i = 0; i < count; ++i) {
        if (!producer.produce(topic, partition, prefix + QByteArray::number(i), QByteArray("value-") + prefix + QByteArray::number(i)))
            return false;
    }
    return producer.flush(20000) && producer.deliveryErrors().isEmpty();
}

QString visibleMessage(QWidget* bar)
{
    if (!bar || !bar->isVisible())
        return {};
    QStringList texts;
    for (const QLabel* label : bar->findChildren<QLabel*>())
        texts.append(label->text());
    return texts.join(QLatin1Char(' '));
}

} // namespace

class FaultsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        {
            RdKafkaAdmin admin(m_broker.bootstrapServers());
            QVERIFY(admin.createTopic({ "tail", 2, {} }).ok());
            QVERIFY(admin.createTopic({ "produced", 1, {} }).ok());
            QVERIFY(admin.createTopic({ "avro", 1, {} }).ok());
        }
        QVERIFY(produce(m_broker.bootstrapServers(), "tail", 0, 3, "a"));
        QVERIFY(produce(m_broker.bootstrapServers(), "tail", 1, 3, "b"));
        AvroEncoder encoder(faultSchema);
        QVERIFY2(encoder.isValid(), qPrintable(encoder.error()));
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int id = 1; id <= 3; ++id)
            QVERIFY(producer.produce("avro", 0, QByteArray("k") + QByteArray::number(id), encoder.encode(7, { { QStringLiteral("id"), id } })));
        QVERIFY(producer.flush(20000));

        QVERIFY(m_registry.listen());
        m_registry.setSchema(faultSchema);
        ConnectionProfile profile;
        profile.name = QStringLiteral("faults");
        profile.bootstrapServers = m_broker.bootstrapServers();
        profile.schemaRegistryUrl = m_registry.url();
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        QSignalSpy connected(m_session.get(), &KafkaClusterSession::watermarksFinished);
        m_session->connectToCluster();
        QVERIFY(connected.wait(15000));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    // (1) A live tail: the broker killed says "unreachable, retrying" on the page, the tail goes on
    // by itself when it is back, with every offset exactly once.
    void liveTailSurvivesBrokerRestart()
    {
        MessageBrowserPage page(m_session.get(), QStringLiteral("tail"), QString());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* live = child<QCheckBox>(&page, "liveTailCheck");
        auto* message = child<QWidget>(&page, "browserMessage");
        QVERIFY(live && message);
        live->setChecked(true);
        QTest::mouseClick(child<QPushButton>(&page, "readButton"), Qt::LeftButton);
        MessagesModel* model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 6, 15000);

        UiStallWatchdog watchdog;
        watchdog.start();
        watchdog.setPhase(QStringLiteral("broker killed during a live tail"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            m_broker.kill();
        }
        QTRY_VERIFY2_WITH_TIMEOUT(visibleMessage(message).contains(QStringLiteral("unreachable")),
            qPrintable(visibleMessage(message)), 20000);
        QVERIFY2(page.isReading(), qPrintable(visibleMessage(message)));

        watchdog.setPhase(QStringLiteral("broker back during a live tail"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            QVERIFY2(m_broker.restart(), qPrintable(m_broker.error()));
            QVERIFY(produce(m_broker.bootstrapServers(), "tail", 0, 3, "c"));
            QVERIFY(produce(m_broker.bootstrapServers(), "tail", 1, 3, "d"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 12, 30000);
        QTRY_VERIFY2_WITH_TIMEOUT(!visibleMessage(message).contains(QStringLiteral("unreachable")),
            qPrintable(visibleMessage(message)), 10000);
        QVERIFY(page.isReading());
        const QMap<int, QList<qint64>> offsets = offsetsByPartition(model);
        QCOMPARE(offsets.value(0), range(0, 6));
        QCOMPARE(offsets.value(1), range(0, 6));
        page.stop();
        QTRY_VERIFY(!page.isReading());
        watchdog.stop();
        QVERIFY2(watchdog.withinBudget(), watchdog.reportText());
    }

    // (2) Dashboard sampling: rounds fail while the broker is away and the panel says so; they
    // succeed again by themselves once it is back.
    void samplingSurvivesBrokerRestart()
    {
        MetricsEngine* engine = attachMetrics(m_session.get(), 500);
        QVERIFY(engine);
        engine->setTimeoutMs(2000);
        QTRY_VERIFY_WITH_TIMEOUT(engine->isRunning(), 15000);
        ClusterOverviewPage page(m_session.get());
        page.resize(1000, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* status = child<QLabel>(&page, "clusterMetricsStatus");
        QVERIFY(status);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("In ")), qPrintable(status->text()), 15000);

        UiStallWatchdog watchdog;
        watchdog.start();
        watchdog.setPhase(QStringLiteral("broker killed during sampling"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            m_broker.kill();
        }
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("unreachable")), qPrintable(status->text()), 20000);
        QVERIFY2(status->text().contains(QStringLiteral("retrying")), qPrintable(status->text()));
        watchdog.setPhase(QStringLiteral("broker back during sampling"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            QVERIFY2(m_broker.restart(), qPrintable(m_broker.error()));
        }
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("In ")) && !status->text().contains(QStringLiteral("unreachable")),
            qPrintable(status->text()), 30000);
        const qint64 rounds = engine->latest().rounds;
        QTRY_VERIFY_WITH_TIMEOUT(engine->latest().rounds > rounds && engine->latest().error.isEmpty(), 10000);
        engine->stop();
        watchdog.stop();
        QVERIFY2(watchdog.withinBudget(), watchdog.reportText());
    }

    // (3) Produce while the broker is away: the dialog says it is retrying, and the message is
    // written exactly once when the broker returns.
    void produceSurvivesBrokerRestart()
    {
        ProduceDialog dialog(m_session.get(), QStringLiteral("produced"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* value = child<QPlainTextEdit>(&dialog, "produceValue");
        auto* summary = child<QLabel>(&dialog, "produceSummary");
        auto* results = child<QTableView>(&dialog, "produceResults");
        QVERIFY(value && summary && results);
        value->setPlainText(QStringLiteral("while the broker was away"));

        UiStallWatchdog watchdog;
        watchdog.start();
        watchdog.setPhase(QStringLiteral("produce with the broker killed"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            m_broker.kill();
        }
        QTest::mouseClick(child<QPushButton>(&dialog, "produceSend"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("unreachable")), qPrintable(summary->text()), 20000);
        QVERIFY(dialog.isSending());
        watchdog.setPhase(QStringLiteral("broker back during a produce"));
        {
            UiStallWatchdog::Pause pause(watchdog);
            QVERIFY2(m_broker.restart(), qPrintable(m_broker.error()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isSending(), 40000);
        QVERIFY2(summary->text().startsWith(QStringLiteral("1 of 1 sent")), qPrintable(summary->text()));
        QVERIFY2(!summary->text().contains(QStringLiteral("unreachable")), qPrintable(summary->text()));
        QCOMPARE(results->model()->rowCount(), 1);
        watchdog.stop();
        QVERIFY2(watchdog.withinBudget(), watchdog.reportText());
        qint64 low = -1;
        qint64 high = -1;
        RdKafkaReader consumer(m_broker.bootstrapServers());
        QVERIFY(consumer.watermarks("produced", 0, &low, &high));
        QCOMPARE(high, 1); // exactly once
    }

    // (4) A Schema Registry that is down, slow or answers garbage: the browser shows every message
    // with a per-message decode error (or decoded, when the slow answer comes) and stays responsive;
    // the registry page says what is wrong.
    void registryFaults_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<QString>("rowText"); // in the value column, once the registry has answered
        QTest::addColumn<QString>("pageText"); // on the registry page's message strip
        QTest::addRow("random bytes") << int(FakeRegistry::Mode::RandomBytes) << 0 << false << QStringLiteral("⚠")
                                      << QStringLiteral("could not be listed");
        QTest::addRow("invalid JSON") << int(FakeRegistry::Mode::InvalidJson) << 0 << false << QStringLiteral("not JSON")
                                      << QStringLiteral("could not be listed");
        QTest::addRow("wrong shape") << int(FakeRegistry::Mode::WrongShape) << 0 << false << QStringLiteral("⚠")
                                     << QStringLiteral("could not be listed");
        QTest::addRow("wrong schema") << int(FakeRegistry::Mode::WrongSchema) << 0 << false << QStringLiteral("⚠ truncated data")
                                      << QString();
        QTest::addRow("slow (5 s)") << int(FakeRegistry::Mode::Valid) << 5000 << false << QStringLiteral(R"({"id":2})")
                                    << QString();
        QTest::addRow("down") << int(FakeRegistry::Mode::Valid) << 0 << true << QStringLiteral("⚠ registry unreachable")
                              << QStringLiteral("could not be listed");
    }

    void registryFaults()
    {
        QFETCH(int, mode);
        QFETCH(int, delayMs);
        QFETCH(bool, closed);
        QFETCH(QString, rowText);
        QFETCH(QString, pageText);
        m_registry.setMode(FakeRegistry::Mode(mode));
        m_registry.setDelayMs(delayMs);
        if (closed)
            m_registry.close();

        UiStallWatchdog watchdog;
        watchdog.start();
        watchdog.setPhase(QStringLiteral("message browser with a faulty registry"));
        MessageBrowserPage page(m_session.get(), QStringLiteral("avro"), QString());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(child<QPushButton>(&page, "readButton"), Qt::LeftButton);
        MessagesModel* model = page.model();
        // The messages are there at once, whatever the registry does.
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 15000);
        const int row = [&] {
            for (int r = 0; r < model->rowCount(); ++r)
                if (model->record(r).key == "k2")
                    return r;
            return -1;
        }();
        QVERIFY(row >= 0);
        QTRY_VERIFY2_WITH_TIMEOUT(model->index(row, MessagesModel::ValueColumn).data().toString().contains(rowText),
            qPrintable(model->index(row, MessagesModel::ValueColumn).data().toString()), 15000);

        watchdog.setPhase(QStringLiteral("registry page with a faulty registry"));
        SchemaRegistryPage registryPage(m_session->profile(), {});
        registryPage.resize(1000, 700);
        registryPage.show();
        QVERIFY(QTest::qWaitForWindowExposed(&registryPage));
        auto* message = child<QWidget>(&registryPage, "registryMessage");
        if (!pageText.isEmpty())
            QTRY_VERIFY2_WITH_TIMEOUT(visibleMessage(message).contains(pageText), qPrintable(visibleMessage(message)), 15000);
        else
            QTRY_COMPARE_WITH_TIMEOUT(child<QAbstractItemView>(&registryPage, "subjectsView")->model()->rowCount(), 1, 15000);
        watchdog.stop();
        QVERIFY2(watchdog.withinBudget(), watchdog.reportText());
        if (closed)
            QVERIFY(m_registry.listen(m_registry.port()));
    }

    // (5) A cluster of many partitions whose every answer takes 1.5 s (a relay holding back each
    // response): the navigator says it is connecting, then lists everything, and neither the
    // loading nor the arrival of thousands of partitions stalls the window. 500 partitions by
    // default, since the broker takes ~6 ms to create each (2,000 took 13 s here); the full size
    // with SAMSA_FAULT_PARTITIONS=10000 is the soak-labelled tst_faults_soak.
    void manyPartitionsAnsweringSlowly()
    {
        const int partitions = qEnvironmentVariableIntValue("SAMSA_FAULT_PARTITIONS") > 0
            ? qEnvironmentVariableIntValue("SAMSA_FAULT_PARTITIONS")
            : 500;
        const int perTopic = 100;
        SlowProxy proxy;
        QVERIFY(proxy.start(0));
        BrokerProcess big;
        big.setExtraArguments({ QStringLiteral("--advertised-listener"), QStringLiteral("127.0.0.1:%1").arg(proxy.port()) });
        QVERIFY2(big.start(), qPrintable(big.error()));
        proxy.setTargetPort(big.port());
        QElapsedTimer creating;
        creating.start();
        {
            // A few topics per request, so that no request runs into the admin client's timeout.
            RdKafkaAdmin admin(big.bootstrapServers());
            for (int first = 0; first < partitions / perTopic; first += 4) {
                QList<TopicSpec> topics;
                for (int topic = first; topic < std::min(first + 4, partitions / perTopic); ++topic)
                    topics.append({ QByteArray("many-") + QByteArray::number(topic).rightJustified(3, '0'), perTopic, {} });
                const auto results = admin.createTopics(topics);
                for (auto it = results.cbegin(); it != results.cend(); ++it)
                    QVERIFY2(it.value().ok(), qPrintable(QString::fromUtf8(it.key()) + QStringLiteral(": ") + it.value().message));
            }
        }
        qInfo("created %d partitions in %lld ms", partitions, creating.elapsed());
        proxy.setResponseDelayMs(1500);

        QVERIFY(m_store.open());
        m_window = std::make_unique<MainWindow>(&m_store, &m_secrets);
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        UiStallWatchdog watchdog;
        watchdog.start();
        watchdog.setPhase(QStringLiteral("connecting to a slow cluster of many partitions"));
        ConnectionProfile profile;
        profile.name = QStringLiteral("many");
        profile.bootstrapServers = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
        ClusterSession* session = m_window->openSession(profile, {});
        auto* navigatorModel = m_window->findChild<NavigatorModel*>();
        QVERIFY(session && navigatorModel);
        const auto clusterText = [&] { return navigatorModel->indexOf(session, NavigatorModel::Kind::Cluster).data().toString(); };
        QTRY_VERIFY2(clusterText().contains(QStringLiteral("connecting")), qPrintable(clusterText()));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 60000);
        watchdog.setPhase(QStringLiteral("metadata of many partitions arriving"));
        QCOMPARE(session->metadata().partitionCount(), partitions);
        QSignalSpy watermarks(session, &ClusterSession::watermarksReady);
        QVERIFY(watermarks.size() > 0 || watermarks.wait(60000));
        // The Topics page lists every topic; its watermarks arrive slowly too.
        auto* navigator = child<QTreeView>(m_window.get(), "navigator");
        auto* proxyModel = qobject_cast<QAbstractProxyModel*>(navigator->model());
        QVERIFY(navigator && proxyModel);
        watchdog.setPhase(QStringLiteral("topics page of many partitions"));
        const QModelIndex topicsItem = proxyModel->mapFromSource(navigatorModel->indexOf(session, NavigatorModel::Kind::Topics));
        navigator->scrollTo(topicsItem);
        QTest::mouseClick(navigator->viewport(), Qt::LeftButton, {}, navigator->visualRect(topicsItem).center());
        auto* tabs = child<QTabWidget>(m_window.get(), "pageTabs");
        QAbstractItemView* topicsView = nullptr;
        QTRY_VERIFY((topicsView = child<QAbstractItemView>(tabs->currentWidget(), "topicsView")) != nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(topicsView->model()->rowCount(), partitions / perTopic, 20000);
        watchdog.setPhase(QStringLiteral("a refresh of many partitions, slowly"));
        QSignalSpy refreshed(session, &ClusterSession::metadataReady);
        m_window->refreshActive();
        QVERIFY(refreshed.wait(30000));
        watchdog.stop();
        QVERIFY2(watchdog.withinBudget(), watchdog.reportText());
        m_window.reset();
    }

private:
    ProfileStore m_store;
    SecretStore m_secrets;
    BrokerProcess m_broker;
    FakeRegistry m_registry;
    std::unique_ptr<KafkaClusterSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

// With SAMSA_STALL_TRACE set, names every event the UI thread spent 30 ms or more on: the way to
// find what a stall reported by the watchdog was.
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        static const bool tracing = qEnvironmentVariableIsSet("SAMSA_STALL_TRACE");
        // Only the UI thread's own events: workers' events go through here too.
        if (!tracing || QThread::currentThread() != thread() || m_depth > 0)
            return QApplication::notify(receiver, event);
        const QString name = QString::fromLatin1(receiver->metaObject()->className()) + QLatin1Char('/') + receiver->objectName();
        const int type = int(event->type());
        QElapsedTimer timer;
        timer.start();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (timer.elapsed() >= 30)
            qInfo("UI thread: %lld ms in event %d for %s", timer.elapsed(), type, qPrintable(name));
        return result;
    }

private:
    int m_depth = 0;
};

SAMSA_TEST_MAIN(FaultsTest, TracingApplication)
#include "tst_faults.moc"

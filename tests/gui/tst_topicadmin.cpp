// Topic administration from the real widgets against the real samsa-broker: the create dialog
// (name checked while typing, partitions, overrides), deleting several topics after typing their
// count, adding partitions and purging to an offset from the topic page, a config chosen from the
// broker's list in the create dialog, and topic and broker configs edited and reset to default in
// the configuration tables, and a clone with copied messages, each checked with an independent
// librdkafka client and kafka-python.

#include "brokerprocess.h"
#include "cluster/brokerconfigpage.h"
#include "cluster/topicdetailpage.h"
#include "cluster/topicspage.h"
#include "common/messagebar.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaadmin.h"
#include "kafkapythonprobe.h"
#include "rdkafkaclient.h"
#include "testmain.h"
#include "topics/addpartitionsdialog.h"
#include "topics/clonetopicdialog.h"
#include "topics/configeditdialog.h"
#include "topics/createtopicdialog.h"
#include "topics/deletetopicsdialog.h"
#include "topics/purgetopicdialog.h"
#include "widgetlookup.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QProgressBar>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <memory>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

int rowOf(QAbstractItemView* view, const QString& name)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data().toString() == name)
            return row;
    }
    return -1;
}

} // namespace

class TopicAdminTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
        QVERIFY(m_admin->createTopic({ "del-a", 1, {} }).ok());
        QVERIFY(m_admin->createTopic({ "del-b", 1, {} }).ok());
        QVERIFY(m_admin->createTopic({ "grow", 2, {} }).ok());
        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = m_broker.bootstrapServers();
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        QSignalSpy connected(m_session.get(), &KafkaClusterSession::watermarksFinished);
        m_session->connectToCluster();
        QVERIFY(connected.wait(15000));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void createDialogChecksTheNameAndCreates()
    {
        TopicsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(child<QPushButton>(&page, "createTopicButton"), Qt::LeftButton);
        auto* dialog = child<CreateTopicDialog>(&page, "createTopicDialog");
        QVERIFY(dialog);
        auto* name = child<QLineEdit>(dialog, "createTopicName");
        auto* hint = child<QLabel>(dialog, "createTopicNameHint");
        auto* create = child<QPushButton>(dialog, "createTopicSubmit");
        QVERIFY(name && hint && create);
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(name, QStringLiteral("my topic"));
        QVERIFY2(hint->text().contains(QStringLiteral("position 3")), qPrintable(hint->text()));
        QVERIFY(!create->isEnabled());
        name->clear();
        QTest::keyClicks(name, QStringLiteral(".."));
        QVERIFY(!create->isEnabled());
        name->clear();
        QTest::keyClicks(name, QStringLiteral("gui.created"));
        QVERIFY(create->isEnabled());
        QVERIFY2(hint->text().contains(QStringLiteral("gui_created")), qPrintable(hint->text()));
        child<QSpinBox>(dialog, "createTopicPartitions")->setValue(3);
        QTest::mouseClick(child<QPushButton>(dialog, "createTopicAddConfig"), Qt::LeftButton);
        auto* configs = child<QTableWidget>(dialog, "createTopicConfigs");
        QCOMPARE(configs->rowCount(), 1);
        configs->item(0, 0)->setText(QStringLiteral("retention.ms"));
        configs->item(0, 1)->setText(QStringLiteral("60000"));
        QSignalSpy created(dialog, &CreateTopicDialog::topicCreated);
        QTest::mouseClick(create, Qt::LeftButton);
        QVERIFY(created.wait(20000));
        QCOMPARE(created.first().at(0).toString(), QStringLiteral("gui.created"));
        QCOMPARE(m_admin->partitionCount("gui.created"), 3);
        QMap<QByteArray, ConfigValue> values;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "gui.created", &values).ok());
        QCOMPARE(values.value("retention.ms").value, QByteArray("60000"));
        // The page refreshes and lists it.
        auto* view = child<QTableView>(&page, "topicsView");
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("gui.created")) >= 0, 15000);
    }

    void createDialogShowsTheBrokersRefusal()
    {
        TopicsPage page(m_session.get());
        page.show();
        QTest::mouseClick(child<QPushButton>(&page, "createTopicButton"), Qt::LeftButton);
        auto* dialog = child<CreateTopicDialog>(&page, "createTopicDialog");
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "createTopicName"), QStringLiteral("grow"));
        QTest::mouseClick(child<QPushButton>(dialog, "createTopicSubmit"), Qt::LeftButton);
        // It stays open with the broker's reason, and the button comes back.
        auto* message = child<MessageBar>(dialog, "createTopicMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("exist"), Qt::CaseInsensitive), 15000);
        QVERIFY(dialog->isVisible());
        QVERIFY(child<QPushButton>(dialog, "createTopicSubmit")->isEnabled());
    }

    void deleteSeveralNeedsTheirCount()
    {
        TopicsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* view = child<QTableView>(&page, "topicsView");
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("del-b")) >= 0, 15000);
        view->selectionModel()->select(view->model()->index(rowOf(view, QStringLiteral("del-a")), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(view->model()->index(rowOf(view, QStringLiteral("del-b")), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTest::mouseClick(child<QPushButton>(&page, "deleteTopicsButton"), Qt::LeftButton);
        auto* dialog = child<DeleteTopicsDialog>(&page, "deleteTopicsDialog");
        QVERIFY(dialog);
        auto* list = child<QListWidget>(dialog, "deleteTopicsList");
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(0)->text(), QStringLiteral("del-a"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("del-b"));
        auto* confirmation = child<QLineEdit>(dialog, "deleteTopicsConfirmation");
        auto* remove = child<QPushButton>(dialog, "deleteTopicsSubmit");
        QTest::keyClicks(confirmation, QStringLiteral("del-a"));
        QVERIFY(!remove->isEnabled()); // one name is not the confirmation for two topics
        confirmation->clear();
        QTest::keyClicks(confirmation, QStringLiteral("2"));
        QVERIFY(remove->isEnabled());
        QSignalSpy deleted(dialog, &DeleteTopicsDialog::topicsDeleted);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(deleted.wait(20000));
        QCOMPARE(
            deleted.first().at(0).toStringList(), (QStringList { QStringLiteral("del-a"), QStringLiteral("del-b") }));
        QCOMPARE(m_admin->partitionCount("del-a"), -1);
        QCOMPARE(m_admin->partitionCount("del-b"), -1);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("del-a")) < 0, 15000);
    }

    void addPartitionsFromTheTopicPage()
    {
        TopicDetailPage page(m_session.get(), QStringLiteral("grow"));
        page.show();
        auto* action = child<QAction>(&page, "topicAddPartitionsAction");
        QVERIFY(action);
        action->trigger();
        auto* dialog = child<AddPartitionsDialog>(&page, "addPartitionsDialog");
        QVERIFY(dialog);
        auto* total = child<QSpinBox>(dialog, "addPartitionsTotal");
        QCOMPARE(total->minimum(), 3); // more than the 2 it has
        QVERIFY(child<QLabel>(dialog, "addPartitionsWarning")->text().contains(QStringLiteral("key")));
        total->setValue(4);
        QSignalSpy added(dialog, &AddPartitionsDialog::partitionsAdded);
        QTest::mouseClick(child<QPushButton>(dialog, "addPartitionsButton"), Qt::LeftButton);
        QVERIFY(added.wait(20000));
        QCOMPARE(m_admin->partitionCount("grow"), 4);
    }

    void purgeToAnOffsetFromTheTopicPage()
    {
        QVERIFY(m_admin->createTopic({ "purge-gui", 2, {} }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 8; ++i) {
            QVERIFY(producer.produce("purge-gui", 0, "k", "v"));
            QVERIFY(producer.produce("purge-gui", 1, "k", "v"));
        }
        QVERIFY(producer.flush(20000));
        QSignalSpy refreshed(m_session.get(), &KafkaClusterSession::metadataReady);
        m_session->refresh();
        QVERIFY(refreshed.wait(15000));

        TopicDetailPage page(m_session.get(), QStringLiteral("purge-gui"));
        page.show();
        child<QAction>(&page, "topicPurgeAction")->trigger();
        auto* dialog = child<PurgeTopicDialog>(&page, "purgeTopicDialog");
        QVERIFY(dialog);
        auto* table = child<QTableWidget>(dialog, "purgePartitions");
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(!table->isEnabled());
        child<QRadioButton>(dialog, "purgeToOffsets")->setChecked(true);
        QVERIFY(table->isEnabled());
        table->item(0, 3)->setText(QStringLiteral("5")); // partition 0 up to 5, partition 1 left alone
        // The confirmation question: answered Yes when it shows.
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&answer] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                answer.stop();
                box->button(QMessageBox::Yes)->click();
            }
        });
        answer.start(20);
        QSignalSpy purged(dialog, &PurgeTopicDialog::purged);
        QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
        QVERIFY(purged.wait(20000));
        QVERIFY2(table->item(0, 4)->text().contains(QStringLiteral("5")), qPrintable(table->item(0, 4)->text()));
        RdKafkaReader reader(m_broker.bootstrapServers());
        qint64 low = -1;
        qint64 high = -1;
        QVERIFY(reader.watermarks("purge-gui", 0, &low, &high));
        QCOMPARE(low, 5);
        QVERIFY(reader.watermarks("purge-gui", 1, &low, &high));
        QCOMPARE(low, 0);
    }

    void editAndResetATopicConfig()
    {
        QVERIFY(m_admin
                    ->createTopic({ "tuned-gui", 1,
                        { { QByteArray("retention.ms"), QByteArray("1000000") },
                            { QByteArray("segment.ms"), QByteArray("7200000") } } })
                    .ok());
        QSignalSpy refreshed(m_session.get(), &KafkaClusterSession::metadataReady);
        m_session->refresh();
        QVERIFY(refreshed.wait(15000));
        TopicDetailPage page(m_session.get(), QStringLiteral("tuned-gui"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* view = child<QTableView>(&page, "configsView");
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("retention.ms")) >= 0, 15000);
        const auto edit = [&](const QString& name) -> ConfigEditDialog* {
            view->setCurrentIndex(view->model()->index(rowOf(view, name), 0));
            QTest::mouseClick(child<QPushButton>(&page, "configEditButton"), Qt::LeftButton);
            return child<ConfigEditDialog>(&page, "configEditDialog");
        };
        ConfigEditDialog* dialog = edit(QStringLiteral("retention.ms"));
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "configEditNote")->text().contains(QStringLiteral("AlterConfigs")));
        auto* value = child<QLineEdit>(dialog, "configEditValue");
        QCOMPARE(value->text(), QStringLiteral("1000000"));
        value->setText(QStringLiteral("2000000"));
        QSignalSpy changed(dialog, &ConfigEditDialog::configChanged);
        QTest::mouseClick(child<QPushButton>(dialog, "configEditSave"), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QMap<QByteArray, ConfigValue> values;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned-gui", &values).ok());
        QCOMPARE(values.value("retention.ms").value, QByteArray("2000000"));
        QCOMPARE(values.value("segment.ms").value, QByteArray("7200000")); // the other override stays

        // The table reloads; reset segment.ms to its default.
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->index(rowOf(view, QStringLiteral("retention.ms")), 1).data().toString()
                == QStringLiteral("2000000"),
            15000);
        dialog = edit(QStringLiteral("segment.ms"));
        QVERIFY(dialog);
        auto* reset = child<QPushButton>(dialog, "configEditReset");
        QVERIFY(reset->isEnabled());
        QSignalSpy resetDone(dialog, &ConfigEditDialog::configChanged);
        QTest::mouseClick(reset, Qt::LeftButton);
        QVERIFY(resetDone.wait(20000));
        values.clear();
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "tuned-gui", &values).ok());
        QVERIFY(values.value("segment.ms").source != RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
        QCOMPARE(values.value("retention.ms").value, QByteArray("2000000"));
        QString error;
        const auto seen = kafkaPythonConfigs(m_broker.bootstrapServers(), QStringLiteral("topic"),
            QStringLiteral("tuned-gui"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(seen.value(QStringLiteral("retention.ms")).value, QStringLiteral("2000000"));
        QCOMPARE(seen.value(QStringLiteral("segment.ms")).value, QStringLiteral("604800000"));
        QCOMPARE(seen.value(QStringLiteral("segment.ms")).source, 5); // the default again
    }

    void createDialogChoosesAConfigFromTheBrokersList()
    {
        TopicsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(child<QPushButton>(&page, "createTopicButton"), Qt::LeftButton);
        auto* dialog = child<CreateTopicDialog>(&page, "createTopicDialog");
        QVERIFY(dialog);
        auto* key = child<QComboBox>(dialog, "createTopicConfigKey");
        auto* value = child<QLineEdit>(dialog, "createTopicConfigValue");
        auto* about = child<QLabel>(dialog, "createTopicConfigAbout");
        auto* configs = child<QTableWidget>(dialog, "createTopicConfigs");
        auto* create = child<QPushButton>(dialog, "createTopicSubmit");
        QVERIFY(key && value && about && configs && create);
        // The broker's own list, read over DescribeConfigs v3 with its documentation.
        QTRY_VERIFY_WITH_TIMEOUT(key->findText(QStringLiteral("retention.ms")) >= 0, 15000);
        QVERIFY(key->findText(QStringLiteral("cleanup.policy")) >= 0);
        QTest::keyClicks(child<QLineEdit>(dialog, "createTopicName"), QStringLiteral("gui-chosen"));
        key->setFocus();
        QTest::keyClicks(key->lineEdit(), QStringLiteral("retention.ms"));
        QVERIFY2(about->text().contains(QStringLiteral("default: 604800000")), qPrintable(about->text()));
        QVERIFY2(about->text().contains(QStringLiteral("(long)")), qPrintable(about->text()));
        QVERIFY2(about->text().contains(QStringLiteral("kept")), qPrintable(about->text())); // the documentation
        QCOMPARE(value->placeholderText(), QStringLiteral("604800000"));
        // Not a long: refused as typed.
        QTest::keyClicks(value, QStringLiteral("soon"));
        QTest::keyClick(value, Qt::Key_Return);
        QCOMPARE(configs->rowCount(), 1);
        QCOMPARE(configs->item(0, 0)->text(), QStringLiteral("retention.ms"));
        QVERIFY(!create->isEnabled());
        QVERIFY2(child<QLabel>(dialog, "createTopicConfigWarning")->text().contains(QStringLiteral("long")),
            qPrintable(child<QLabel>(dialog, "createTopicConfigWarning")->text()));
        configs->item(0, 1)->setText(QStringLiteral("120000"));
        QVERIFY(create->isEnabled());
        // Return in the value adds the override and does not create the topic half-typed.
        QTest::keyClicks(key, QStringLiteral("segment.ms"));
        QTest::keyClick(key, Qt::Key_Return); // on to the value
        QTest::keyClicks(value, QStringLiteral("3600000"));
        QTest::keyClick(value, Qt::Key_Return);
        QCOMPARE(configs->rowCount(), 2);
        QCOMPARE(configs->item(1, 0)->text(), QStringLiteral("segment.ms"));
        QVERIFY(dialog->isVisible());
        QCOMPARE(create->text(), QStringLiteral("Create")); // "Creating…" once sent
        QVERIFY(create->isEnabled());
        configs->setCurrentCell(1, 0);
        QTest::mouseClick(child<QPushButton>(dialog, "createTopicRemoveConfig"), Qt::LeftButton);
        // A name the broker did not list: allowed, but warned about.
        QTest::keyClicks(key->lineEdit(), QStringLiteral("no.such.config"));
        QVERIFY2(about->text().contains(QStringLiteral("not among")), qPrintable(about->text()));
        QTest::keyClicks(value, QStringLiteral("1"));
        QTest::mouseClick(child<QPushButton>(dialog, "createTopicAddConfig"), Qt::LeftButton);
        auto* warning = child<QLabel>(dialog, "createTopicConfigWarning");
        QVERIFY(warning->isVisibleTo(dialog));
        QVERIFY(warning->text().contains(QStringLiteral("no.such.config")));
        configs->setCurrentCell(1, 0);
        QTest::mouseClick(child<QPushButton>(dialog, "createTopicRemoveConfig"), Qt::LeftButton);
        QVERIFY(!warning->isVisibleTo(dialog));
        QSignalSpy created(dialog, &CreateTopicDialog::topicCreated);
        QTest::mouseClick(create, Qt::LeftButton);
        QVERIFY(created.wait(20000));
        QString error;
        const auto seen = kafkaPythonConfigs(m_broker.bootstrapServers(), QStringLiteral("topic"),
            QStringLiteral("gui-chosen"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(seen.value(QStringLiteral("retention.ms")).value, QStringLiteral("120000"));
        QCOMPARE(seen.value(QStringLiteral("retention.ms")).source, 1); // a topic override
    }

    void editAndResetABrokerConfig()
    {
        BrokerConfigPage page(m_session.get(), 1);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* view = child<QTableView>(&page, "configsView");
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(view, QStringLiteral("log.retention.ms")) >= 0, 15000);
        const auto select = [&](const QString& name) {
            view->setCurrentIndex(view->model()->index(rowOf(view, name), 0));
        };
        // A read-only broker config says so instead of sending a request that would fail.
        select(QStringLiteral("num.partitions"));
        QTest::mouseClick(child<QPushButton>(&page, "configEditButton"), Qt::LeftButton);
        QVERIFY(!child<ConfigEditDialog>(&page, "configEditDialog"));
        auto* message = child<MessageBar>(&page, "configsMessage");
        QVERIFY2(message->text().contains(QStringLiteral("read-only")), qPrintable(message->text()));

        select(QStringLiteral("log.retention.ms"));
        QCOMPARE(view->model()->index(rowOf(view, QStringLiteral("log.retention.ms")), 2).data().toString(),
            QStringLiteral("604800000")); // the Default column
        QTest::mouseClick(child<QPushButton>(&page, "configEditButton"), Qt::LeftButton);
        auto* dialog = child<ConfigEditDialog>(&page, "configEditDialog");
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "configEditNote")->text().contains(QStringLiteral("dynamic configs")));
        QVERIFY(!child<QPushButton>(dialog, "configEditReset")->isEnabled()); // not set dynamically yet
        auto* value = child<QLineEdit>(dialog, "configEditValue");
        value->clear();
        QTest::keyClicks(value, QStringLiteral("3600000"));
        QSignalSpy changed(dialog, &ConfigEditDialog::configChanged);
        QTest::mouseClick(child<QPushButton>(dialog, "configEditSave"), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QString error;
        auto seen = kafkaPythonConfigs(m_broker.bootstrapServers(), QStringLiteral("broker"), QStringLiteral("1"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(seen.value(QStringLiteral("log.retention.ms")).value, QStringLiteral("3600000"));
        QCOMPARE(seen.value(QStringLiteral("log.retention.ms")).source, 2); // dynamic broker config
        QVERIFY(seen.value(QStringLiteral("num.partitions")).readOnly);

        // Reset to default from the context menu, once the table shows the new value.
        const int row = rowOf(view, QStringLiteral("log.retention.ms"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->index(row, 1).data().toString(), QStringLiteral("3600000"), 15000);
        QTimer chooser;
        connect(&chooser, &QTimer::timeout, this, [&chooser] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            chooser.stop();
            for (QAction* action : menu->actions()) {
                if (action->text() == QStringLiteral("Reset to Default"))
                    menu->setActiveAction(action);
            }
            QTest::keyClick(menu, Qt::Key_Return);
        });
        chooser.start(20);
        const QRect cell = view->visualRect(view->model()->index(row, 0));
        QMetaObject::invokeMethod(view, "customContextMenuRequested", Q_ARG(QPoint, cell.center()));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->index(row, 1).data().toString(), QStringLiteral("604800000"), 15000);
        QMap<QByteArray, ConfigValue> values;
        QVERIFY(m_admin->describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &values).ok());
        QCOMPARE(values.value("log.retention.ms").value, QByteArray("604800000"));
        QCOMPARE(values.value("log.retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG);
    }

    void cloneWithMessagesFromTheTopicPage()
    {
        QVERIFY(m_admin->createTopic({ "clone-gui", 2, { { QByteArray("retention.ms"), QByteArray("7200000") } } }).ok());
        RdKafkaProducer producer(m_broker.bootstrapServers());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(producer.produce("clone-gui", 0, "k0", "p0-" + QByteArray::number(i), { { "h", "x" } }, 1600000000000 + i));
            QVERIFY(producer.produce("clone-gui", 1, "k1", "p1-" + QByteArray::number(i), {}, 1600000000100 + i));
        }
        QVERIFY(producer.flush(20000));
        QSignalSpy refreshed(m_session.get(), &KafkaClusterSession::metadataReady);
        m_session->refresh();
        QVERIFY(refreshed.wait(15000));
        TopicDetailPage page(m_session.get(), QStringLiteral("clone-gui"));
        page.show();
        child<QAction>(&page, "topicCloneAction")->trigger();
        auto* dialog = child<CloneTopicDialog>(&page, "cloneTopicDialog");
        QVERIFY(dialog);
        auto* submit = child<QPushButton>(dialog, "cloneTopicSubmit");
        auto* overrides = child<QTableWidget>(dialog, "cloneTopicOverrides");
        // Prefilled from the source: its partitions and its one override.
        QTRY_COMPARE_WITH_TIMEOUT(overrides->rowCount(), 1, 15000);
        QCOMPARE(overrides->item(0, 0)->text(), QStringLiteral("retention.ms"));
        QCOMPARE(child<QSpinBox>(dialog, "cloneTopicPartitions")->value(), 2);
        auto* name = child<QLineEdit>(dialog, "cloneTopicName");
        QCOMPARE(name->text(), QStringLiteral("clone-gui-copy"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("clone-gui"));
        QVERIFY(!submit->isEnabled()); // the source's own name
        QTest::keyClicks(name, QStringLiteral("-2"));
        QVERIFY(submit->isEnabled());
        auto* copy = child<QComboBox>(dialog, "cloneTopicCopy");
        copy->setFocus();
        QTest::keyClick(copy, Qt::Key_Down);
        QTest::keyClick(copy, Qt::Key_Down); // the last N of each partition
        QCOMPARE(copy->currentIndex(), 2);
        auto* count = child<QSpinBox>(dialog, "cloneTopicCount");
        QVERIFY(count->isEnabled());
        count->setValue(2);
        child<QSpinBox>(dialog, "cloneTopicPartitions")->setValue(1);
        QVERIFY(!submit->isEnabled()); // the copied messages need partition 1
        QVERIFY(child<QLabel>(dialog, "cloneTopicNameHint")->text().contains(QStringLiteral("at least 2")));
        child<QSpinBox>(dialog, "cloneTopicPartitions")->setValue(2);
        QSignalSpy cloned(dialog, &CloneTopicDialog::topicCloned);
        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(child<QProgressBar>(dialog, "cloneTopicProgress")->isVisibleTo(dialog));
        QVERIFY(cloned.wait(30000));
        QCOMPARE(cloned.first().at(0).toString(), QStringLiteral("clone-gui-2"));
        QString error;
        const auto messages = kafkaPythonMessages(m_broker.bootstrapServers(), QStringLiteral("clone-gui-2"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(0).value, QByteArray("p0-1"));
        QCOMPARE(messages.at(0).headers.value(0).second, QByteArray("x"));
        QCOMPARE(messages.at(1).timestamp, 1600000000002);
        QCOMPARE(messages.at(3).partition, 1);
        QCOMPARE(messages.at(3).key, QByteArray("k1"));
        const auto configs
            = kafkaPythonConfigs(m_broker.bootstrapServers(), QStringLiteral("topic"), QStringLiteral("clone-gui-2"), &error);
        QCOMPARE(configs.value(QStringLiteral("retention.ms")).value, QStringLiteral("7200000"));
    }

private:
    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
    std::unique_ptr<KafkaClusterSession> m_session;
};

SAMSA_TEST_MAIN(TopicAdminTest, QApplication)
#include "tst_topicadmin.moc"

// The message browser through real widgets against the real samsa-broker and its Schema Registry:
// open a topic's Messages tab from the topic page, read from the beginning and see exactly the
// messages produced, the detail of one (decoded value, hex, headers), a text filter and a field
// expression with their counts and an invalid expression's error, export to JSON Lines and read the
// file back, compare two messages, copy one as JSON, and an Avro message decoded with its schema id
// and subject.

#include "brokerprocess.h"
#include "common/hexdumpview.h"
#include "kafka/clustersession.h"
#include "kafka/kafkaclustersession.h"
#include "mainwindow.h"
#include "messages/messagebrowserpage.h"
#include "messages/messagecomparedialog.h"
#include "messages/messagedetailpane.h"
#include "messages/messageexportdialog.h"
#include "messagesmodel.h"
#include "navigatormodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "registry/schemaregistryclient.h"
#include "sampledata/avroencoder.h"
#include "testmain.h"
#include "widgetlookup.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

const QByteArray avroSchema = R"({"type":"record","name":"Payment","namespace":"shop","fields":[
    {"name":"id","type":"long"},{"name":"currency","type":"string"},
    {"name":"note","type":["null","string"],"default":null}]})";

using Samsa::Test::child;

void clickRow(QAbstractItemView* view, int row, Qt::KeyboardModifiers modifiers = {})
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

// "partition/offset key value" of every row, sorted, to compare with what was produced.
QStringList rows(MessagesModel* model)
{
    QStringList result;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto text = [&](int column) { return model->index(row, column).data().toString(); };
        result.append(QStringLiteral("%1/%2 %3 %4")
                          .arg(text(MessagesModel::PartitionColumn), text(MessagesModel::OffsetColumn),
                              text(MessagesModel::KeyColumn), text(MessagesModel::ValueColumn)));
    }
    result.sort();
    return result;
}

int rowWithKey(MessagesModel* model, const QString& key)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, MessagesModel::KeyColumn).data().toString() == key)
            return row;
    return -1;
}

} // namespace

class MessageBrowserTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        const QString bootstrap = m_broker.bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY(admin.createTopic({ "orders", 2, {} }).ok());
            QVERIFY(admin.createTopic({ "payments", 1, {} }).ok());
        }
        RdKafkaProducer producer(bootstrap);
        QVERIFY(producer.produce("orders", 0, "alice", R"({"id":1,"status":"PAID","amount":150})",
            { { "trace", "t-1" } }, 1700000000000));
        QVERIFY(producer.produce("orders", 0, QByteArray(), R"({"id":2,"status":"NEW","amount":20})", {}, 1700000001000));
        QVERIFY(producer.produce("orders", 1, "bob", R"({"id":3,"status":"PAID","amount":50})", {}, 1700000002000));
        QVERIFY(producer.produce("orders", 1, "carol", R"({"id":4,"status":"PAID","amount":300})", {}, 1700000003000));

        // An Avro value registered through the embedded registry, in the Confluent framing.
        SchemaRegistryClient registry(QUrl(m_broker.schemaRegistryUrl()));
        QString registerError;
        bool registered = false;
        registry.registerSchema(QStringLiteral("payments-value"), avroSchema, [&](int id, const QString& error) {
            m_schemaId = id;
            registerError = error;
            registered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(registered, 10000);
        QVERIFY2(registerError.isEmpty(), qPrintable(registerError));
        AvroEncoder encoder(avroSchema);
        QVERIFY2(encoder.isValid(), qPrintable(encoder.error()));
        const QByteArray framed = encoder.encode(m_schemaId,
            { { QStringLiteral("id"), 7 }, { QStringLiteral("currency"), QStringLiteral("EUR") },
                { QStringLiteral("note"), QStringLiteral("gift") } });
        QVERIFY2(!framed.isEmpty(), qPrintable(encoder.error()));
        QCOMPARE(framed.at(0), '\0');
        QVERIFY(producer.produce("payments", 0, "p-7", framed));
        QVERIFY(producer.flush(20000));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));

        QVERIFY(m_store.open());
        m_window = std::make_unique<MainWindow>(&m_store, &m_secrets);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = bootstrap;
        profile.schemaRegistryUrl = m_broker.schemaRegistryUrl();
        m_session = m_window->openSession(profile, {});
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), ClusterSession::State::Connected, 15000);
        const auto hasTopic = [this](const QString& name) {
            const QList<TopicInfo>& topics = m_session->metadata().topics;
            return std::any_of(topics.cbegin(), topics.cend(), [&](const TopicInfo& topic) { return topic.name == name; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasTopic(QStringLiteral("orders")) && hasTopic(QStringLiteral("payments")), 15000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void readDetailFilterExportCompare()
    {
        auto* tabs = child<QTabWidget>(m_window.get(), "pageTabs");
        auto* navigator = child<QTreeView>(m_window.get(), "navigator");
        auto* navigatorModel = m_window->findChild<NavigatorModel*>();
        auto* proxy = qobject_cast<QAbstractProxyModel*>(navigator->model());
        QVERIFY(tabs && navigator && navigatorModel && proxy);

        // Topics, then the topic (double click keeps a tab), then its Messages button.
        clickRow(navigator, 0); // the local broker entry, to move away from the cluster page
        const QModelIndex topicsItem = proxy->mapFromSource(navigatorModel->indexOf(m_session, NavigatorModel::Kind::Topics));
        navigator->scrollTo(topicsItem);
        QTest::mouseClick(navigator->viewport(), Qt::LeftButton, {}, navigator->visualRect(topicsItem).center());
        QAbstractItemView* topicsView = nullptr;
        QTRY_VERIFY((topicsView = child<QAbstractItemView>(tabs->currentWidget(), "topicsView")) != nullptr);
        QTRY_VERIFY(topicsView->model()->rowCount() >= 2);
        const QModelIndex ordersRow
            = topicsView->model()->match(topicsView->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("orders")).value(0);
        QVERIFY(ordersRow.isValid());
        // A single click previews the topic in a tab beside the Topics page.
        clickRow(topicsView, ordersRow.row());
        QPushButton* messagesButton = nullptr;
        QTRY_VERIFY2((messagesButton = tabs->currentWidget()->findChild<QPushButton*>(QStringLiteral("topicMessagesButton"))) != nullptr,
            qPrintable(tabs->tabText(tabs->currentIndex())));
        QTest::mouseClick(messagesButton, Qt::LeftButton);
        auto* page = qobject_cast<MessageBrowserPage*>(tabs->currentWidget());
        QVERIFY(page);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("local · orders · Messages"));

        // Read from the beginning (the default): exactly the four messages.
        auto* view = child<QTableView>(page, "messagesView");
        auto* model = page->model();
        QTest::mouseClick(child<QPushButton>(page, "readButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isReading(), 15000);
        QCOMPARE(rows(model),
            QStringList({ QStringLiteral(R"(0/0 alice {"id":1,"status":"PAID","amount":150})"),
                QStringLiteral(R"(0/1  {"id":2,"status":"NEW","amount":20})"),
                QStringLiteral(R"(1/0 bob {"id":3,"status":"PAID","amount":50})"),
                QStringLiteral(R"(1/1 carol {"id":4,"status":"PAID","amount":300})") }));
        auto* count = child<QLabel>(page, "filterCountLabel");
        QCOMPARE(count->text(), QStringLiteral("4 messages"));
        QVERIFY2(child<QLabel>(page, "readProgressLabel")->text().contains(QStringLiteral("4 loaded")),
            qPrintable(child<QLabel>(page, "readProgressLabel")->text()));

        // The detail of alice's message: decoded value, its bytes, its header, its timestamp.
        auto* detail = child<MessageDetailPane>(page, "messageDetail");
        clickRow(view, rowWithKey(model, QStringLiteral("alice")));
        QTRY_VERIFY(detail->hasRecord() && !detail->isLoading());
        const QString valueText = child<QPlainTextEdit>(detail, "valueText")->toPlainText();
        QVERIFY2(valueText.contains(QStringLiteral("\"status\": \"PAID\"")), qPrintable(valueText));
        QVERIFY2(valueText.contains(QLatin1Char('\n')), "pretty-printed");
        auto* hex = child<HexDumpView>(detail, "valueHex");
        QCOMPARE(hex->data(), QByteArray(R"({"id":1,"status":"PAID","amount":150})"));
        QVERIFY2(hex->lineText(0).startsWith(QStringLiteral("00000000  7b 22 69 64 22 3a 31 2c")), qPrintable(hex->lineText(0)));
        QVERIFY(hex->lineText(0).endsWith(QStringLiteral("|{\"id\":1,\"status\"|")));
        auto* headers = child<QTableWidget>(detail, "headersTable");
        QCOMPARE(headers->rowCount(), 1);
        QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("trace"));
        QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("t-1"));
        const QString summary = child<QLabel>(detail, "detailSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("Partition 0")) && summary.contains(QStringLiteral("CreateTime")),
            qPrintable(summary));
        // The tree view folds the document: its three members at the top.
        QTest::mouseClick(child<QAbstractButton>(detail, "valueTreeMode"), Qt::LeftButton);
        auto* tree = child<QTreeView>(detail, "valueTree");
        QTRY_VERIFY(tree->isVisible());
        QCOMPARE(tree->model()->rowCount(), 3);
        const QModelIndex status = tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("status"), 1, Qt::MatchExactly).value(0);
        QVERIFY(status.isValid());
        QCOMPARE(status.siblingAtColumn(1).data().toString(), QStringLiteral("PAID"));
        QTest::mouseClick(child<QAbstractButton>(detail, "valueTextMode"), Qt::LeftButton);

        // The message with a null key says so.
        clickRow(view, rowWithKey(model, QString()));
        QTRY_VERIFY(detail->record().offset == 1 && detail->record().partition == 0 && !detail->isLoading());
        QCOMPARE(child<QLabel>(detail, "keyFormat")->text(), QStringLiteral("null"));

        // A text filter: three PAID messages.
        auto* filter = child<QLineEdit>(page, "filterEdit");
        QTest::mouseClick(filter, Qt::LeftButton);
        QTest::keyClicks(filter, QStringLiteral("PAID"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000);
        QTRY_COMPARE(count->text(), QStringLiteral("3 of 4 match"));

        // A field expression: the two PAID above 100.
        auto* mode = child<QComboBox>(page, "filterModeCombo");
        mode->setFocus();
        QTest::keyClick(mode, Qt::Key_Down);
        QTest::keyClick(mode, Qt::Key_Down);
        QCOMPARE(mode->currentText(), QStringLiteral("Expression"));
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral(R"(value.status == "PAID" && value.amount > 100)"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
        QTRY_COMPARE(count->text(), QStringLiteral("2 of 4 match"));
        QStringList keys { model->index(0, MessagesModel::KeyColumn).data().toString(),
            model->index(1, MessagesModel::KeyColumn).data().toString() };
        keys.sort();
        QCOMPARE(keys, QStringList({ QStringLiteral("alice"), QStringLiteral("carol") }));

        // An invalid expression is explained on the bar; the table keeps the last result.
        QTest::keyClick(filter, Qt::Key_End);
        QTest::keyClicks(filter, QStringLiteral(" &&"));
        QTest::keyClick(filter, Qt::Key_Return);
        auto* error = child<QLabel>(page, "filterErrorLabel");
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(model->rowCount(), 2);

        // Clearing the filter shows everything again.
        filter->clear();
        QTRY_COMPARE(model->rowCount(), 4);
        QVERIFY(!error->isVisible());

        // Export everything to JSON Lines and read the file back.
        const QString exportPath = QDir(m_broker.temporaryPath()).filePath(QStringLiteral("orders.jsonl"));
        page->exportMessages(false);
        MessageExportDialog* exportDialog = nullptr;
        QTRY_VERIFY((exportDialog = page->findChild<MessageExportDialog*>()) != nullptr);
        auto* pathEdit = child<QLineEdit>(exportDialog, "exportPathEdit");
        pathEdit->clear();
        QTest::keyClicks(pathEdit, exportPath);
        QCOMPARE(child<QComboBox>(exportDialog, "exportFormatCombo")->currentText(), QStringLiteral("JSON Lines"));
        QSignalSpy exported(exportDialog, &MessageExportDialog::exportFinished);
        QTest::mouseClick(child<QPushButton>(exportDialog, "exportButton"), Qt::LeftButton);
        QVERIFY(exported.size() == 1 || exported.wait(10000));
        QVERIFY2(exported.first().first().toBool(), qPrintable(child<QLabel>(exportDialog, "exportStatusLabel")->text()));
        QFile file(exportPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QList<int> ids;
        for (const QByteArray& line : lines) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            QCOMPARE(object.value(QStringLiteral("topic")).toString(), QStringLiteral("orders"));
            ids.append(object.value(QStringLiteral("value")).toObject().value(QStringLiteral("id")).toInt());
            if (object.value(QStringLiteral("key")).toString() == QStringLiteral("alice"))
                QCOMPARE(object.value(QStringLiteral("headers")).toArray().at(0).toObject().value(QStringLiteral("value")).toString(),
                    QStringLiteral("t-1"));
        }
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids, QList<int>({ 1, 2, 3, 4 }));
        exportDialog->close();

        // Compare bob's and carol's messages (Ctrl+click selects the second, Ctrl+D compares).
        clickRow(view, rowWithKey(model, QStringLiteral("bob")));
        clickRow(view, rowWithKey(model, QStringLiteral("carol")), Qt::ControlModifier);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
        // Shortcuts go to the focused widget of the active window (the export dialog was on top).
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_D, Qt::ControlModifier);
        MessageCompareDialog* compare = nullptr;
        QTRY_VERIFY((compare = page->findChild<MessageCompareDialog*>()) != nullptr);
        const QString left = child<QPlainTextEdit>(compare, "compareLeft")->toPlainText();
        const QString right = child<QPlainTextEdit>(compare, "compareRight")->toPlainText();
        QVERIFY2(left.contains(QStringLiteral("\"key\": \"bob\"")), qPrintable(left));
        QVERIFY2(right.contains(QStringLiteral("\"key\": \"carol\"")), qPrintable(right));
        // Offset is the same (0 in partition 1 and 1 in partition 1 differ), key, id, amount and timestamp differ.
        QVERIFY2(compare->differingRows() >= 4, qPrintable(compare->summary()));
        int same = 0;
        for (const SideBySideRow& row : compare->rows()) {
            same += row.kind == SideBySideRow::Kind::Same ? 1 : 0;
            if (row.kind == SideBySideRow::Kind::Same)
                QCOMPARE(row.left, row.right);
        }
        QVERIFY(same > 0);
        compare->close();

        // Ctrl+C copies the selected message as JSON.
        clickRow(view, rowWithKey(model, QStringLiteral("carol")));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QJsonObject copied = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(copied.value(QStringLiteral("key")).toString(), QStringLiteral("carol"));
        QCOMPARE(copied.value(QStringLiteral("partition")).toInt(), 1);
        QCOMPARE(copied.value(QStringLiteral("value")).toObject().value(QStringLiteral("amount")).toInt(), 300);
    }

    void avroDecodedWithItsSchema()
    {
        m_window->openMessages(m_session, QStringLiteral("payments"));
        auto* tabs = child<QTabWidget>(m_window.get(), "pageTabs");
        auto* page = qobject_cast<MessageBrowserPage*>(tabs->currentWidget());
        QVERIFY(page);
        QCOMPARE(page->topic(), QStringLiteral("payments"));
        QTest::mouseClick(child<QPushButton>(page, "readButton"), Qt::LeftButton);
        MessagesModel* model = page->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 15000);
        // The schema is fetched from the registry; the row is decoded again when it arrives.
        QTRY_COMPARE_WITH_TIMEOUT(model->index(0, MessagesModel::ValueColumn).data().toString(),
            QStringLiteral(R"({"id":7,"currency":"EUR","note":"gift"})"), 10000);
        auto* view = child<QTableView>(page, "messagesView");
        clickRow(view, 0);
        auto* detail = child<MessageDetailPane>(page, "messageDetail");
        QTRY_VERIFY(detail->hasRecord() && !detail->isLoading());
        const QString valueText = child<QPlainTextEdit>(detail, "valueText")->toPlainText();
        QVERIFY2(valueText.contains(QStringLiteral("\"currency\": \"EUR\"")), qPrintable(valueText));
        const QString format = child<QLabel>(detail, "valueFormat")->text();
        QVERIFY2(format.contains(QStringLiteral("schema id %1").arg(m_schemaId)), qPrintable(format));
        const QString schema = child<QPlainTextEdit>(detail, "schemaText")->toPlainText();
        QVERIFY2(schema.contains(QStringLiteral("schema id: %1").arg(m_schemaId)), qPrintable(schema));
        QVERIFY2(schema.contains(QStringLiteral("payments-value")), qPrintable(schema));
        QVERIFY2(schema.contains(QStringLiteral("\"name\": \"Payment\"")), qPrintable(schema));
        QVERIFY2(schema.contains(QStringLiteral("note: string")), qPrintable(schema));
        // The raw bytes start with the framing: magic byte 0 and the schema id.
        const QString firstLine = child<HexDumpView>(detail, "valueHex")->lineText(0);
        QVERIFY2(firstLine.startsWith(QStringLiteral("00000000  00 00 00 00 %1").arg(m_schemaId, 2, 16, QLatin1Char('0'))),
            qPrintable(firstLine));
    }

private:
    BrokerProcess m_broker;
    ProfileStore m_store;
    SecretStore m_secrets;
    std::unique_ptr<MainWindow> m_window;
    ClusterSession* m_session = nullptr;
    int m_schemaId = -1;
};

SAMSA_TEST_MAIN(MessageBrowserTest, QApplication)
#include "tst_messagebrowser.moc"

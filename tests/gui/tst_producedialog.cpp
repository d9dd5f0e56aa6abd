// The Produce dialog against the real samsa-broker and its Schema Registry, driven through its
// widgets: an Avro value typed as JSON is validated against orders-value and written with
// Confluent framing (read back and decoded to the same JSON); a value that does not fit the schema
// shows the error by field and sends nothing; "N times" gives N results with their offsets.

#include "brokerprocess.h"
#include "decoding/avrodatumdecoder.h"
#include "kafka/kafkaclustersession.h"
#include "messages/messagebrowserpage.h"
#include "messagesmodel.h"
#include "produce/produceresultsmodel.h"
#include "produce/producedialog.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "registry/schemaregistryclient.h"
#include "testmain.h"
#include "widgetlookup.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QtEndian>
#include <memory>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

const QByteArray OrderSchema = R"({"type":"record","name":"Order","namespace":"shop","fields":[)"
                               R"({"name":"id","type":"string"},{"name":"amount","type":"double"},)"
                               R"({"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}}]})";

using Samsa::Test::child;

void replaceText(QPlainTextEdit* editor, const QString& text)
{
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
}

// Selects the entry of `combo` whose data is `data` with the arrow keys, as a user would.
void chooseByKeyboard(QComboBox* combo, const QVariant& data)
{
    combo->setFocus();
    const int wanted = combo->findData(data);
    QVERIFY(wanted >= 0);
    while (combo->currentIndex() < wanted)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > wanted)
        QTest::keyClick(combo, Qt::Key_Up);
}

// With SAMSA_SCREENSHOT_DIR set (a run under xvfb), saves what the widget shows, for a look by eye.
void saveShot(QWidget* widget, const char* name)
{
    const QString dir = qEnvironmentVariable("SAMSA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->window()->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

} // namespace

class ProduceDialogTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        {
            RdKafkaAdmin admin(m_broker.bootstrapServers());
            QVERIFY(admin.createTopic({ "orders", 3, {} }).ok());
        }
        SchemaRegistryClient client(QUrl(m_broker.schemaRegistryUrl()));
        client.registerSchema(QStringLiteral("orders-value"), OrderSchema, [this](int id, const QString& error) {
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            m_schemaId = id;
        });
        QTRY_VERIFY_WITH_TIMEOUT(m_schemaId != 0, 10000);
        QVERIFY(m_schemaId > 0);

        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = m_broker.bootstrapServers();
        profile.schemaRegistryUrl = m_broker.schemaRegistryUrl();
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        QSignalSpy connected(m_session.get(), &KafkaClusterSession::watermarksFinished);
        m_session->connectToCluster();
        QVERIFY(connected.wait(15000));
    }

    void avroFromJsonIsValidatedAndWritten()
    {
        ProduceDialog dialog(m_session.get(), QStringLiteral("orders"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* format = child<QComboBox>(&dialog, "produceValueFormat");
        auto* value = child<QPlainTextEdit>(&dialog, "produceValue");
        auto* status = child<QLabel>(&dialog, "produceValueStatus");
        auto* schemaStatus = child<QLabel>(&dialog, "produceSchemaStatus");
        auto* send = child<QPushButton>(&dialog, "produceSend");
        auto* results = child<QTableView>(&dialog, "produceResults");
        auto* key = child<QLineEdit>(&dialog, "produceKey");
        QVERIFY(format && value && status && schemaStatus && send && results && key);
        QCOMPARE(dialog.topic(), QStringLiteral("orders"));

        chooseByKeyboard(format, int(ProduceDialog::ValueFormat::Avro));
        // TopicNameStrategy on "orders": orders-value, latest version.
        QTRY_VERIFY_WITH_TIMEOUT(schemaStatus->text().contains(QStringLiteral("schema id %1").arg(m_schemaId)), 10000);
        QVERIFY(schemaStatus->text().startsWith(QStringLiteral("orders-value version 1")));

        // A value that does not fit: the error names the field, and nothing is sent.
        replaceText(value, QStringLiteral(R"({"id": "o-1", "amount": "lots", "status": "PAID"})"));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY2(status->text().contains(QStringLiteral("amount")), qPrintable(status->text()));
        QCOMPARE(results->model()->rowCount(), 0);
        QVERIFY(send->isEnabled());

        // Fill with Sample gives a value the schema accepts.
        QTest::mouseClick(child<QPushButton>(&dialog, "produceFillSample"), Qt::LeftButton);
        QVERIFY(value->toPlainText().contains(QStringLiteral("\"status\"")));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Valid")));

        const QString json = QStringLiteral(R"({"id":"o-1","amount":12.5,"status":"PAID"})");
        replaceText(value, json);
        QTest::keyClicks(key, QStringLiteral("customer-7"));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(results->model()->rowCount(), 1, 15000);
        auto* model = qobject_cast<ProduceResultsModel*>(results->model());
        QVERIFY(model);
        QTRY_VERIFY(send->isEnabled());
        const ProduceResultRow written = model->rowAt(0);
        QVERIFY2(written.ok(), qPrintable(written.error));
        QCOMPARE(written.offset, 0); // the refused value before was not written
        saveShot(&dialog, "produce-avro");

        // Read back: Confluent framing with the registry's id, and the same JSON when decoded.
        RdKafkaReader reader(m_broker.bootstrapServers());
        QList<KafkaMessage> messages;
        QVERIFY(reader.readToEnd("orders", written.partition, 0, &messages));
        QCOMPARE(messages.size(), 1);
        const QByteArray bytes = messages.first().value;
        QCOMPARE(messages.first().key, QByteArray("customer-7"));
        QVERIFY(bytes.size() > 5);
        QCOMPARE(bytes.at(0), char(0));
        QCOMPARE(int(qFromBigEndian<quint32>(bytes.constData() + 1)), m_schemaId);
        QString error;
        const auto decoder = AvroDatumDecoder::create(OrderSchema, &error);
        QVERIFY2(decoder, qPrintable(error));
        const AvroDatumDecoder::Result decoded = decoder->decode(QByteArrayView(bytes).sliced(5), true);
        QVERIFY2(decoded.ok, qPrintable(decoded.error));
        QCOMPARE(QString::fromUtf8(decoded.json), json);

        // The message browser shows it decoded through the registry, as the user typed it.
        MessageBrowserPage page(m_session.get(), QStringLiteral("orders"), QString());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(child<QPushButton>(&page, "readButton"), Qt::LeftButton);
        MessagesModel* browsed = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(browsed->rowCount(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(browsed->index(0, MessagesModel::ValueColumn).data().toString(), json, 10000);
        QCOMPARE(browsed->index(0, MessagesModel::KeyColumn).data().toString(), QStringLiteral("customer-7"));
        QCOMPARE(browsed->index(0, MessagesModel::PartitionColumn).data().toInt(), written.partition);
    }

    void jsonThatDoesNotParseSendsNothing()
    {
        ProduceDialog dialog(m_session.get(), QStringLiteral("orders"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        chooseByKeyboard(child<QComboBox>(&dialog, "produceValueFormat"), int(ProduceDialog::ValueFormat::Json));
        replaceText(child<QPlainTextEdit>(&dialog, "produceValue"), QStringLiteral(R"({"a": 1, "b" 2})"));
        QTest::mouseClick(child<QPushButton>(&dialog, "produceSend"), Qt::LeftButton);
        QVERIFY(child<QLabel>(&dialog, "produceValueStatus")->text().startsWith(QStringLiteral("line 1, column 14")));
        QCOMPARE(child<QTableView>(&dialog, "produceResults")->model()->rowCount(), 0);
    }

    void nTimesGivesNResultsWithOffsets()
    {
        ProduceDialog dialog(m_session.get(), QStringLiteral("orders"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        chooseByKeyboard(child<QComboBox>(&dialog, "produceValueFormat"), int(ProduceDialog::ValueFormat::Text));
        replaceText(child<QPlainTextEdit>(&dialog, "produceValue"), QStringLiteral("hello"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "produceKey"), QStringLiteral("same-key"));
        chooseByKeyboard(child<QComboBox>(&dialog, "produceMode"), int(ProduceDialog::SendMode::Repeat));
        auto* count = child<QSpinBox>(&dialog, "produceCount");
        QVERIFY(count->isVisible());
        count->selectAll();
        QTest::keyClicks(count, QStringLiteral("25"));
        QCOMPARE(count->value(), 25);
        auto* results = child<QTableView>(&dialog, "produceResults");
        QTest::mouseClick(child<QPushButton>(&dialog, "produceSend"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(results->model()->rowCount(), 25, 15000);
        auto* model = qobject_cast<ProduceResultsModel*>(results->model());
        QCOMPARE(model->succeeded(), 25);
        // One key, one partition: consecutive offsets, each message its own.
        QList<qint64> offsets;
        for (int row = 0; row < 25; ++row) {
            QCOMPARE(model->rowAt(row).partition, model->rowAt(0).partition);
            offsets.append(model->rowAt(row).offset);
        }
        std::sort(offsets.begin(), offsets.end());
        for (int i = 1; i < offsets.size(); ++i)
            QCOMPARE(offsets.at(i), offsets.at(i - 1) + 1);
        QTRY_VERIFY(child<QLabel>(&dialog, "produceSummary")->text().startsWith(QStringLiteral("25 of 25 sent")));

        // The message is kept as a template for this topic.
        auto* recent = child<QComboBox>(&dialog, "produceTemplates");
        QVERIFY(recent->count() >= 2);
        QVERIFY(recent->itemText(1).contains(QStringLiteral("hello")));
    }

private:
    BrokerProcess m_broker;
    std::unique_ptr<KafkaClusterSession> m_session;
    int m_schemaId = 0;
};

SAMSA_TEST_MAIN(ProduceDialogTest, QApplication)
#include "tst_producedialog.moc"

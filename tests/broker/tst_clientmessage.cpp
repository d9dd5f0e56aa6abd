// Error texts for clients: server file paths are replaced, everything else is kept.

#include "api/clientmessage.h"
#include "testmain.h"

using samsa::broker::ErrorCode;
using samsa::broker::api::clientErrorMessage;
using samsa::broker::api::withoutServerPaths;

class TestClientMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replacesPaths_data();
    void replacesPaths();
    void nullForSuccessOrNoText();
};

void TestClientMessage::replacesPaths_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("errno text kept") << QByteArray(
        "cannot write /home/u/.local/share/samsa/broker/topics.tmp: Is a directory")
                                     << QByteArray("cannot write <path>: Is a directory");
    QTest::addRow("two paths") << QByteArray("cannot rename /d/topics.tmp to /d/topics: No space left on device")
                               << QByteArray("cannot rename <path> to <path>: No space left on device");
    QTest::addRow("path at the end") << QByteArray("not a directory: /data/t-0")
                                     << QByteArray("not a directory: <path>");
    QTest::addRow("quoted") << QByteArray("cannot open '/data/t-0/0.log'") << QByteArray("cannot open '<path>'");
    QTest::addRow("no path") << QByteArray("Topic 'orders' already exists.")
                             << QByteArray("Topic 'orders' already exists.");
    QTest::addRow("slash inside a word") << QByteArray("Invalid value a/b for configuration x")
                                         << QByteArray("Invalid value a/b for configuration x");
}

void TestClientMessage::replacesPaths()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(withoutServerPaths(message.toStdString())), expected);
}

void TestClientMessage::nullForSuccessOrNoText()
{
    QVERIFY(!clientErrorMessage(ErrorCode::None, "ignored"));
    QVERIFY(!clientErrorMessage(ErrorCode::KafkaStorageError, ""));
    QCOMPARE(clientErrorMessage(ErrorCode::KafkaStorageError, "cannot write /x: EIO").value_or(""),
        "cannot write <path>: EIO");
}

SAMSA_TEST_MAIN(TestClientMessage, QCoreApplication)
#include "tst_clientmessage.moc"

// What the Produce dialog sends for each value format, and which subject each naming strategy picks.

#include "produce/producepayload.h"
#include "testmain.h"

using namespace Samsa;

class ProducePayloadTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void json_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::addRow("object compacted") << QStringLiteral("{ \"a\" : 1,\n \"b\": [true, null] }")
                                          << QByteArray(R"({"a":1,"b":[true,null]})") << QString();
        QTest::addRow("string scalar") << QStringLiteral(" \"héllo\" ") << QStringLiteral("\"héllo\"").toUtf8()
                                       << QString();
        QTest::addRow("big number kept") << QStringLiteral("12345678901234567890") << QByteArray("12345678901234567890")
                                         << QString();
        QTest::addRow("missing comma") << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << QByteArray()
                                       << QStringLiteral("line 3, column 3");
        QTest::addRow("after non-ascii") << QStringLiteral("{\"é\": tru}") << QByteArray()
                                         << QStringLiteral("line 1, column 7");
        QTest::addRow("two values") << QStringLiteral("1 2") << QByteArray() << QStringLiteral("line 1");
        QTest::addRow("empty") << QString() << QByteArray() << QStringLiteral("line 1, column 1");
        QTest::addRow("trailing garbage") << QStringLiteral("{}x") << QByteArray() << QStringLiteral("line 1, column 3");
    }

    void json()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const PayloadResult result = encodeJsonPayload(text);
        if (error.isEmpty()) {
            QVERIFY2(result.ok(), qPrintable(result.error));
            QCOMPARE(result.bytes, bytes);
        } else {
            QVERIFY(!result.ok());
            QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
            QVERIFY(result.bytes.isEmpty());
        }
    }

    void hex_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::addRow("plain") << QStringLiteral("00ff10Ab") << QByteArray::fromHex("00ff10ab") << QString();
        QTest::addRow("spaced, prefixed") << QStringLiteral(" 0x00 01\n02\t03 ") << QByteArray::fromHex("00010203")
                                          << QString();
        QTest::addRow("empty") << QString() << QByteArray() << QString();
        QTest::addRow("bad digit") << QStringLiteral("00 1g") << QByteArray()
                                   << QStringLiteral("character 5 ('g') is not a hex digit");
        QTest::addRow("odd") << QStringLiteral("abc") << QByteArray() << QStringLiteral("odd number of hex digits (3)");
        QTest::addRow("0x in the middle") << QStringLiteral("00 0x01") << QByteArray()
                                          << QStringLiteral("character 5 ('x') is not a hex digit");
    }

    void hex()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const PayloadResult result = encodeHexPayload(text);
        QCOMPARE(result.error, error);
        QCOMPARE(result.bytes, bytes);
    }

    void textIsUtf8() { QCOMPARE(encodeTextPayload(QStringLiteral("ä€")).bytes, QByteArray("\xc3\xa4\xe2\x82\xac")); }

    void subjects()
    {
        using S = SubjectNameStrategy;
        QCOMPARE(subjectName(S::TopicName, QStringLiteral("orders"), {}), QStringLiteral("orders-value"));
        QCOMPARE(subjectName(S::TopicName, QStringLiteral("orders"), {}, true), QStringLiteral("orders-key"));
        QCOMPARE(subjectName(S::RecordName, QStringLiteral("orders"), QStringLiteral("shop.Order")),
            QStringLiteral("shop.Order"));
        QCOMPARE(subjectName(S::TopicRecordName, QStringLiteral("orders"), QStringLiteral("shop.Order")),
            QStringLiteral("orders-shop.Order"));
        QCOMPARE(subjectName(S::TopicRecordName, QStringLiteral("orders"), {}), QString());

        const QStringList all { QStringLiteral("orders-value"), QStringLiteral("orders-key"),
            QStringLiteral("orders-shop.Order"), QStringLiteral("shop.Order"), QStringLiteral("payments-value"),
            QStringLiteral("orders-") };
        QCOMPARE(candidateSubjects(S::TopicName, QStringLiteral("orders"), all), QStringList { QStringLiteral("orders-value") });
        QCOMPARE(candidateSubjects(S::TopicRecordName, QStringLiteral("orders"), all),
            QStringList { QStringLiteral("orders-shop.Order") });
        QCOMPARE(candidateSubjects(S::RecordName, QStringLiteral("orders"), all),
            (QStringList { QStringLiteral("orders-"), QStringLiteral("orders-shop.Order"), QStringLiteral("shop.Order") }));
    }
};

SAMSA_TEST_MAIN(ProducePayloadTest, QCoreApplication)
#include "tst_producepayload.moc"

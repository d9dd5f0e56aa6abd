// MessageLineWriter (samsactl consume's fast path) writes exactly what messageToJson writes, for
// every kind of key, value and header, including the lines that report decode errors.

#include "decoding/payloaddecoder.h"
#include "messages/messagejson.h"
#include "messages/messagelinewriter.h"
#include "testmain.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Samsa;

namespace {

KafkaRecord record(std::optional<QByteArray> key, std::optional<QByteArray> value, QList<RecordHeader> headers = {})
{
    KafkaRecord result;
    result.partition = 3;
    result.offset = 9007199254740993;
    result.timestampMs = 1700000000123;
    result.timestampType = TimestampType::CreateTime;
    result.key = std::move(key);
    result.value = std::move(value);
    result.headers = std::move(headers);
    return result;
}

} // namespace

class TestMessageLineWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAsMessageToJson_data()
    {
        QTest::addColumn<QString>("keyFormat");
        QTest::addColumn<QString>("valueFormat");
        QTest::addColumn<KafkaRecord>("record");
        QTest::addColumn<bool>("failed");
        static const char controlText[] = "tab\t nl\n cr\r bs\b ff\f nul\0 esc\x1b quote\" backslash\\ del\x7f";
        const QByteArray controls(controlText, sizeof controlText - 1);
        const QByteArray unicode("\xc3\xbc \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8");
        QTest::addRow("strings") << QStringLiteral("string") << QStringLiteral("string") << record("k", "plain value") << false;
        QTest::addRow("escapes") << QStringLiteral("string") << QStringLiteral("string") << record(controls, controls) << false;
        QTest::addRow("unicode") << QStringLiteral("string") << QStringLiteral("string") << record(unicode, unicode) << false;
        QTest::addRow("empty") << QStringLiteral("string") << QStringLiteral("string") << record(QByteArray(""), QByteArray("")) << false;
        QTest::addRow("nulls") << QStringLiteral("string") << QStringLiteral("string") << record(std::nullopt, std::nullopt) << false;
        QTest::addRow("invalid utf-8") << QStringLiteral("string") << QStringLiteral("string") << record("\xff\xfe", "ok \xc3 cut") << false;
        QTest::addRow("hex") << QStringLiteral("hex") << QStringLiteral("hex") << record(QByteArray("\x00\x01", 2), controls) << false;
        QTest::addRow("base64") << QStringLiteral("base64") << QStringLiteral("base64") << record("k", controls) << false;
        QTest::addRow("json") << QStringLiteral("string") << QStringLiteral("json") << record("k", "{ \"a\" : [1, 2.50, \"\\u00fc\"] }") << false;
        QTest::addRow("bad json") << QStringLiteral("string") << QStringLiteral("json") << record("k", "{\"a\":") << true;
        QTest::addRow("auto") << QStringLiteral("auto") << QStringLiteral("auto") << record("k", "[1,2]") << false;
        QTest::addRow("avro without registry")
            << QStringLiteral("string") << QStringLiteral("avro") << record("k", QByteArray("\x00\x00\x00\x00\x07\x02", 6)) << true;
        QTest::addRow("int32 key wrong size") << QStringLiteral("int32") << QStringLiteral("string") << record("abc", "v") << true;
        QTest::addRow("headers") << QStringLiteral("string") << QStringLiteral("string")
                                 << record("k", "v",
                                        { { "trace", QByteArray("t\"1") }, { "empty", QByteArray() },
                                            { "none", std::nullopt }, { "trace", QByteArray("again") } })
                                 << false;
        QTest::addRow("binary header") << QStringLiteral("string") << QStringLiteral("string")
                                       << record("k", "v", { { "bin", QByteArray("\xff\x00", 2) } }) << false;
        KafkaRecord appended = record("k", "v");
        appended.timestampType = TimestampType::LogAppendTime;
        QTest::addRow("log append time") << QStringLiteral("string") << QStringLiteral("string") << appended << false;
        KafkaRecord noTime = record("k", "v");
        noTime.timestampType = TimestampType::NotAvailable;
        noTime.timestampMs = -1;
        QTest::addRow("no timestamp") << QStringLiteral("string") << QStringLiteral("string") << noTime << false;
    }

    void sameAsMessageToJson()
    {
        QFETCH(QString, keyFormat);
        QFETCH(QString, valueFormat);
        QFETCH(KafkaRecord, record);
        QFETCH(bool, failed);
        PayloadDecoder decoder(nullptr);
        DecodeOptions keyOptions;
        DecodeOptions valueOptions;
        QVERIFY(parseMessageFormat(keyFormat, &keyOptions.format));
        QVERIFY(parseMessageFormat(valueFormat, &valueOptions.format));
        for (const QString& topic : { QStringLiteral("t\u00fcpic \"x\""), QString() }) {
            const MessageLineWriter writer(topic, &decoder, keyOptions, valueOptions);
            QByteArray out("previous line\n");
            const auto outcome = writer.append(out, record, true);
            QCOMPARE(outcome,
                failed ? MessageLineWriter::Outcome::WrittenWithError : MessageLineWriter::Outcome::Written);
            const QByteArray expected = "previous line\n"
                + messageToJson(topic, record, decoder.decode(record.key.value_or(QByteArray()), !record.key, keyOptions),
                    decoder.decode(record.value.value_or(QByteArray()), !record.value, valueOptions))
                + '\n';
            QCOMPARE(out, expected);
            QJsonParseError error;
            QJsonDocument::fromJson(out.mid(14), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
    }

    void appendsManyLinesToOneBuffer()
    {
        PayloadDecoder decoder(nullptr);
        DecodeOptions options;
        options.format = MessageFormat::String;
        const MessageLineWriter writer(QStringLiteral("t"), &decoder, options, options);
        QByteArray out;
        for (int i = 0; i < 1000; ++i)
            writer.append(out, record(QByteArray::number(i), QByteArray(100, 'v')), false);
        const QList<QByteArray> lines = out.split('\n');
        QCOMPARE(lines.size(), 1001); // the last is empty
        QVERIFY(lines.last().isEmpty());
        QCOMPARE(QJsonDocument::fromJson(lines.at(567)).object().value(QStringLiteral("key")).toString(),
            QStringLiteral("567"));
    }
};

SAMSA_TEST_MAIN(TestMessageLineWriter, QCoreApplication)
#include "tst_messagelinewriter.moc"

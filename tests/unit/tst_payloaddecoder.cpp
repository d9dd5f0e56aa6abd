// PayloadDecoder in every format without a registry: what Auto picks, the exact text of errors a
// row shows, and hostile input (invalid UTF-8, truncated frames, lying lengths, deep nesting).
// Decoding through the Schema Registry is in tests/integration/tst_schemacache.cpp.

#include "decoding/avrodatumdecoder.h"
#include "decoding/jsontext.h"
#include "decoding/payloaddecoder.h"
#include "decoding/utf8.h"
#include "sampledata/avroencoder.h"
#include "testmain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace Samsa;

namespace {

const QByteArray OrderSchema = R"({"type":"record","name":"Order","namespace":"shop","fields":[
    {"name":"id","type":"long"},{"name":"customer","type":"string"},{"name":"amount","type":"double"},
    {"name":"note","type":["null","string"],"default":null}]})";

QVariantMap order(qint64 id, const QString& customer, double amount)
{
    return { { QStringLiteral("id"), id }, { QStringLiteral("customer"), customer }, { QStringLiteral("amount"), amount },
        { QStringLiteral("note"), QVariant() } };
}

// The raw Avro datum of an order (the Confluent header the encoder writes is cut off).
QByteArray orderDatum(qint64 id, const QString& customer, double amount)
{
    AvroEncoder encoder(OrderSchema);
    return encoder.encode(1, order(id, customer, amount)).mid(5);
}

QJsonObject jsonObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray bigEndian32(qint32 value)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray bigEndian64(quint64 value)
{
    QByteArray bytes(8, Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray littleEndian64(quint64 value)
{
    QByteArray bytes(8, Qt::Uninitialized);
    qToLittleEndian(value, bytes.data());
    return bytes;
}

DecodeOptions options(MessageFormat format, const QString& schemaFile = {})
{
    DecodeOptions result;
    result.format = format;
    result.avroSchemaFile = schemaFile;
    return result;
}

} // namespace

class TestPayloadDecoder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PayloadDecoder m_decoder { nullptr };

    QString writeFile(const QString& name, const QByteArray& contents)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(contents);
        return path;
    }

    DecodedPayload decode(const QByteArray& bytes, MessageFormat format, const QString& schemaFile = {})
    {
        return m_decoder.decode(bytes, false, options(format, schemaFile));
    }

private Q_SLOTS:
    void formatNamesRoundTrip()
    {
        QSet<QString> names;
        QSet<QString> titles;
        for (MessageFormat format : allMessageFormats()) {
            const QString name = messageFormatName(format);
            MessageFormat parsed = MessageFormat::Hex;
            QVERIFY(parseMessageFormat(name, &parsed));
            QCOMPARE(parsed, format);
            QVERIFY(parseMessageFormat(name.toUpper(), &parsed));
            QCOMPARE(parsed, format);
            names.insert(name);
            titles.insert(messageFormatTitle(format));
        }
        QCOMPARE(names.size(), 11);
        QCOMPARE(titles.size(), 11);
        QCOMPARE(messageFormatName(MessageFormat::AvroRegistry), QStringLiteral("avro"));
        QCOMPARE(messageFormatName(MessageFormat::AvroSingleObject), QStringLiteral("avro-single-object"));
        MessageFormat unchanged = MessageFormat::Json;
        QVERIFY(!parseMessageFormat(QStringLiteral("protobuf"), &unchanged));
        QCOMPARE(unchanged, MessageFormat::Json);
    }

    void nullIsNullInEveryFormat()
    {
        for (MessageFormat format : allMessageFormats()) {
            const DecodedPayload payload = m_decoder.decode({}, true, options(format));
            QCOMPARE(payload.kind, DecodedPayload::Kind::Null);
            QVERIFY(!payload.isError());
        }
    }

    void stringShowsInvalidUtf8WithReplacementAndNote()
    {
        DecodedPayload payload = decode(QByteArrayLiteral("héllo"), MessageFormat::String);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Text);
        QCOMPARE(payload.text, QStringLiteral("héllo"));
        QVERIFY(payload.note.isEmpty());

        payload = decode(QByteArrayLiteral("ab\xff\xfe" "cd"), MessageFormat::String);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Text);
        QVERIFY(payload.text.startsWith(QLatin1String("ab")));
        QVERIFY(payload.text.contains(QChar(0xFFFD)));
        QVERIFY(payload.text.endsWith(QLatin1String("cd")));
        QCOMPARE(payload.note, QStringLiteral("invalid UTF-8 at byte 2; invalid sequences are shown as U+FFFD"));
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("firstInvalid");
        QTest::addRow("ascii") << QByteArrayLiteral("plain") << -1;
        QTest::addRow("two, three, four bytes") << QByteArrayLiteral("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") << -1;
        QTest::addRow("overlong slash") << QByteArrayLiteral("a\xc0\xaf") << 1;
        QTest::addRow("overlong three") << QByteArrayLiteral("\xe0\x80\xaf") << 0;
        QTest::addRow("surrogate") << QByteArrayLiteral("ok\xed\xa0\x80") << 2;
        QTest::addRow("above U+10FFFF") << QByteArrayLiteral("\xf4\x90\x80\x80") << 0;
        QTest::addRow("cut off") << QByteArrayLiteral("abc\xe2\x82") << 3;
        QTest::addRow("lone continuation") << QByteArrayLiteral("\x80") << 0;
    }

    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, firstInvalid);
        QCOMPARE(Utf8::firstInvalid(bytes), qsizetype(firstInvalid));
    }

    void jsonKeepsNumbersAndStringsExactly()
    {
        // moc cannot read raw strings holding \", so these are escaped the old way.
        const QByteArray input = " { \"amount\" : 1.10, \"id\": 12345678901234567890, \"name\": \"\\u00e9 \\\"x\\\"\", \"list\": [ ] } ";
        const DecodedPayload payload = decode(input, MessageFormat::Json);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Json);
        QCOMPARE(payload.formatName, QStringLiteral("json"));
        QCOMPARE(payload.json,
            QByteArray("{\"amount\":1.10,\"id\":12345678901234567890,\"name\":\"\\u00e9 \\\"x\\\"\",\"list\":[]}"));

        DecodeOptions pretty = options(MessageFormat::Json);
        pretty.prettyJson = true;
        QCOMPARE(m_decoder.decode(QByteArrayLiteral("{\"a\":[1,{\"b\":null}],\"c\":{}}"), false, pretty).json,
            QByteArray("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}"));
    }

    void jsonScalarsAreJson()
    {
        QCOMPARE(decode("42", MessageFormat::Json).json, QByteArray("42"));
        QCOMPARE(decode(" \"text\" ", MessageFormat::Json).json, QByteArray("\"text\""));
        QCOMPARE(decode("true", MessageFormat::Json).json, QByteArray("true"));
        QCOMPARE(decode("-0.5e+3", MessageFormat::Json).json, QByteArray("-0.5e+3"));
    }

    void invalidJsonSaysWhatAndWhere_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        QTest::addRow("missing colon") << QByteArray(R"({"a" 1})")
                                       << QStringLiteral("invalid JSON: expected ':' after an object key at byte 5");
        QTest::addRow("cut off") << QByteArray(R"({"a":)") << QStringLiteral("invalid JSON: unexpected end of data at byte 5");
        QTest::addRow("trailing") << QByteArray("{} x") << QStringLiteral("invalid JSON: unexpected data after the JSON value at byte 3");
        QTest::addRow("empty") << QByteArray("  ") << QStringLiteral("invalid JSON: no JSON value at byte 2");
        QTest::addRow("bad utf-8 in a string") << QByteArray("[\"a\xff\"]") << QStringLiteral("invalid JSON: invalid UTF-8 in a string at byte 3");
        QTest::addRow("control in a string") << QByteArray("[\"a\nb\"]") << QStringLiteral("invalid JSON: control character in a string at byte 3");
        QTest::addRow("unterminated string") << QByteArray("[\"abc") << QStringLiteral("invalid JSON: unterminated string at byte 5");
        QTest::addRow("bad escape") << QByteArray(R"(["\x"])") << QStringLiteral("invalid JSON: invalid escape in a string at byte 2");
        QTest::addRow("short unicode escape") << QByteArray(R"(["\u12"])") << QStringLiteral("invalid JSON: invalid \\u escape at byte 2");
        QTest::addRow("leading zero") << QByteArray("[01]") << QStringLiteral("invalid JSON: expected ',' or ']' at byte 2");
        QTest::addRow("bare word") << QByteArray("[nul]") << QStringLiteral("invalid JSON: unexpected character at byte 1");
        QTest::addRow("trailing comma") << QByteArray("{\"a\":1,}") << QStringLiteral("invalid JSON: expected a string as object key at byte 7");
        QTest::addRow("mismatched close") << QByteArray("[1}") << QStringLiteral("invalid JSON: expected ',' or ']' at byte 2");
        QTest::addRow("exponent without digits") << QByteArray("[1e]") << QStringLiteral("invalid JSON: invalid number: digits must follow the exponent at byte 3");
    }

    void invalidJsonSaysWhatAndWhere()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        const DecodedPayload payload = decode(input, MessageFormat::Json);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QCOMPARE(payload.error, error);
        QVERIFY(payload.preview().startsWith(QString(QChar(0x26A0))));
    }

    void hostileNesting()
    {
        // Unbalanced and very deep: an error, not a stack overflow.
        QCOMPARE(decode(QByteArray(1000000, '['), MessageFormat::Json).error,
            QStringLiteral("invalid JSON: unexpected end of data at byte 1000000"));
        // Deep but valid: decoded, and indentation stops growing, so the output stays linear.
        const int depth = 100000;
        const QByteArray deep = QByteArray(depth, '[') + QByteArray(depth, ']');
        DecodeOptions pretty = options(MessageFormat::Json);
        pretty.prettyJson = true;
        const DecodedPayload payload = m_decoder.decode(deep, false, pretty);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Json);
        QVERIFY2(payload.json.size() < qsizetype(depth) * 2 * 140, qPrintable(QString::number(payload.json.size())));
        QCOMPARE(decode(deep, MessageFormat::Json).json, deep);
    }

    void hexAndBase64()
    {
        const QByteArray bytes("\x00\x01\xfe\xff", 4);
        QCOMPARE(decode(bytes, MessageFormat::Hex).text, QStringLiteral("0001feff"));
        QCOMPARE(decode(bytes, MessageFormat::Base64).text, QStringLiteral("AAH+/w=="));
        QCOMPARE(decode({}, MessageFormat::Hex).text, QString());
    }

    void numbers_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addRow("int32") << int(MessageFormat::Int32) << bigEndian32(123456) << QStringLiteral("123456") << QString();
        QTest::addRow("int32 negative") << int(MessageFormat::Int32) << bigEndian32(-2) << QStringLiteral("-2") << QString();
        QTest::addRow("int32 short") << int(MessageFormat::Int32) << QByteArray("abc") << QString() << QStringLiteral("expected 4 bytes, got 3");
        QTest::addRow("int64") << int(MessageFormat::Int64) << bigEndian64(quint64(-9000000000LL))
                               << QStringLiteral("-9000000000") << QString();
        QTest::addRow("int64 long") << int(MessageFormat::Int64) << QByteArray(9, 'x') << QString() << QStringLiteral("expected 8 bytes, got 9");
        quint64 bits = 0;
        const double value = -2.5;
        std::memcpy(&bits, &value, sizeof bits);
        QTest::addRow("double") << int(MessageFormat::Double) << bigEndian64(bits) << QStringLiteral("-2.5") << QString();
        const double nan = std::nan("");
        std::memcpy(&bits, &nan, sizeof bits);
        QTest::addRow("double NaN") << int(MessageFormat::Double) << bigEndian64(bits) << QStringLiteral("NaN") << QString();
        const double infinity = -HUGE_VAL;
        std::memcpy(&bits, &infinity, sizeof bits);
        QTest::addRow("double -inf") << int(MessageFormat::Double) << bigEndian64(bits) << QStringLiteral("-Infinity") << QString();
        QTest::addRow("double empty") << int(MessageFormat::Double) << QByteArray() << QString() << QStringLiteral("expected 8 bytes, got 0");
    }

    void numbers()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QFETCH(QString, error);
        const DecodedPayload payload = decode(bytes, MessageFormat(format));
        QCOMPARE(payload.text, text);
        QCOMPARE(payload.error, error);
        QCOMPARE(payload.kind, error.isEmpty() ? DecodedPayload::Kind::Text : DecodedPayload::Kind::Error);
    }

    void autoChooses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("formatName");
        QTest::addColumn<QString>("shown");
        QTest::addRow("object") << QByteArray(" {\"a\": 1} ") << QStringLiteral("json") << QStringLiteral("{\"a\":1}");
        QTest::addRow("array") << QByteArray("[1, 2]") << QStringLiteral("json") << QStringLiteral("[1,2]");
        QTest::addRow("number is text") << QByteArray("42") << QStringLiteral("string") << QStringLiteral("42");
        QTest::addRow("broken json is text") << QByteArray("{not json") << QStringLiteral("string") << QStringLiteral("{not json");
        QTest::addRow("text") << QByteArray("grüße\tan alle\n") << QStringLiteral("string") << QStringLiteral("grüße\tan alle\n");
        QTest::addRow("empty") << QByteArray("") << QStringLiteral("string") << QString();
        QTest::addRow("binary") << QByteArray("\x01\x02\x03\x04", 4) << QStringLiteral("hex") << QStringLiteral("01020304");
        QTest::addRow("invalid utf-8") << QByteArray("caf\xe9") << QStringLiteral("hex") << QStringLiteral("636166e9");
        QTest::addRow("one control in 20 is text") << QByteArray("abcdefghijklmnopqrs\x01") << QStringLiteral("string")
                                                   << QStringLiteral("abcdefghijklmnopqrs\x01");
        QTest::addRow("two controls in 20 are binary") << QByteArray("abcdefghijklmnopqr\x01\x02") << QStringLiteral("hex")
                                                       << QStringLiteral("6162636465666768696a6b6c6d6e6f7071720102");
        // Without a registry, a Confluent-looking frame is just bytes.
        QTest::addRow("framed without registry") << (QByteArray(1, '\0') + bigEndian32(7) + "\x02x")
                                                 << QStringLiteral("hex") << QStringLiteral("00000000070278");
    }

    void autoChooses()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, formatName);
        QFETCH(QString, shown);
        const DecodedPayload payload = decode(bytes, MessageFormat::Auto);
        QCOMPARE(payload.formatName, formatName);
        QCOMPARE(formatName == QLatin1String("json") ? QString::fromUtf8(payload.json) : payload.text, shown);
        QVERIFY(!payload.isError());
    }

    void avroRegistryFramingErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::addRow("json is not framed") << QByteArray("{\"a\":1}") << QStringLiteral("not Confluent-framed: magic byte 0x7b");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("not Confluent-framed: the payload is empty");
        QTest::addRow("short header") << QByteArray("\0\0\1", 3)
                                      << QStringLiteral("not Confluent-framed: 3 bytes, the header alone needs 5");
        QTest::addRow("no registry") << (QByteArray(1, '\0') + bigEndian32(42) + "\x02")
                                     << QStringLiteral("schema id 42, but no Schema Registry is configured");
    }

    void avroRegistryFramingErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const DecodedPayload payload = decode(bytes, MessageFormat::AvroRegistry);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QCOMPARE(payload.formatName, QStringLiteral("avro"));
        QCOMPARE(payload.error, error);
    }

    void avroFile()
    {
        const QString schemaFile = writeFile(QStringLiteral("order.avsc"), OrderSchema);
        const DecodedPayload payload = decode(orderDatum(7, QStringLiteral("ann"), 12.5), MessageFormat::AvroFile, schemaFile);
        QVERIFY2(payload.kind == DecodedPayload::Kind::Json, qPrintable(payload.error));
        QCOMPARE(payload.formatName, QStringLiteral("avro-file"));
        const QJsonObject expected { { QStringLiteral("id"), 7 }, { QStringLiteral("customer"), QStringLiteral("ann") },
            { QStringLiteral("amount"), 12.5 }, { QStringLiteral("note"), QJsonValue::Null } };
        QCOMPARE(jsonObject(payload.json), expected);
        QCOMPARE(payload.writerSchema, OrderSchema);
        QVERIFY(payload.preview().contains(QLatin1String("ann")));
    }

    void avroFileErrors()
    {
        const QString schemaFile = writeFile(QStringLiteral("order2.avsc"), OrderSchema);
        const QByteArray datum = orderDatum(7, QStringLiteral("ann"), 12.5);
        DecodedPayload payload = decode(datum.left(datum.size() - 3), MessageFormat::AvroFile, schemaFile);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QVERIFY2(payload.error.contains(QLatin1String("truncated")), qPrintable(payload.error));

        // A string length far beyond the data (zigzag varint of 2^31-1): an error, not an allocation.
        QByteArray lying = QByteArray::fromHex("0e") + QByteArray::fromHex("feffffff0f") + "ann";
        payload = decode(lying, MessageFormat::AvroFile, schemaFile);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);

        payload = decode(datum, MessageFormat::AvroFile, m_dir.filePath(QStringLiteral("missing.avsc")));
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QVERIFY2(payload.error.startsWith(QLatin1String("cannot read the schema file")), qPrintable(payload.error));

        const QString broken = writeFile(QStringLiteral("broken.avsc"), "{\"type\": \"record\", \"name\": ");
        payload = decode(datum, MessageFormat::AvroFile, broken);
        QVERIFY2(payload.error.contains(QLatin1String("is not a valid Avro schema")), qPrintable(payload.error));

        payload = decode(datum, MessageFormat::AvroFile);
        QCOMPARE(payload.error, QStringLiteral("no Avro schema file chosen"));
    }

    void avroFileIsReadOnceUntilForgotten()
    {
        const QString path = writeFile(QStringLiteral("changing.avsc"), R"("long")");
        PayloadDecoder decoder(nullptr);
        const QByteArray fourteen = QByteArray::fromHex("1c");
        QCOMPARE(decoder.decode(fourteen, false, options(MessageFormat::AvroFile, path)).json, QByteArray("14"));
        writeFile(QStringLiteral("changing.avsc"), R"("int")");
        QCOMPARE(decoder.decode(QByteArray::fromHex("1c01"), false, options(MessageFormat::AvroFile, path)).kind,
            DecodedPayload::Kind::Error);
        decoder.forgetSchemaFiles();
        writeFile(QStringLiteral("changing.avsc"), R"("string")");
        QCOMPARE(decoder.decode(QByteArray::fromHex("0278"), false, options(MessageFormat::AvroFile, path)).json,
            QByteArray("\"x\""));
    }

    void avroSingleObject()
    {
        const QString schemaFile = writeFile(QStringLiteral("single.avsc"), OrderSchema);
        QString error;
        const auto reference = AvroDatumDecoder::create(OrderSchema, &error);
        QVERIFY2(reference, qPrintable(error));
        const QByteArray datum = orderDatum(9, QStringLiteral("bo"), 1.0);
        const QByteArray framed = QByteArray::fromHex("c301") + littleEndian64(reference->fingerprint()) + datum;
        DecodedPayload payload = decode(framed, MessageFormat::AvroSingleObject, schemaFile);
        QVERIFY2(payload.kind == DecodedPayload::Kind::Json, qPrintable(payload.error));
        QCOMPARE(jsonObject(payload.json).value(QLatin1String("customer")).toString(), QStringLiteral("bo"));

        const QByteArray otherFingerprint
            = QByteArray::fromHex("c301") + littleEndian64(reference->fingerprint() ^ 1) + datum;
        payload = decode(otherFingerprint, MessageFormat::AvroSingleObject, schemaFile);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QVERIFY2(payload.error.startsWith(QLatin1String("unknown schema fingerprint 0x")), qPrintable(payload.error));
        QVERIFY(payload.error.contains(QLatin1String("single.avsc has fingerprint")));

        payload = decode(datum, MessageFormat::AvroSingleObject, schemaFile);
        QVERIFY2(payload.error.startsWith(QLatin1String("not single-object encoded: the marker C3 01 is missing")),
            qPrintable(payload.error));
        payload = decode(QByteArray::fromHex("c30100"), MessageFormat::AvroSingleObject, schemaFile);
        QCOMPARE(payload.error, QStringLiteral("not single-object encoded: 3 bytes, the header alone needs 10"));
        // Truncated datum after a valid header: the position counts from the start of the payload.
        payload = decode(framed.left(12), MessageFormat::AvroSingleObject, schemaFile);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QVERIFY2(payload.error.contains(QLatin1String("truncated")), qPrintable(payload.error));
    }

    void previewIsOneLine()
    {
        DecodedPayload text;
        text.kind = DecodedPayload::Kind::Text;
        text.text = QStringLiteral("line one\nline two\tand\rmore");
        QCOMPARE(text.preview(), QStringLiteral("line one line two and more"));
        QCOMPARE(text.preview(4), QStringLiteral("line") + QChar(0x2026));

        DecodedPayload json;
        json.kind = DecodedPayload::Kind::Json;
        json.json = QByteArray("{\"a\":\"") + QByteArray(5000, 'x') + "\"}";
        QCOMPARE(json.preview(10).size(), 11);

        DecodedPayload error;
        error.kind = DecodedPayload::Kind::Error;
        error.error = QStringLiteral("unknown schema id 42");
        QCOMPARE(error.preview(), QString(QChar(0x26A0)) + QStringLiteral(" unknown schema id 42"));
        QCOMPARE(DecodedPayload().preview(), QString());
    }

    void decodesFromManyThreadsAtOnce()
    {
        const QString schemaFile = writeFile(QStringLiteral("threads.avsc"), OrderSchema);
        std::vector<QByteArray> data;
        for (int i = 0; i < 64; ++i)
            data.push_back(orderDatum(i, QStringLiteral("c%1").arg(i), i * 0.5));
        PayloadDecoder decoder(nullptr);
        std::atomic<int> wrong { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int round = 0; round < 200; ++round) {
                    for (int i = 0; i < int(data.size()); ++i) {
                        const DecodedPayload payload
                            = decoder.decode(data[size_t(i)], false, options(MessageFormat::AvroFile, schemaFile));
                        if (jsonObject(payload.json).value(QLatin1String("id")).toInt() != i)
                            ++wrong;
                        const DecodedPayload automatic
                            = decoder.decode(QByteArray("{\"n\":1}"), false, options(MessageFormat::Auto));
                        if (automatic.json != "{\"n\":1}")
                            ++wrong;
                    }
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
    }
};

SAMSA_TEST_MAIN(TestPayloadDecoder, QCoreApplication)
#include "tst_payloaddecoder.moc"

// JSON to Avro binary (AvroJsonEncoder) for producing, its framing helpers, and the sample values
// the produce dialog offers (AvroSampleGenerator). The fixtures must encode back to the very bytes
// Apache Avro wrote, and decode(encode(json)) must give the JSON again.

#include "avrotestsupport.h"
#include "decoding/avrodatumdecoder.h"
#include "decoding/avroframing.h"
#include "decoding/avrojsonencoder.h"
#include "decoding/avrosamplegenerator.h"
#include "testmain.h"

#include <QTest>

using namespace Samsa;
using namespace Samsa::Test;
using samsa::Json;

namespace {

std::shared_ptr<const AvroJsonEncoder> encoderFor(const QByteArray& schema)
{
    QString error;
    auto encoder = AvroJsonEncoder::create(schema, &error);
    if (!encoder)
        qWarning("schema refused: %s", qPrintable(error));
    return encoder;
}

const QByteArray LogicalSchema = R"({"type":"record","name":"L","namespace":"t","fields":[
  {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":40,"scale":2}},
  {"name":"fixedPrice","type":{"type":"fixed","name":"F8","size":8,"logicalType":"decimal","precision":18,"scale":2}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"tsMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
  {"name":"local","type":{"type":"long","logicalType":"local-timestamp-millis"}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"time","type":{"type":"int","logicalType":"time-millis"}},
  {"name":"timeMicros","type":{"type":"long","logicalType":"time-micros"}},
  {"name":"id","type":{"type":"string","logicalType":"uuid"}},
  {"name":"rawId","type":{"type":"fixed","name":"U16","size":16,"logicalType":"uuid"}},
  {"name":"span","type":{"type":"fixed","name":"D12","size":12,"logicalType":"duration"}},
  {"name":"maybe","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null}
]})";

const QByteArray RecursiveSchema = R"({"type":"record","name":"Tree","namespace":"t","fields":[
  {"name":"label","type":"string"},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["LEAF","NODE"]}},
  {"name":"children","type":{"type":"array","items":"Tree"}},
  {"name":"parent","type":["null","Tree"],"default":null},
  {"name":"meta","type":{"type":"map","values":["null","long","string","bytes"]}},
  {"name":"hash","type":{"type":"fixed","name":"H","size":2}}
]})";

QString roundTrip(const QByteArray& schema, const QByteArray& json, bool readable)
{
    const auto encoder = encoderFor(schema);
    QString error;
    const auto decoder = AvroDatumDecoder::create(schema, &error);
    const auto encoded = encoder->encode(json, readable);
    if (!encoded.ok)
        return QStringLiteral("encode: ") + encoded.error;
    const auto decoded = decoder->decode(encoded.datum, readable);
    if (!decoded.ok)
        return QStringLiteral("decode: ") + decoded.error;
    return QString::fromStdString(parseExact(decoded.json).dump());
}

// The text of a JSON value as samsa::Json writes it, for comparing values written differently.
QString canonical(const QByteArray& json)
{
    return QString::fromStdString(parseExact(json).dump());
}

} // namespace

class TestAvroEncoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixturesEncodeToApacheAvrosBytes()
    {
        const QList<AvroFixture> fixtures = readAvroFixtures();
        QCOMPARE(fixtures.size(), 120);
        for (const AvroFixture& fixture : fixtures) {
            const auto encoder = encoderFor(readAvroSchema(fixture.schemaId));
            QVERIFY(encoder);
            const auto result = encoder->encode(fixture.expectedText, false);
            QVERIFY2(result.ok, qPrintable(result.error));
            QCOMPARE(AvroFraming::confluent(quint32(fixture.schemaId), result.datum).toHex(), fixture.wire.toHex());
            // And back: the decoder's plain JSON is the expected value again.
            QString error;
            const auto decoder = AvroDatumDecoder::create(readAvroSchema(fixture.schemaId), &error);
            const auto decoded = decoder->decode(result.datum, false);
            QVERIFY(decoded.ok);
            QVERIFY(parseExact(decoded.json) == fixture.expected);
            // What the decoder prints encodes again to the same bytes.
            QCOMPARE(encoder->encode(decoded.json, false).datum, result.datum);
        }
    }

    void logicalTypesReadableAndRaw()
    {
        const QByteArray readable = R"({"price":"-12.34","fixedPrice":"123456.78","ts":"2024-05-01T12:00:00.123Z",
            "tsMicros":"2024-05-01T12:00:00.123456Z","local":"2024-05-01T12:00:00.123","day":"2024-05-01",
            "time":"12:45:00.250","timeMicros":"12:45:00.250001","id":"123e4567-e89b-12d3-a456-426614174000",
            "rawId":"123e4567-e89b-12d3-a456-426614174000","span":"P14M3DT1H2M3.004S","maybe":"1970-01-01T00:00:00.000Z"})";
        QCOMPARE(roundTrip(LogicalSchema, readable, true), QString::fromStdString(parseExact(readable).dump()));

        // The same values raw, as Avro's JSON encoding has them: numbers and \u00XX strings.
        const auto encoder = encoderFor(LogicalSchema);
        const auto a = encoder->encode(readable, true);
        QVERIFY2(a.ok, qPrintable(a.error));
        const QByteArray raw = R"({"price":"\u00fb.","fixedPrice":"\u0000\u0000\u0000\u0000\u0000\u00bc\u0061\u004e",
            "ts":1714564800123,"tsMicros":1714564800123456,"local":1714564800123,"day":19844,"time":45900250,
            "timeMicros":45900250001,"id":"123e4567-e89b-12d3-a456-426614174000",
            "rawId":"\u0012>Eg\u00e8\u009b\u0012\u00d3\u00a4VBf\u0014\u0017@\u0000",
            "span":"\u000e\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u00fc\u00ce8\u0000","maybe":{"long":0}})";
        const auto b = encoder->encode(raw, false);
        QVERIFY2(b.ok, qPrintable(b.error));
        QCOMPARE(b.datum.toHex(), a.datum.toHex());
        // Readable mode takes raw numbers for timestamps and dates as well (they cannot be mistaken).
        const QByteArray mixed = R"({"price":"-12.34","fixedPrice":"123456.78","ts":1714564800123,
            "tsMicros":1714564800123456,"local":1714564800123,"day":19844,"time":45900250,"timeMicros":45900250001,
            "id":"123e4567-e89b-12d3-a456-426614174000","rawId":"123e4567-e89b-12d3-a456-426614174000",
            "span":"P14M3DT1H2M3.004S","maybe":0})";
        QCOMPARE(encoder->encode(mixed, true).datum.toHex(), a.datum.toHex());
        // A zone offset is applied; missing fields take their defaults.
        QCOMPARE(roundTrip(LogicalSchema,
                     R"({"price":"5","fixedPrice":"-0.01","ts":"2024-05-01T14:00:00+02:00","tsMicros":0,"local":0,
                         "day":"1970-01-01","time":"00:00","timeMicros":0,"id":"x","rawId":"0123456789abcdef",
                         "span":"PT0S"})",
                     true),
            canonical(R"({"price":"5.00","fixedPrice":"-0.01","ts":"2024-05-01T12:00:00.000Z",)"
                           R"("tsMicros":"1970-01-01T00:00:00.000000Z","local":"1970-01-01T00:00:00.000",)"
                           R"("day":"1970-01-01","time":"00:00:00.000","timeMicros":"00:00:00.000000","id":"x",)"
                           R"("rawId":"30313233-3435-3637-3839-616263646566","span":"PT0S","maybe":null})"));
    }

    void errorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray order = readAvroSchema(1);
        const QByteArray good = R"("id":1,"customer":"c","amount":1.5,"paid":true,"note":null,"status":"NEW")";
        QTest::addRow("item qty") << order
                                  << QByteArray(R"({)" + good + R"(,"items":[{"sku":"a","qty":1},{"sku":"b","qty":2},{"sku":"c","qty":"3"}]})")
                                  << "items[2].qty: expected int, got string";
        QTest::addRow("int range") << order << QByteArray(R"({)" + good + R"(,"items":[{"sku":"a","qty":2147483648}]})")
                                   << "items[0].qty: 2147483648 does not fit an int";
        QTest::addRow("missing field") << order << QByteArray(R"({"id":1,"customer":"c","amount":1.5,"items":[],"status":"NEW"})")
                                       << "paid: missing, and the field has no default";
        QTest::addRow("unknown field") << order << QByteArray(R"({)" + good + R"(,"items":[],"colour":"red"})")
                                       << "unknown field 'colour' in shop.Order";
        QTest::addRow("enum symbol") << order
                                     << QByteArray(R"({"id":1,"customer":"c","amount":1.5,"paid":true,"note":null,"items":[],"status":"LOST"})")
                                     << "status: expected one of NEW, PAID, SHIPPED, got \"LOST\"";
        QTest::addRow("union") << order
                               << QByteArray(R"({"id":1,"customer":"c","amount":1.5,"paid":true,"note":5,"items":[],"status":"NEW"})")
                               << "note: integer fits no branch of the union [null, string]";
        QTest::addRow("long as a fraction") << order << QByteArray(R"({"id":1.5,"customer":"c","amount":1.5,"paid":true,"note":null,"items":[],"status":"NEW"})")
                                            << "id: expected long, got number";
        QTest::addRow("long beyond 64 bits") << order
                                             << QByteArray(R"({"id":9223372036854775808,"customer":"c","amount":1.5,"paid":true,"note":null,"items":[],"status":"NEW"})")
                                             << "id: expected long, got number";
        QTest::addRow("not JSON") << order << QByteArray("{\"id\":") << "invalid JSON";
        QTest::addRow("root type") << QByteArray(R"("int")") << QByteArray(R"("x")") << "expected int, got string";
        QTest::addRow("decimal scale") << LogicalSchema << QByteArray(R"({"price":"1.234"})")
                                       << "price: expected a decimal with at most 2 digits after the point, got \"1.234\"";
        QTest::addRow("decimal too big for fixed") << LogicalSchema << QByteArray(R"({"price":"1","fixedPrice":"999999999999999999999"})")
                                                   << "fixedPrice: expected a decimal with at most 2 digits after the point that fits 8 bytes";
        QTest::addRow("timestamp text") << LogicalSchema << QByteArray(R"({"price":"1","fixedPrice":"1","ts":"yesterday"})")
                                        << "ts: expected a timestamp like 2024-05-01T12:00:00.000Z, got \"yesterday\"";
        QTest::addRow("date text") << LogicalSchema
                                   << QByteArray(R"({"price":"1","fixedPrice":"1","ts":0,"tsMicros":0,"local":0,"day":"2023-02-29"})")
                                   << "day: expected a date like 2024-05-01, got \"2023-02-29\"";
        QTest::addRow("fixed size") << RecursiveSchema
                                    << QByteArray(R"({"label":"a","kind":"LEAF","children":[],"meta":{},"hash":"abc"})")
                                    << "hash: expected 2 bytes for fixed t.H, got 3";
        QTest::addRow("bytes beyond latin-1") << RecursiveSchema
                                              << QByteArray(R"({"label":"a","kind":"LEAF","children":[],"meta":{"k":{"bytes":"\u0100"}},"hash":"ab"})")
                                              << R"(meta["k"]: expected bytes as a string of characters up to \u00ff)";
        QTest::addRow("deep path") << RecursiveSchema
                                   << QByteArray(R"({"label":"a","kind":"NODE","hash":"ab","meta":{},"children":[
                                          {"label":"b","kind":"NODE","hash":"ab","meta":{},"children":[
                                            {"label":"c","kind":"LEAF","hash":"ab","meta":{"x":true},"children":[]}]}]})")
                                   << R"(children[0].children[0].meta["x"]: boolean fits no branch of the union [null, long, string, bytes])";
    }

    void errorsNameTheField()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto result = encoderFor(schema)->encode(json);
        QVERIFY(!result.ok);
        QVERIFY(result.datum.isEmpty());
        QVERIFY2(result.error.startsWith(error), qPrintable(result.error));
    }

    void unionsPlainAndWrapped()
    {
        const QByteArray json = R"({"label":"root","kind":"NODE","hash":"\u0000\u00ff",
            "meta":{"n":null,"l":9223372036854775807,"s":"text","w":{"long":-9223372036854775808}},
            "children":[{"label":"leaf","kind":"LEAF","children":[],"meta":{},"hash":"ab"}],
            "parent":{"t.Tree":{"label":"p","kind":"LEAF","children":[],"meta":{},"hash":"cd","parent":null}}})";
        const QString decoded = roundTrip(RecursiveSchema, json, true);
        QCOMPARE(decoded,
            canonical(R"({"label":"root","kind":"NODE","children":[{"label":"leaf","kind":"LEAF","children":[],)"
                      R"("parent":null,"meta":{},"hash":"ab"}],"parent":{"label":"p","kind":"LEAF","children":[],)"
                      R"("parent":null,"meta":{},"hash":"cd"},"meta":{"n":null,"l":9223372036854775807,"s":"text",)"
                      R"("w":-9223372036854775808},"hash":"\u0000\u00ff"})"));
        // The decoder's unwrapped output encodes to the same bytes as the wrapped input.
        const auto encoder = encoderFor(RecursiveSchema);
        QCOMPARE(encoder->encode(decoded.toUtf8()).datum.toHex(), encoder->encode(json).datum.toHex());

        // Plain JSON cannot tell bytes from a string: a string goes to the string branch, the
        // wrapped form reaches the bytes branch.
        QString error;
        const auto decoder = AvroDatumDecoder::create(RecursiveSchema, &error);
        const QByteArray head = R"({"label":"a","kind":"LEAF","children":[],"hash":"ab","meta":{"b":)";
        auto branchOf = [&](const QByteArray& value) {
            const auto encoded = encoder->encode(QByteArray(head + value + "}}"));
            const auto result = decoder->decode(encoded.datum, true);
            return result.unionBranches.join(QLatin1Char(';'));
        };
        QCOMPARE(branchOf(R"({"bytes":"\u0001"})"), QStringLiteral(R"(parent: null;meta["b"]: bytes)"));
        QCOMPARE(branchOf(R"("\u0001")"), QStringLiteral(R"(parent: null;meta["b"]: string)"));
    }

    void framing()
    {
        const QByteArray datum("\x02\x79", 2);
        const QByteArray confluent = AvroFraming::confluent(0x01020304, datum);
        QCOMPARE(confluent.toHex(), QByteArray("00010203040279"));
        quint32 id = 0;
        QByteArrayView rest;
        QVERIFY(AvroFraming::readConfluent(confluent, &id, &rest));
        QCOMPARE(id, quint32(0x01020304));
        QCOMPARE(rest.toByteArray(), datum);
        QVERIFY(!AvroFraming::readConfluent(QByteArray("\x01\0\0\0\1", 5), &id, &rest));
        QVERIFY(!AvroFraming::readConfluent(QByteArray("\0\0\0", 3), &id, &rest));

        // Single-object encoding of a "string" datum: C3 01 and the fingerprint little-endian.
        const auto encoder = encoderFor(R"("string")");
        const QByteArray single = AvroFraming::singleObject(encoder->fingerprint(), datum);
        const quint64 stringFingerprint = quint64(-8142146995180207161LL);
        QByteArray expected("\xc3\x01", 2);
        for (int i = 0; i < 8; ++i)
            expected += char((stringFingerprint >> (8 * i)) & 0xff);
        QCOMPARE(single.toHex(), QByteArray(expected + datum).toHex());
        quint64 fingerprint = 0;
        QVERIFY(AvroFraming::readSingleObject(single, &fingerprint, &rest));
        QCOMPARE(fingerprint, stringFingerprint);
        QCOMPARE(rest.toByteArray(), datum);
        QVERIFY(!AvroFraming::readSingleObject(confluent, &fingerprint, &rest));
    }

    void samplesAreValid_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addRow("orders") << readAvroSchema(1);
        QTest::addRow("reviews") << readAvroSchema(2);
        QTest::addRow("string") << readAvroSchema(3);
        QTest::addRow("logical types") << LogicalSchema;
        QTest::addRow("recursive") << RecursiveSchema;
        QTest::addRow("tight decimal") << QByteArray(
            R"({"type":"fixed","name":"F1","size":1,"logicalType":"decimal","precision":2,"scale":2})");
        QTest::addRow("union of records") << QByteArray(R"([{"type":"record","name":"A","fields":[{"name":"a","type":"int"}]},
                                                     {"type":"record","name":"B","fields":[{"name":"b","type":"A"}]}])");
    }

    void samplesAreValid()
    {
        QFETCH(QByteArray, schema);
        QString error;
        const QByteArray sample = AvroSampleGenerator::generate(schema, &error, true, 1714564800123);
        QVERIFY2(!sample.isEmpty(), qPrintable(error));
        const auto encoded = encoderFor(schema)->encode(sample);
        QVERIFY2(encoded.ok, qPrintable(encoded.error + QStringLiteral("\n") + QString::fromUtf8(sample)));
        // And it reads back as the same value.
        const auto decoded = AvroDatumDecoder::create(schema, &error)->decode(encoded.datum, true);
        QVERIFY2(decoded.ok, qPrintable(decoded.error));
        QVERIFY(parseExact(decoded.json) == parseExact(sample));
    }

    void sampleContent()
    {
        QString error;
        const QByteArray sample = AvroSampleGenerator::generate(LogicalSchema, &error, false, 1714564800123);
        QCOMPARE(sample,
            QByteArray(R"({"price":"1.50","fixedPrice":"1.50","ts":"2024-05-01T12:00:00.123Z",)"
                       R"("tsMicros":"2024-05-01T12:00:00.123000Z","local":"2024-05-01T12:00:00.123","day":"2024-05-01",)"
                       R"("time":"12:30:00.000","timeMicros":"12:30:00.000000","id":"123e4567-e89b-12d3-a456-426614174000",)"
                       R"("rawId":"123e4567-e89b-12d3-a456-426614174000","span":"P1M2DT3H","maybe":"2024-05-01T12:00:00.123Z"})"));
        QVERIFY(AvroSampleGenerator::generate("{", &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }
};

SAMSA_TEST_MAIN(TestAvroEncoder, QCoreApplication)
#include "tst_avroencoder.moc"

// Avro binary datums to plain JSON (AvroDatumDecoder): the fixture corpus encoded by Apache Avro's
// own implementation (tests/data/avro), every logical type, unions, nesting, recursion, and hostile
// bytes, which must give a readable error with its position and never a crash or a hang.

#include "avrotestsupport.h"
#include "decoding/avrodatumdecoder.h"
#include "decoding/avroframing.h"
#include "testmain.h"

#include <QDateTime>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <thread>

using namespace Samsa;
using namespace Samsa::Test;
using samsa::Json;

namespace {

std::shared_ptr<const AvroDatumDecoder> decoderFor(const QByteArray& schema)
{
    QString error;
    auto decoder = AvroDatumDecoder::create(schema, &error);
    if (!decoder)
        qWarning("schema refused: %s", qPrintable(error));
    return decoder;
}

QByteArray datumOf(const AvroFixture& fixture)
{
    quint32 id = 0;
    QByteArrayView datum;
    if (!AvroFraming::readConfluent(fixture.wire, &id, &datum) || int(id) != fixture.schemaId)
        return {};
    return datum.toByteArray();
}

const QByteArray LogicalSchema = R"({"type":"record","name":"L","fields":[
  {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":40,"scale":2}},
  {"name":"big","type":{"type":"bytes","logicalType":"decimal","precision":60,"scale":5}},
  {"name":"fixedPrice","type":{"type":"fixed","name":"F8","size":8,"logicalType":"decimal","precision":18,"scale":2}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"tsMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
  {"name":"local","type":{"type":"long","logicalType":"local-timestamp-millis"}},
  {"name":"localMicros","type":{"type":"long","logicalType":"local-timestamp-micros"}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"time","type":{"type":"int","logicalType":"time-millis"}},
  {"name":"timeMicros","type":{"type":"long","logicalType":"time-micros"}},
  {"name":"id","type":{"type":"string","logicalType":"uuid"}},
  {"name":"rawId","type":{"type":"fixed","name":"U16","size":16,"logicalType":"uuid"}},
  {"name":"span","type":{"type":"fixed","name":"D12","size":12,"logicalType":"duration"}},
  {"name":"notDecimal","type":{"type":"long","logicalType":"decimal","precision":4,"scale":2}},
  {"name":"badScale","type":{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}},
  {"name":"maybe","type":["null",{"type":"long","logicalType":"timestamp-millis"}]}
]})";

QByteArray le32(quint32 v)
{
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i)
        out[i] = char((v >> (8 * i)) & 0xff);
    return out;
}

struct LogicalRow {
    QByteArray price, big, fixedPrice;
    qint64 ts, tsMicros, local, localMicros;
    qint32 day, time;
    qint64 timeMicros;
    QByteArray id, rawId, span;
    qint64 notDecimal;
    QByteArray badScale;
    qint64 maybe; // written as branch 1
};

QByteArray encodeLogical(const LogicalRow& r)
{
    return avroBytes(r.price) + avroBytes(r.big) + r.fixedPrice + avroLong(r.ts) + avroLong(r.tsMicros)
        + avroLong(r.local) + avroLong(r.localMicros) + avroLong(r.day) + avroLong(r.time) + avroLong(r.timeMicros)
        + avroBytes(r.id) + r.rawId + r.span + avroLong(r.notDecimal) + avroBytes(r.badScale) + avroLong(1)
        + avroLong(r.maybe);
}

const QByteArray NestedSchema = R"({"type":"record","name":"Node","namespace":"t","fields":[
  {"name":"name","type":"string"},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B","C"]}},
  {"name":"hash","type":{"type":"fixed","name":"H","size":4}},
  {"name":"attrs","type":{"type":"map","values":["null","int","string",{"type":"array","items":"double"}]}},
  {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"f","type":"float"},{"name":"b","type":"bytes"}]}},
  {"name":"next","type":["null","Node"],"default":null}
]})";

} // namespace

class TestAvroDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtures()
    {
        const QList<AvroFixture> fixtures = readAvroFixtures();
        QCOMPARE(fixtures.size(), 120);
        std::map<int, std::shared_ptr<const AvroDatumDecoder>> decoders;
        for (int id : { 1, 2, 3 }) {
            decoders[id] = decoderFor(readAvroSchema(id));
            QVERIFY(decoders[id]);
        }
        int line = 0;
        for (const AvroFixture& fixture : fixtures) {
            ++line;
            const QByteArray datum = datumOf(fixture);
            QVERIFY2(!datum.isEmpty(), qPrintable(QStringLiteral("line %1: bad framing").arg(line)));
            const auto result = decoders[fixture.schemaId]->decode(datum, false);
            QVERIFY2(result.ok, qPrintable(QStringLiteral("line %1: %2").arg(line).arg(result.error)));
            QCOMPARE(result.bytesRead, datum.size());
            const Json actual = parseExact(result.json);
            if (!(actual == fixture.expected))
                QFAIL(qPrintable(QStringLiteral("line %1\n  actual:   %2\n  expected: %3")
                                     .arg(line)
                                     .arg(QString::fromUtf8(result.json), QString::fromUtf8(fixture.expectedText))));
            if (fixture.schemaId == 1) {
                // The one union of the orders schema, by name.
                const QString branch = fixture.expected.find("note")->isNull() ? QStringLiteral("note: null")
                                                                              : QStringLiteral("note: string");
                QCOMPARE(result.unionBranches, QStringList { branch });
            }
        }
    }

    void fixturesReadable()
    {
        // Readable logical types change only the logical fields: here reviews' created
        // (timestamp-millis), as ISO-8601 in UTC within years 1 to 9999, else the number.
        const QList<AvroFixture> fixtures = readAvroFixtures();
        int rendered = 0;
        for (const AvroFixture& fixture : fixtures) {
            const auto decoder = decoderFor(readAvroSchema(fixture.schemaId));
            const auto result = decoder->decode(datumOf(fixture), true);
            QVERIFY2(result.ok, qPrintable(result.error));
            Json expected = fixture.expected;
            if (fixture.schemaId == 2) {
                const qint64 millis = expected.find("created")->integer();
                const QDateTime time = QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
                if (time.isValid() && time.date().year() >= 1 && time.date().year() <= 9999) {
                    expected.set("created", time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")).toStdString());
                    ++rendered;
                }
            }
            QCOMPARE(QString::fromStdString(parseExact(result.json).dump()), QString::fromStdString(expected.dump()));
        }
        QVERIFY(rendered > 0);
    }

    void prettyOutputIsTheSameValue()
    {
        const auto decoder = decoderFor(readAvroSchema(1));
        for (const AvroFixture& fixture : readAvroFixtures()) {
            if (fixture.schemaId != 1)
                continue;
            const auto compact = decoder->decode(datumOf(fixture), false, false);
            const auto pretty = decoder->decode(datumOf(fixture), false, true);
            QVERIFY(pretty.json.contains('\n'));
            QVERIFY(parseExact(compact.json) == parseExact(pretty.json));
        }
    }

    void identity()
    {
        const auto decoder = decoderFor(readAvroSchema(1));
        QCOMPARE(decoder->fullName(), QStringLiteral("shop.Order"));
        QCOMPARE(decoder->schemaJson(), readAvroSchema(1));
        QCOMPARE(decoderFor(readAvroSchema(3))->fullName(), QStringLiteral("string"));
        // Fingerprint of "string" as published by the Avro specification's test data.
        QCOMPARE(decoderFor(readAvroSchema(3))->fingerprint(), quint64(-8142146995180207161LL));
        QString error;
        QVERIFY(!AvroDatumDecoder::create(R"({"type":"record","name":"X"})", &error));
        QVERIFY2(error.contains(QStringLiteral("fields")), qPrintable(error));
        QVERIFY(!AvroDatumDecoder::create("not json", &error));
        QVERIFY(!error.isEmpty());
    }

    void logicalTypes_data()
    {
        QTest::addColumn<QByteArray>("datum");
        QTest::addColumn<QByteArray>("readable");
        QTest::addColumn<QByteArray>("raw");

        LogicalRow r;
        r.price = QByteArray::fromHex("fb2e"); // -1234
        r.big = QByteArray::fromHex("10000000000000000000000000"); // 2^100
        r.fixedPrice = QByteArray::fromHex("ffffffffffffffff"); // -1
        r.ts = 1714564800123;
        r.tsMicros = 1714564800123456;
        r.local = 1714564800123;
        r.localMicros = -1;
        r.day = 19844;
        r.time = 45900250;
        r.timeMicros = 45900250001;
        r.id = "123e4567-e89b-12d3-a456-426614174000";
        r.rawId = QByteArray::fromHex("123e4567e89b12d3a456426614174000");
        r.span = le32(14) + le32(3) + le32(3723004);
        r.notDecimal = 1234;
        r.badScale = QByteArray::fromHex("05");
        r.maybe = 0;
        QTest::addRow("typical") << encodeLogical(r)
                                 << QByteArray(R"({"price":"-12.34","big":"12676506002282294014967032.05376",)"
                                               R"("fixedPrice":"-0.01","ts":"2024-05-01T12:00:00.123Z",)"
                                               R"("tsMicros":"2024-05-01T12:00:00.123456Z",)"
                                               R"("local":"2024-05-01T12:00:00.123",)"
                                               R"("localMicros":"1969-12-31T23:59:59.999999","day":"2024-05-01",)"
                                               R"("time":"12:45:00.250","timeMicros":"12:45:00.250001",)"
                                               R"("id":"123e4567-e89b-12d3-a456-426614174000",)"
                                               R"("rawId":"123e4567-e89b-12d3-a456-426614174000",)"
                                               R"("span":"P14M3DT1H2M3.004S","notDecimal":1234,"badScale":"\u0005",)"
                                               R"("maybe":"1970-01-01T00:00:00.000Z"})")
                                 << QByteArray(R"({"price":"\u00fb.","big":"\u0010\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000",)"
                                               R"("fixedPrice":"\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff",)"
                                               R"("ts":1714564800123,"tsMicros":1714564800123456,"local":1714564800123,)"
                                               R"("localMicros":-1,"day":19844,"time":45900250,"timeMicros":45900250001,)"
                                               R"("id":"123e4567-e89b-12d3-a456-426614174000",)"
                                               R"("rawId":"\u0012>Eg\u00e8\u009b\u0012\u00d3\u00a4VBf\u0014\u0017@\u0000",)"
                                               R"("span":"\u000e\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u00fc\u00ce8\u0000",)"
                                               R"("notDecimal":1234,"badScale":"\u0005","maybe":0})");

        // Edges: the last representable instant, zero, tiny and negative decimals, empty bytes.
        LogicalRow e = r;
        e.price = QByteArray();
        e.big = QByteArray::fromHex("f0000000000000000000000000"); // -(2^100)
        e.fixedPrice = QByteArray::fromHex("0000000000000005");
        e.ts = 253402300799999; // 9999-12-31T23:59:59.999Z
        e.tsMicros = -62135596800000000; // 0001-01-01T00:00:00Z
        e.local = 253402300800000; // year 10000: stays a number
        e.localMicros = std::numeric_limits<qint64>::min();
        e.day = -719162; // 0001-01-01
        e.time = 0;
        e.timeMicros = 86400000000 - 1;
        e.span = le32(0) + le32(0) + le32(0);
        e.maybe = std::numeric_limits<qint64>::max();
        QTest::addRow("edges") << encodeLogical(e)
                               << QByteArray(R"({"price":"0.00","big":"-12676506002282294014967032.05376",)"
                                             R"("fixedPrice":"0.05","ts":"9999-12-31T23:59:59.999Z",)"
                                             R"("tsMicros":"0001-01-01T00:00:00.000000Z","local":253402300800000,)"
                                             R"("localMicros":-9223372036854775808,"day":"0001-01-01",)"
                                             R"("time":"00:00:00.000","timeMicros":"23:59:59.999999",)"
                                             R"("id":"123e4567-e89b-12d3-a456-426614174000",)"
                                             R"("rawId":"123e4567-e89b-12d3-a456-426614174000","span":"PT0S",)"
                                             R"("notDecimal":1234,"badScale":"\u0005","maybe":9223372036854775807})")
                               << QByteArray();

        // Out of range: before year 1, a day past the time of day, negative times.
        LogicalRow o = e;
        o.ts = std::numeric_limits<qint64>::min();
        o.tsMicros = -62135596800000001;
        o.day = -719163;
        o.time = 86400000;
        o.timeMicros = -1;
        o.span = le32(0) + le32(1) + le32(60000);
        o.maybe = -1;
        QTest::addRow("out of range") << encodeLogical(o)
                                      << QByteArray(R"({"price":"0.00","big":"-12676506002282294014967032.05376",)"
                                                    R"("fixedPrice":"0.05","ts":-9223372036854775808,)"
                                                    R"("tsMicros":-62135596800000001,"local":253402300800000,)"
                                                    R"("localMicros":-9223372036854775808,"day":-719163,)"
                                                    R"("time":86400000,"timeMicros":-1,)"
                                                    R"("id":"123e4567-e89b-12d3-a456-426614174000",)"
                                                    R"("rawId":"123e4567-e89b-12d3-a456-426614174000","span":"P1DT1M",)"
                                                    R"("notDecimal":1234,"badScale":"\u0005","maybe":"1969-12-31T23:59:59.999Z"})")
                                      << QByteArray();
    }

    void logicalTypes()
    {
        QFETCH(QByteArray, datum);
        QFETCH(QByteArray, readable);
        QFETCH(QByteArray, raw);
        const auto decoder = decoderFor(LogicalSchema);
        QVERIFY(decoder);
        const auto shown = decoder->decode(datum, true);
        QVERIFY2(shown.ok, qPrintable(shown.error));
        SAMSA_COMPARE_JSON(shown.json, readable);
        QCOMPARE(shown.unionBranches.size(), 1);
        QCOMPARE(shown.unionBranches.first(), QStringLiteral("maybe: long"));
        if (!raw.isEmpty()) {
            const auto plain = decoder->decode(datum, false);
            QVERIFY2(plain.ok, qPrintable(plain.error));
            SAMSA_COMPARE_JSON(plain.json, raw);
        }
    }

    void decimalsOfAnyLength()
    {
        // Against arithmetic done here: n * 256^k - 1 for growing k, as 0x00 0xff... (positive) and
        // its negation, so every length from 1 to 40 bytes is covered.
        const auto decoder = decoderFor(R"({"type":"bytes","logicalType":"decimal","precision":200,"scale":0})");
        QVERIFY(decoder);
        QByteArray digitsOfPower = "1"; // 256^k in decimal, kept by hand multiplication
        for (int k = 1; k <= 40; ++k) {
            // multiply the decimal string by 256
            int carry = 0;
            for (qsizetype i = digitsOfPower.size() - 1; i >= 0; --i) {
                const int v = (digitsOfPower[i] - '0') * 256 + carry;
                digitsOfPower[i] = char('0' + v % 10);
                carry = v / 10;
            }
            while (carry) {
                digitsOfPower.prepend(char('0' + carry % 10));
                carry /= 10;
            }
            // 256^k - 1 = 0x00 ff*k (a leading zero keeps it positive)
            QByteArray minusOne = digitsOfPower;
            for (qsizetype i = minusOne.size() - 1; i >= 0; --i) {
                if (minusOne[i] != '0') {
                    minusOne[i] = char(minusOne[i] - 1);
                    break;
                }
                minusOne[i] = '9';
            }
            const QByteArray positive = QByteArray(1, '\0') + QByteArray(k, char(0xff));
            auto result = decoder->decode(avroBytes(positive), true);
            QCOMPARE(result.json, QByteArray('"' + minusOne + '"'));
            // -(256^k - 1) = 0xff 00*(k-1) 01
            const QByteArray negative = QByteArray(1, char(0xff)) + QByteArray(k - 1, '\0') + QByteArray(1, '\1');
            result = decoder->decode(avroBytes(negative), true);
            QCOMPARE(result.json, QByteArray("\"-" + minusOne + '"'));
        }
    }

    void unionsRecordsMapsRecursion()
    {
        const auto decoder = decoderFor(NestedSchema);
        QVERIFY(decoder);
        // Node{name "a", kind C, hash, attrs {x: 7 (int), y: "s" (string), z: [1.5] (array), n: null},
        //      inner {f 0.5, b "\x00\xff\"}, next Node{name "b", kind A, ..., next null}}
        auto node = [](const QByteArray& name, int kind, const QByteArray& attrs, const QByteArray& next) -> QByteArray {
            return avroBytes(name) + avroLong(kind) + QByteArray("\x01\x02\x7f\x80", 4) + attrs + avroFloat(0.5f)
                + avroBytes(QByteArray("\x00\xff\"\\", 4)) + next;
        };
        const QByteArray attrs = avroLong(4) + avroBytes("x") + avroLong(1) + avroLong(7) + avroBytes("y") + avroLong(2)
            + avroBytes("s") + avroBytes("z") + avroLong(3) + avroLong(1) + avroDouble(1.5) + avroLong(0)
            + avroBytes("n") + avroLong(0) + avroLong(0);
        const QByteArray datum = node("a", 2, attrs, avroLong(1) + node("b", 0, avroLong(0), avroLong(0)));
        const auto result = decoder->decode(datum, true);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QByteArray inner = "{\"f\":0.5,\"b\":\"\\u0000\\u00ff\\\"\\\\\"}";
        const QByteArray expected = QByteArray(R"({"name":"a","kind":"C","hash":"\u0001\u0002\u007f\u0080",)"
                                               R"("attrs":{"x":7,"y":"s","z":[1.5],"n":null},"inner":)")
            + inner
            + R"(,"next":{"name":"b","kind":"A","hash":"\u0001\u0002\u007f\u0080","attrs":{},"inner":)" + inner
            + R"(,"next":null}})";
        SAMSA_COMPARE_JSON(result.json, expected);
        QCOMPARE(result.unionBranches,
            QStringList({ QStringLiteral(R"(attrs["x"]: int)"), QStringLiteral(R"(attrs["y"]: string)"),
                QStringLiteral(R"(attrs["z"]: array)"), QStringLiteral(R"(attrs["n"]: null)"),
                QStringLiteral("next: t.Node"), QStringLiteral("next.next: null") }));
    }

    void rootUnionAndArrays()
    {
        const auto decoder = decoderFor(R"(["null",{"type":"array","items":["int","string"]}])");
        QVERIFY(decoder);
        // A negative block count is followed by the block's size in bytes.
        const QByteArray datum = avroLong(1) + avroLong(-2) + avroLong(4) + avroLong(0) + avroLong(5) + avroLong(1)
            + avroBytes("k") + avroLong(1) + avroLong(0) + avroLong(-3) + avroLong(0);
        const auto result = decoder->decode(datum, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.json, QByteArray(R"([5,"k",-3])"));
        QCOMPARE(result.unionBranches,
            QStringList({ QStringLiteral("(root): array"), QStringLiteral("[0]: int"), QStringLiteral("[1]: string"),
                QStringLiteral("[2]: int") }));
    }

    void numbersAndText()
    {
        static constexpr char Text[] = "ok \x01\n\t\"\\ \xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x99\x82 bad:\xff\xc3(\xed\xa0\x80 end";
        const auto decoder
            = decoderFor(R"({"type":"record","name":"N","fields":[{"name":"d","type":{"type":"array","items":"double"}},
                {"name":"f","type":"float"},{"name":"s","type":"string"},{"name":"b","type":"boolean"}]})");
        QVERIFY(decoder);
        const QByteArray datum = avroLong(5) + avroDouble(std::nan("")) + avroDouble(HUGE_VAL) + avroDouble(-HUGE_VAL)
            + avroDouble(2.0) + avroDouble(-0.1) + avroLong(0) + avroFloat(0.1f)
            + avroBytes(QByteArray(Text, sizeof Text - 1))
            + QByteArray(1, '\1');
        const auto result = decoder->decode(datum, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        const Json json = parseExact(result.json);
        QVERIFY(result.json.contains(R"("d":["NaN","Infinity","-Infinity",2.0,-0.1])"));
        QVERIFY(result.json.contains(R"("f":0.1,)")); // the float's shortest text, not 0.10000000149011612
        // Invalid UTF-8 (a stray 0xff, a cut sequence, an encoded surrogate) becomes U+FFFD; the rest stays.
        QCOMPARE(QString::fromStdString(json.find("s")->string()),
            QString::fromUtf8("ok \x01\n\t\"\\ \xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x99\x82 bad:\xef\xbf\xbd\xef\xbf\xbd("
                              "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd end"));
        QVERIFY(json.find("b")->boolean());
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("datum");
        QTest::addColumn<QString>("error");
        const QByteArray strings = R"({"type":"array","items":"string"})";
        QTest::addRow("empty") << readAvroSchema(1) << QByteArray() << "truncated data at byte 0";
        QTest::addRow("string longer than the data")
            << QByteArray(R"("string")") << QByteArray(avroLong(int64_t(1) << 62) + "abc") << "truncated data at byte 10 (4611686018427387904 more bytes needed, 3 left)";
        QTest::addRow("negative string length") << QByteArray(R"("string")") << QByteArray(avroLong(-5) + "abc")
                                                << "negative length -5 at byte 0";
        QTest::addRow("negative bytes length") << QByteArray(R"("bytes")") << avroLong(-1) << "negative length -1 at byte 0";
        QTest::addRow("array count larger than the data")
            << strings << QByteArray(avroLong(1000000000) + avroBytes("a")) << "a block of 1000000000 items cannot fit";
        QTest::addRow("array count of INT64_MIN") << strings << avroLong(std::numeric_limits<int64_t>::min())
                                                  << "invalid block count at byte 0";
        QTest::addRow("billion nulls") << QByteArray(R"({"type":"array","items":"null"})") << avroLong(1000000000)
                                       << "1000000000 items that take no bytes";
        QTest::addRow("nulls in many blocks")
            << QByteArray(R"({"type":"array","items":"null"})")
            << QByteArray(avroLong(600000) + avroLong(600000) + avroLong(0)) << "600000 items that take no bytes at byte 3";
        QByteArray nested = avroLong(1000);
        for (int i = 0; i < 1000; ++i)
            nested += avroLong(1000000) + avroLong(0);
        nested += avroLong(0);
        QTest::addRow("a million nulls in each of 1000 arrays")
            << QByteArray(R"({"type":"array","items":{"type":"array","items":"null"}})") << nested
            << "1000000 items that take no bytes at byte 6 (at most 1000000)";
        QTest::addRow("map count larger than the data")
            << QByteArray(R"({"type":"map","values":"null"})") << avroLong(int64_t(1) << 40) << "cannot fit";
        QTest::addRow("map key lies") << QByteArray(R"({"type":"map","values":"int"})")
                                      << QByteArray(avroLong(1) + avroLong(100) + "k") << "truncated data at byte 3";
        QTest::addRow("enum index past the symbols") << readAvroSchema(1)
                                                     << QByteArray(avroLong(1) + avroBytes("c") + avroDouble(1) + "\x01"
                                                            + avroLong(0) + avroLong(0) + avroLong(3))
                                                     << "invalid enum index 3 at byte 14 (3 symbols)";
        QTest::addRow("negative union branch") << readAvroSchema(1)
                                               << QByteArray(avroLong(1) + avroBytes("c") + avroDouble(1) + "\x01" + avroLong(-1))
                                               << "invalid union branch -1 at byte 12 (2 branches)";
        QTest::addRow("union branch 7") << QByteArray(R"(["null","int"])") << avroLong(7) << "invalid union branch 7 at byte 0";
        QTest::addRow("varint without end") << QByteArray(R"("long")") << QByteArray(11, char(0x80))
                                            << "invalid variable-length integer at byte 0";
        QTest::addRow("varint cut") << QByteArray(R"("long")") << QByteArray(3, char(0x80))
                                    << "truncated data at byte 3 (variable-length integer from byte 0";
        QTest::addRow("int too big") << QByteArray(R"("int")") << avroLong(int64_t(1) << 33) << "int out of range at byte 0";
        QTest::addRow("boolean 2") << QByteArray(R"("boolean")") << QByteArray("\x02") << "invalid boolean 0x02 at byte 0";
        QTest::addRow("bytes left over") << QByteArray(R"("int")") << QByteArray(avroLong(5) + "xy")
                                         << "2 bytes left over after the datum ended at byte 1";
        QTest::addRow("double cut") << QByteArray(R"("double")") << QByteArray(5, 'x') << "truncated data at byte 0";
        QTest::addRow("fixed of 2^31") << QByteArray(R"({"type":"fixed","name":"F","size":2147483647})") << QByteArray("ab")
                                       << "truncated data at byte 0 (2147483647 more bytes needed, 2 left)";
        // A linked list nested deeper than the limit: refused before avro-c recurses into it.
        QByteArray deep;
        for (int i = 0; i < 100000; ++i)
            deep += avroLong(1);
        deep += avroLong(0);
        QTest::addRow("recursion 100000 deep")
            << QByteArray(R"({"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]})") << deep
            << "data nested deeper than 100 levels";
        QByteArray arrays;
        for (int i = 0; i < 100000; ++i)
            arrays += avroLong(1);
        QTest::addRow("arrays 100000 deep")
            << QByteArray(R"({"type":"record","name":"A","fields":[{"name":"a","type":{"type":"array","items":"A"}}]})")
            << arrays << "data nested deeper than 100 levels";
    }

    void hostile()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, datum);
        QFETCH(QString, error);
        const auto decoder = decoderFor(schema);
        QVERIFY(decoder);
        const auto result = decoder->decode(datum, true);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        QVERIFY(result.json.isEmpty());
    }

    void everyTruncationOfEveryFixture()
    {
        for (const AvroFixture& fixture : readAvroFixtures()) {
            const auto decoder = decoderFor(readAvroSchema(fixture.schemaId));
            const QByteArray datum = datumOf(fixture);
            for (qsizetype cut = 0; cut < datum.size(); ++cut) {
                const auto result = decoder->decode(QByteArrayView(datum).first(cut), false);
                // A string datum may be complete at a shorter length only if it says so; none here.
                QVERIFY2(!result.ok, qPrintable(QStringLiteral("%1 bytes of %2 decoded").arg(cut).arg(datum.size())));
                QVERIFY2(result.error.contains(QStringLiteral("truncated data at byte")), qPrintable(result.error));
            }
        }
    }

    void randomBytesNeverBreakIt()
    {
        // Damaged fixtures and pure noise against every schema, including a recursive one: either an
        // error or valid JSON, never a crash (run under ASan in the asan preset).
        std::mt19937 random(8);
        QList<std::shared_ptr<const AvroDatumDecoder>> decoders
            = { decoderFor(readAvroSchema(1)), decoderFor(readAvroSchema(2)), decoderFor(readAvroSchema(3)),
                  decoderFor(NestedSchema), decoderFor(LogicalSchema) };
        const QList<AvroFixture> fixtures = readAvroFixtures();
        int decoded = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes;
            if (i % 2 == 0) {
                bytes = datumOf(fixtures[int(random() % fixtures.size())]);
                const int edits = 1 + int(random() % 3);
                for (int e = 0; e < edits && !bytes.isEmpty(); ++e)
                    bytes[qsizetype(random() % bytes.size())] = char(random());
            } else {
                bytes.resize(qsizetype(random() % 64));
                for (char& c : bytes)
                    c = char(random());
            }
            for (const auto& decoder : decoders) {
                const auto result = decoder->decode(bytes, (i & 4) != 0);
                if (result.ok) {
                    ++decoded;
                    std::string parseError;
                    QVERIFY2(samsa::parseJson(result.json.toStdString(), &parseError, 512), parseError.c_str());
                } else {
                    QVERIFY(!result.error.isEmpty());
                }
            }
        }
        QVERIFY(decoded > 0);
    }

    void concurrentDecoding()
    {
        // One decoder shared by threads, as the browser's visible rows and the filter worker do.
        const auto decoder = decoderFor(readAvroSchema(1));
        QList<AvroFixture> orders;
        for (const AvroFixture& fixture : readAvroFixtures()) {
            if (fixture.schemaId == 1)
                orders.append(fixture);
        }
        std::atomic<int> mismatches = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int round = 0; round < 200; ++round) {
                    for (const AvroFixture& fixture : orders) {
                        const auto result = decoder->decode(datumOf(fixture), false);
                        if (!result.ok || !(parseExact(result.json) == fixture.expected))
                            ++mismatches;
                    }
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

SAMSA_TEST_MAIN(TestAvroDecoder, QCoreApplication)
#include "tst_avrodecoder.moc"

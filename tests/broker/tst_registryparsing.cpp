// The schema registry's parsers in process: JSON, Avro schemas (canonical form, resolution of a
// schema against itself) and HTTP requests, with hostile and randomly damaged input, which must
// be refused and never crash.

#include "avroschema/avrocompatibility.h"
#include "avroschema/avroschema.h"
#include "avroschema/json.h"
#include "registry/basicauth.h"
#include "registry/httprequest.h"
#include "registry/httprequestparser.h"
#include "security/userstore.h"
#include "testmain.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace samsa;
using namespace samsa::avro;
using namespace samsa::broker;
using namespace samsa::broker::registry;

namespace {

const std::string complexSchema = R"({"type":"record","name":"Order","namespace":"shop","doc":"an order",
  "fields":[{"name":"id","type":"long"},
    {"name":"customer","type":{"type":"record","name":"Customer","fields":[{"name":"name","type":"string"},
      {"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}},
    {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"],"default":"NEW"}},
    {"name":"hash","type":{"type":"fixed","name":"Hash","size":16}},
    {"name":"extra","type":{"type":"map","values":["null","double"]}},
    {"name":"previous","type":["null","Order"],"default":null},
    {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
    {"name":"billing","type":["null","shop.Customer"],"default":null,"aliases":["invoice"]}]})";

std::string mutate(std::string text, std::mt19937& random)
{
    const int edits = 1 + int(random() % 4);
    for (int i = 0; i < edits && !text.empty(); ++i) {
        const size_t at = random() % text.size();
        switch (random() % 4) {
        case 0:
            text.erase(at, 1 + random() % 8);
            break;
        case 1:
            text.insert(at, 1, "{}[]\",:\\0-e.tfn \x01\xff"[random() % 19]);
            break;
        case 2:
            text[at] = static_cast<char>(random() % 256);
            break;
        default:
            text.insert(at, text.substr(random() % text.size(), random() % 16));
            break;
        }
    }
    return text;
}

struct Framed {
    HttpRequestParser::State state = HttpRequestParser::State::NeedMore;
    int status = 0;
    HttpRequest request;
    size_t used = 0;
    uint64_t examined = 0;
};

// Feeds `text` to a fresh parser in pieces of `piece` bytes, as reads of a connection would bring it.
Framed frame(std::string_view text, size_t piece = 1, size_t maxHeader = 1024, size_t maxBody = 1024)
{
    HttpRequestParser parser(maxHeader, maxBody);
    Framed framed;
    for (size_t at = 0; at < text.size();) {
        const std::string_view bytes = text.substr(at, piece);
        size_t used = 0;
        framed.state = parser.feed(bytes, &used);
        framed.used += used;
        at += used;
        if (framed.state != HttpRequestParser::State::NeedMore)
            break;
    }
    framed.status = parser.errorStatus();
    framed.examined = parser.bytesExamined();
    if (framed.state == HttpRequestParser::State::Complete)
        framed.request = parser.takeRequest();
    return framed;
}

std::string canonicalOf(const std::string& text)
{
    std::string error;
    const auto schema = AvroSchema::parse(text, &error);
    if (!schema)
        qWarning("%s: %s", text.c_str(), error.c_str());
    return schema ? schema->canonical() : std::string("invalid: ") + error;
}

} // namespace

class TestRegistryParsing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonValues()
    {
        std::string error;
        const auto value = parseJson(R"( {"a": [1, -2.5e3, true, null, "\u00e9\ud83d\ude00\n"], "b": {}} )", &error);
        QVERIFY2(value, error.c_str());
        QCOMPARE(value->dump(), std::string("{\"a\":[1,-2500.0,true,null,\"\xc3\xa9\xf0\x9f\x98\x80\\n\"],\"b\":{}}"));
        QVERIFY(value->find("a")->items()[0].isInteger());
        QVERIFY(!value->find("a")->items()[1].isInteger());
        QCOMPARE(parseJson("9223372036854775807", &error)->integer(), INT64_MAX);
        QVERIFY(!parseJson("9223372036854775808", &error)->isInteger());
    }

    void jsonRefusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        for (const char* bad : { "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\\x\"", "\"\\ud800\"",
                 "\"a\nb\"", "{} {}", "[1 2]", "{\"a\":1,}", "nul", "\"unterminated" })
            QTest::addRow("%s", bad) << QByteArray(bad);
        QTest::addRow("deep arrays") << QByteArray(100000, '[');
        QTest::addRow("deep objects") << QByteArray("{\"a\":").repeated(50000);
    }

    void jsonRefusals()
    {
        QFETCH(QByteArray, text);
        std::string error;
        QVERIFY(!parseJson(std::string_view(text.constData(), size_t(text.size())), &error));
        QVERIFY(!error.empty());
    }

    // Numbers keep their kind and value through a parse and a dump; what no double can hold is
    // refused. The hand-written reader took 1e400 for 0 and the writer turned 1.0 into 1.
    void jsonNumbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("dumped"); // empty: refused
        QTest::addColumn<bool>("integer");
        QTest::addRow("1.0") << QByteArray("1.0") << QByteArray("1.0") << false;
        QTest::addRow("-0.0") << QByteArray("-0.0") << QByteArray("-0.0") << false;
        QTest::addRow("2.5") << QByteArray("2.5") << QByteArray("2.5") << false;
        QTest::addRow("1e2") << QByteArray("1e2") << QByteArray("100.0") << false;
        QTest::addRow("0.1") << QByteArray("0.1") << QByteArray("0.1") << false;
        QTest::addRow("1.7976931348623157e308")
            << QByteArray("1.7976931348623157e308") << QByteArray("1.7976931348623157e+308") << false;
        QTest::addRow("42") << QByteArray("42") << QByteArray("42") << true;
        QTest::addRow("-0") << QByteArray("-0") << QByteArray("0") << true;
        QTest::addRow("int64 max") << QByteArray("9223372036854775807") << QByteArray("9223372036854775807") << true;
        QTest::addRow("int64 min") << QByteArray("-9223372036854775808") << QByteArray("-9223372036854775808") << true;
        // Integers beyond int64 are no integers, but their digits survive.
        QTest::addRow("int64 max + 1") << QByteArray("9223372036854775808") << QByteArray("9223372036854775808")
                                       << false;
        QTest::addRow("uint64 max") << QByteArray("18446744073709551615") << QByteArray("18446744073709551615")
                                    << false;
        QTest::addRow("int64 min - 1") << QByteArray("-9223372036854775809") << QByteArray("-9223372036854775809")
                                       << false;
        QTest::addRow("40 digits") << QByteArray("1234567890123456789012345678901234567890")
                                   << QByteArray("1234567890123456789012345678901234567890") << false;
        QTest::addRow("1e400") << QByteArray("1e400") << QByteArray() << false;
        QTest::addRow("-1e400") << QByteArray("-1e400") << QByteArray() << false;
        QTest::addRow("400 digits") << QByteArray("1").append(QByteArray(400, '0')) << QByteArray() << false;
        QTest::addRow("in an array") << QByteArray("[1e400]") << QByteArray() << false;
    }

    void jsonNumbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, dumped);
        QFETCH(bool, integer);
        std::string error;
        const auto value = parseJson(text.toStdString(), &error);
        if (dumped.isEmpty()) {
            QVERIFY2(!value, value ? value->dump().c_str() : "");
            QVERIFY2(error.find("overflow") != std::string::npos, error.c_str());
            return;
        }
        QVERIFY2(value, error.c_str());
        QVERIFY(value->isNumber());
        QCOMPARE(value->isInteger(), integer);
        QCOMPARE(QByteArray::fromStdString(value->dump()), dumped);
        const auto again = parseJson(value->dump(), &error);
        QVERIFY2(again, error.c_str());
        QVERIFY(*again == *value);
        QCOMPARE(again->isInteger(), integer);
    }

    void jsonWrittenValues()
    {
        QCOMPARE(Json(1.0).dump(), std::string("1.0"));
        QCOMPARE(Json(-3.0).dump(), std::string("-3.0"));
        QCOMPARE(Json(0.5).dump(), std::string("0.5"));
        QCOMPARE(Json(int64_t(1)).dump(), std::string("1"));
        QCOMPARE(Json(std::numeric_limits<double>::infinity()).dump(), std::string("null"));
        QCOMPARE(Json(std::nan("")).dump(), std::string("null"));
        // Invalid UTF-8 (from a topic, say) never makes the whole text unreadable.
        QCOMPARE(Json(std::string("a\xff") + "b\x01").dump(), std::string("\"a\xef\xbf\xbd") + "b\\u0001\"");
        QCOMPARE(quoteJson("\"\\/\n\xc3\xa9"), std::string("\"\\\"\\\\/\\n\xc3\xa9\""));
        Json object = Json::object();
        object.set("z", 1);
        object.set("a", 2.0);
        QCOMPARE(object.dump(), std::string("{\"z\":1,\"a\":2.0}"));
    }

    // The nesting limit counts arrays and objects; deeper documents are refused, not recursed.
    void jsonNesting()
    {
        std::string error;
        QVERIFY2(parseJson("[[[[1]]]]", &error, 4), error.c_str());
        QVERIFY2(parseJson("{\"a\":[{\"b\":{}}]}", &error, 4), error.c_str());
        QVERIFY(!parseJson("[[[[[1]]]]]", &error, 4));
        QVERIFY2(error.find("nesting") != std::string::npos, error.c_str());
        QVERIFY(!parseJson("{\"a\":[{\"b\":{\"c\":[]}}]}", &error, 4));
        const std::string deep = std::string(128, '[') + std::string(128, ']');
        QVERIFY2(parseJson(deep, &error), error.c_str());
        QVERIFY(!parseJson("[" + deep + "]", &error));
    }

    void jsonDocumentOrderAndRepeats()
    {
        std::string error;
        const auto value = parseJson(R"({"b":1,"a":2,"b":3})", &error);
        QVERIFY2(value, error.c_str());
        QCOMPARE(value->members().size(), size_t(3));
        QCOMPARE(value->members()[0].first, std::string("b"));
        QCOMPARE(value->find("b")->integer(), int64_t(3));
        QCOMPARE(value->dump(), std::string(R"({"b":1,"a":2,"b":3})"));
        // JSON text is UTF-8: anything else is refused.
        QVERIFY(!parseJson("\"a\xff\"", &error));
        QVERIFY(!parseJson("\"\xc0\xaf\"", &error)); // overlong '/'
        QVERIFY(!parseJson("\"\xed\xa0\x80\"", &error)); // a surrogate
    }

    void canonicalForms()
    {
        // Layout, attribute order, namespace spelling and {"type":"int"} versus "int" do not matter.
        QCOMPARE(canonicalOf(R"({"type":"record","name":"a.b.R","fields":[{"name":"x","type":{"type":"int"}}]})"),
            canonicalOf(
                R"({ "fields": [ {"type": "int", "name": "x"} ], "namespace": "a.b", "name": "R", "type": "record" })"));
        QCOMPARE(
            canonicalOf(
                R"({"type":"record","name":"R","namespace":"n","fields":[{"name":"x","type":{"type":"fixed","name":"F","size":2}},{"name":"y","type":"F"}]})"),
            canonicalOf(
                R"({"type":"record","name":"n.R","fields":[{"name":"x","type":{"type":"fixed","name":"n.F","size":2}},{"name":"y","type":"n.F"}]})"));
        QCOMPARE(canonicalOf(R"({"type":"string"})"), std::string("\"string\""));
        // What changes the meaning changes the text.
        QVERIFY(canonicalOf(R"({"type":"record","name":"R","fields":[{"name":"x","type":"int","default":1}]})")
            != canonicalOf(R"({"type":"record","name":"R","fields":[{"name":"x","type":"int","default":2}]})"));
        QVERIFY(canonicalOf(R"({"type":"string","logicalType":"uuid"})") != canonicalOf(R"("string")"));
        // The canonical text is a schema with itself as canonical text.
        const std::string canonical = canonicalOf(complexSchema);
        QVERIFY(canonical.rfind("invalid", 0) != 0);
        QCOMPARE(canonicalOf(canonical), canonical);
    }

    void resolutionAgainstItself()
    {
        const auto schema = AvroSchema::parse(complexSchema, nullptr);
        QVERIFY(schema);
        QVERIFY(readProblems(*schema, *schema).empty());
        const auto older = AvroSchema::parse(
            std::string(R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"int"}]})"),
            nullptr);
        QVERIFY(older);
        // The new schema cannot read the old one's data: id is promoted, but customer, status,
        // hash, extra and amount are new fields without defaults.
        QCOMPARE(readProblems(*schema, *older).size(), size_t(5));
        // The old schema reads the new one's data, but for the long id it cannot narrow to int.
        QCOMPARE(readProblems(*older, *schema).size(), size_t(1));
    }

    void damagedSchemasNeverCrash()
    {
        std::mt19937 random(20261123);
        int valid = 0;
        for (int i = 0; i < 20000; ++i) {
            const std::string text = mutate(complexSchema, random);
            std::string error;
            const auto schema = AvroSchema::parse(text, &error);
            if (!schema) {
                QVERIFY(!error.empty());
                continue;
            }
            ++valid;
            const std::string canonical = schema->canonical();
            const auto again = AvroSchema::parse(canonical, &error);
            QVERIFY2(again, (text + " -> " + canonical + ": " + error).c_str());
            QCOMPARE(again->canonical(), canonical);
            QVERIFY(readProblems(*schema, *again).empty());
        }
        QVERIFY(valid > 0);
    }

    void httpRequestInPieces()
    {
        const std::string request
            = "POST /subjects/a%2Fb/versions?deleted=true&x=%41+b HTTP/1.1\r\nHost: h\r\n"
              "Content-Length: 13\r\nExpect: 100-continue\r\n\r\n{\"schema\":1}\nGET / HTTP/1.1\r\n\r\n";
        const size_t firstEnd = request.find("GET /");
        const size_t headEnd = request.find("\r\n\r\n") + 4;
        // Byte by byte: more wanted until the last byte of the first request, and the head alone
        // is enough to answer "Expect: 100-continue".
        HttpRequestParser parser(1024, 1024);
        for (size_t at = 0; at + 1 < firstEnd; ++at) {
            size_t used = 0;
            QCOMPARE(int(parser.feed(std::string_view(request).substr(at, 1), &used)),
                int(HttpRequestParser::State::NeedMore));
            QCOMPARE(used, size_t(1));
            QCOMPARE(parser.headComplete(), at + 1 >= headEnd);
        }
        QVERIFY(parser.request().expectsContinue());
        size_t used = 0;
        QCOMPARE(int(parser.feed(std::string_view(request).substr(firstEnd - 1), &used)),
            int(HttpRequestParser::State::Complete));
        QCOMPARE(used, size_t(1));
        const HttpRequest parsed = parser.takeRequest();
        QCOMPARE(parsed.method, std::string("POST"));
        QCOMPARE(parsed.body, std::string("{\"schema\":1}\n"));
        QVERIFY(parsed.queryFlag("deleted"));
        QCOMPARE(parsed.queryValue("x"), std::string("A b"));
        QVERIFY(parsed.expectsContinue());
        QVERIFY(parsed.keepAlive());
        std::vector<std::string> segments;
        QVERIFY(pathSegments(parsed.path, &segments));
        QCOMPARE(segments, (std::vector<std::string> { "subjects", "a/b", "versions" }));
        // The same parser goes on with the pipelined request.
        QCOMPARE(int(parser.feed(std::string_view(request).substr(firstEnd), &used)),
            int(HttpRequestParser::State::Complete));
        QCOMPARE(used, request.size() - firstEnd);
        QCOMPARE(parser.takeRequest().method, std::string("GET"));
        // All at once, too.
        const Framed whole = frame(request, request.size());
        QCOMPARE(int(whole.state), int(HttpRequestParser::State::Complete));
        QCOMPARE(whole.used, firstEnd);
        QCOMPARE(whole.request.body, std::string("{\"schema\":1}\n"));
    }

    // 1-byte chunks of a 2 MiB body (12 MiB on the wire), in the server's 16 KiB reads: every byte
    // is looked at a bounded number of times. The parser this replaced walked every chunk again on
    // each read, some 20 billion bytes for this request.
    void chunkedBodyInLinearWork()
    {
        const size_t bodySize = 2 * 1024 * 1024;
        std::string body(bodySize, '\0');
        for (size_t i = 0; i < bodySize; ++i)
            body[i] = static_cast<char>('a' + i % 26);
        std::string wire = "POST /subjects/s/versions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        wire.reserve(wire.size() + bodySize * 6 + 5);
        for (const char c : body) {
            wire += "1\r\n";
            wire += c;
            wire += "\r\n";
        }
        wire += "0\r\n\r\n";
        const Framed framed = frame(wire, 16 * 1024, 64 * 1024, 4 * 1024 * 1024);
        QCOMPARE(int(framed.state), int(HttpRequestParser::State::Complete));
        QCOMPARE(framed.used, wire.size());
        QVERIFY(framed.request.body == body);
        QVERIFY2(framed.examined <= 2 * wire.size(),
            qPrintable(QStringLiteral("%1 bytes examined for %2 on the wire").arg(framed.examined).arg(wire.size())));
        // Byte by byte costs no more per byte.
        const Framed slow = frame(std::string_view(wire).substr(0, 600000), 1, 64 * 1024, 4 * 1024 * 1024);
        QCOMPARE(int(slow.state), int(HttpRequestParser::State::NeedMore));
        QVERIFY2(slow.examined <= 2 * 600000, qPrintable(QString::number(slow.examined)));
    }

    void framing_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status"); // 0: a complete request
        QTest::addColumn<QByteArray>("body");
        const QByteArray post = "POST / HTTP/1.1\r\n";
        QTest::addRow("content-length") << post + "Content-Length: 3\r\n\r\nabc" << 0 << QByteArray("abc");
        QTest::addRow("no body") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 0 << QByteArray();
        QTest::addRow("chunked with extension and trailer")
            << post + "Transfer-Encoding: chunked\r\n\r\n3 ; a=b\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n"
            << 0 << QByteArray("abc0123456789");
        QTest::addRow("chunked, any case") << post + "transfer-encoding: Chunked\r\n\r\n0\r\n\r\n" << 0 << QByteArray();
        QTest::addRow("two content-lengths")
            << post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc" << 400 << QByteArray();
        QTest::addRow("two different content-lengths")
            << post + "Content-Length: 3\r\nContent-Length: 1\r\n\r\nabc" << 400 << QByteArray();
        QTest::addRow("content-length list") << post + "Content-Length: 3, 3\r\n\r\nabc" << 400 << QByteArray();
        QTest::addRow("content-length signed") << post + "Content-Length: +3\r\n\r\nabc" << 400 << QByteArray();
        QTest::addRow("content-length empty") << post + "Content-Length: \r\n\r\n" << 400 << QByteArray();
        QTest::addRow("content-length and chunked")
            << post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            << 400 << QByteArray();
        QTest::addRow("chunked twice") << post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"
                                       << 400 << QByteArray();
        QTest::addRow("empty coding") << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: \r\n\r\n0\r\n\r\n"
                                      << 0 << QByteArray();
        QTest::addRow("gzip") << post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" << 501 << QByteArray();
        QTest::addRow("body over the limit") << post + "Content-Length: 1025\r\n\r\n" << 413 << QByteArray();
        QTest::addRow("content-length overflow") << post + "Content-Length: 99999999999999999999999999\r\n\r\n"
                                                 << 413 << QByteArray();
        QTest::addRow("chunks over the limit")
            << post + "Transfer-Encoding: chunked\r\n\r\n200\r\n" + QByteArray(512, 'x') + "\r\n201\r\n"
            << 413 << QByteArray();
        QTest::addRow("chunk size garbage") << post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" << 400 << QByteArray();
        QTest::addRow("chunk size empty") << post + "Transfer-Encoding: chunked\r\n\r\n\r\n" << 400 << QByteArray();
        QTest::addRow("chunk size with junk") << post + "Transfer-Encoding: chunked\r\n\r\n3x\r\nabc\r\n"
                                              << 400 << QByteArray();
        QTest::addRow("chunk size negative") << post + "Transfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n"
                                             << 400 << QByteArray();
        QTest::addRow("chunk size overflow") << post + "Transfer-Encoding: chunked\r\n\r\n100000000000000003\r\nabc\r\n"
                                             << 400 << QByteArray();
        QTest::addRow("chunk size line endless")
            << post + "Transfer-Encoding: chunked\r\n\r\n1;" + QByteArray(2000, 'e') << 400 << QByteArray();
        QTest::addRow("chunk size bare LF") << post + "Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n"
                                            << 400 << QByteArray();
        QTest::addRow("chunk not ended by CRLF") << post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"
                                                 << 400 << QByteArray();
        QTest::addRow("trailer malformed") << post + "Transfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n"
                                           << 400 << QByteArray();
        QTest::addRow("head too large") << "GET / HTTP/1.1\r\nX: " + QByteArray(1100, 'h') << 431 << QByteArray();
        QTest::addRow("header with CR") << QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") << 400 << QByteArray();
        QTest::addRow("version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505 << QByteArray();
    }

    // Each request fed whole and byte by byte: the same answer either way.
    void framing()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const std::string_view text(request.constData(), size_t(request.size()));
        for (const size_t piece : { text.size(), size_t(1), size_t(7) }) {
            const Framed framed = frame(text, piece);
            if (status == 0) {
                QCOMPARE(int(framed.state), int(HttpRequestParser::State::Complete));
                QCOMPARE(framed.used, text.size());
                QCOMPARE(QByteArray::fromStdString(framed.request.body), body);
            } else {
                QCOMPARE(int(framed.state), int(HttpRequestParser::State::Error));
                QCOMPARE(framed.status, status);
            }
        }
    }

    void damagedRequestsNeverCrash()
    {
        const std::string valid
            = "POST /subjects/s/versions HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n"
              "{\"schema\":\"\\\"int\\\"\"}"
              "PUT /config HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        std::mt19937 random(7);
        for (int i = 0; i < 50000; ++i) {
            std::string text = i % 10 == 0 ? std::string(random() % 600, '\0') : mutate(valid, random);
            if (i % 10 == 0) {
                for (auto& c : text)
                    c = static_cast<char>(random() % 256);
            }
            // Parse everything the connection would, request after request, in random reads.
            HttpRequestParser parser(256, 512);
            std::string_view rest(text);
            while (!rest.empty()) {
                const std::string_view read = rest.substr(0, 1 + random() % 64);
                size_t used = 0;
                const auto state = parser.feed(read, &used);
                QVERIFY(used <= read.size());
                rest.remove_prefix(used);
                if (state == HttpRequestParser::State::Error) {
                    QVERIFY(parser.errorStatus() >= 400);
                    break;
                }
                if (state == HttpRequestParser::State::NeedMore) {
                    QCOMPARE(used, read.size());
                    continue;
                }
                const HttpRequest parsed = parser.takeRequest();
                QVERIFY(parsed.body.size() <= 512);
                std::vector<std::string> segments;
                pathSegments(parsed.path, &segments);
            }
            QVERIFY(parser.bytesExamined() <= 2 * text.size() + 16);
        }
    }

    void basicAuthCredentials()
    {
        const auto alice = BasicAuth::credentials("Basic " + std::string("YWxpY2U6czNjcjp0") /* alice:s3cr:t */);
        QVERIFY(alice);
        QCOMPARE(alice->first, std::string("alice"));
        QCOMPARE(alice->second, std::string("s3cr:t"));
        QCOMPARE(BasicAuth::credentials("basic  Ym9iOg==")->second, std::string()); // bob, empty password
        for (const char* bad : { "", "Basic", "Basic ", "Bearer YWxpY2U6czNjcjp0", "Basic YWxpY2U",
                 "Basic YWxpY2U6*A==", "Basic Ym9i" /* no colon */, "Basic =Ym9iOg=" })
            QVERIFY2(!BasicAuth::credentials(bad), bad);

        const BasicAuth open(nullptr);
        QVERIFY(!open.required());
        QVERIFY(open.allows(HttpRequest()));
        security::UserStore noUsers("", {});
        std::string error;
        QVERIFY(noUsers.load(&error));
        QVERIFY(!BasicAuth(&noUsers).required());
        security::UserStore users("", { { "alice", "s3cr:t" }, { "bob", "" } });
        QVERIFY2(users.load(&error), error.c_str());
        const BasicAuth auth(&users);
        auto with = [](const std::string& authorization) {
            HttpRequest request;
            request.headers.emplace_back("authorization", authorization);
            return request;
        };
        QVERIFY(auth.required());
        QVERIFY(!auth.allows(HttpRequest()));
        QVERIFY(auth.allows(with("Basic YWxpY2U6czNjcjp0")));
        QVERIFY(auth.allows(with("Basic Ym9iOg==")));
        QVERIFY(!auth.allows(with("Basic YWxpY2U6czNjcjp1"))); // alice:s3cr:u
        QVERIFY(!auth.allows(with("Basic YWxpY2U6czNjcg=="))); // alice:s3cr, a prefix
        QVERIFY(!auth.allows(with("Basic Ym9iOng="))); // bob:x
        QVERIFY(!auth.allows(with("Basic ZXZlOg=="))); // eve:
        const HttpResponse challenge = BasicAuth::challenge();
        QCOMPARE(challenge.status, 401);
        const std::string wire = serializeResponse(challenge, true, false);
        QVERIFY2(
            wire.find("\r\nWWW-Authenticate: Basic realm=\"samsa-broker\"\r\n") != std::string::npos, wire.c_str());
        QVERIFY2(wire.find("{\"error_code\":401,") != std::string::npos, wire.c_str());
    }
};

SAMSA_TEST_MAIN(TestRegistryParsing, QCoreApplication)
#include "tst_registryparsing.moc"

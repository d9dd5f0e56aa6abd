// The schema registry's parsers in process: JSON, Avro schemas (canonical form, resolution of a
// schema against itself) and HTTP requests, with hostile and randomly damaged input, which must
// be refused and never crash.

#include "avroschema/avrocompatibility.h"
#include "avroschema/avroschema.h"
#include "avroschema/json.h"
#include "registry/httprequest.h"
#include "testmain.h"

#include <QTest>

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
        QCOMPARE(value->dump(), std::string("{\"a\":[1,-2500,true,null,\"\xc3\xa9\xf0\x9f\x98\x80\\n\"],\"b\":{}}"));
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
        HttpRequestParser parser(1024, 1024);
        const size_t firstEnd = request.find("GET /");
        for (size_t cut = 0; cut < firstEnd; ++cut) {
            HttpRequest parsed;
            size_t consumed = 0;
            int status = 0;
            QCOMPARE(int(parser.parse(std::string_view(request).substr(0, cut), &parsed, &consumed, &status)),
                int(HttpRequestParser::State::NeedMore));
        }
        HttpRequest parsed;
        size_t consumed = 0;
        int status = 0;
        QCOMPARE(int(parser.parse(request, &parsed, &consumed, &status)), int(HttpRequestParser::State::Complete));
        QCOMPARE(consumed, firstEnd);
        QCOMPARE(parsed.method, std::string("POST"));
        QCOMPARE(parsed.body, std::string("{\"schema\":1}\n"));
        QVERIFY(parsed.queryFlag("deleted"));
        QCOMPARE(parsed.queryValue("x"), std::string("A b"));
        QVERIFY(parsed.expectsContinue());
        QVERIFY(parsed.keepAlive());
        std::vector<std::string> segments;
        QVERIFY(pathSegments(parsed.path, &segments));
        QCOMPARE(segments, (std::vector<std::string> { "subjects", "a/b", "versions" }));
    }

    void damagedRequestsNeverCrash()
    {
        const std::string valid
            = "POST /subjects/s/versions HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n"
              "{\"schema\":\"\\\"int\\\"\"}"
              "PUT /config HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        std::mt19937 random(7);
        HttpRequestParser parser(256, 512);
        for (int i = 0; i < 50000; ++i) {
            std::string text = i % 10 == 0 ? std::string(random() % 600, '\0') : mutate(valid, random);
            if (i % 10 == 0) {
                for (auto& c : text)
                    c = static_cast<char>(random() % 256);
            }
            std::string_view rest(text);
            // Parse everything the connection would, request after request.
            for (int requests = 0; requests < 4 && !rest.empty(); ++requests) {
                HttpRequest parsed;
                size_t consumed = 0;
                int status = 0;
                const auto state = parser.parse(rest, &parsed, &consumed, &status);
                if (state != HttpRequestParser::State::Complete) {
                    QVERIFY(state == HttpRequestParser::State::NeedMore || status >= 400);
                    break;
                }
                QVERIFY(consumed > 0 && consumed <= rest.size());
                QVERIFY(parsed.body.size() <= 512);
                std::vector<std::string> segments;
                pathSegments(parsed.path, &segments);
                rest.remove_prefix(consumed);
            }
        }
    }
};

SAMSA_TEST_MAIN(TestRegistryParsing, QCoreApplication)
#include "tst_registryparsing.moc"

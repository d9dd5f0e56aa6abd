// The shared Avro schema library's Parsing Canonical Form and CRC-64-AVRO fingerprint, checked
// against the values the Avro project publishes for every implementation
// (share/test/data/schema-tests.txt in Apache Avro, cross-checked there by Java's reference
// implementation of the fingerprint; the numbers are Java's signed longs). Single-object encoding
// names a writer schema by this fingerprint, so a wrong one means "unknown schema" for every message.

#include "avroschema/avrofingerprint.h"
#include "avroschema/avroschema.h"
#include "testmain.h"

#include <QTest>

using samsa::avro::AvroSchema;
using samsa::avro::crc64Avro;

class TestAvroParsingForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void specificationExamples_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<qint64>("fingerprint"); // 0: the specification gives none for this case
        QTest::addRow("000") << R"("null")" << R"("null")" << qint64(7195948357588979594);
        QTest::addRow("001") << R"({"type":"null"})" << R"("null")" << qint64(7195948357588979594);
        QTest::addRow("002") << R"("boolean")" << R"("boolean")" << qint64(-6970731678124411036);
        QTest::addRow("004") << R"("int")" << R"("int")" << qint64(8247732601305521295);
        QTest::addRow("005") << R"({"type":"int"})" << R"("int")" << qint64(8247732601305521295);
        QTest::addRow("006") << R"("long")" << R"("long")" << qint64(-3434872931120570953);
        QTest::addRow("008") << R"("float")" << R"("float")" << qint64(5583340709985441680);
        QTest::addRow("010") << R"("double")" << R"("double")" << qint64(-8181574048448539266);
        QTest::addRow("012") << R"("bytes")" << R"("bytes")" << qint64(5746618253357095269);
        QTest::addRow("014") << R"("string")" << R"("string")" << qint64(-8142146995180207161);
        QTest::addRow("016") << R"([  ])" << R"([])" << qint64(-1241056759729112623);
        QTest::addRow("017") << R"([ "int"  ])" << R"(["int"])" << qint64(-5232228896498058493);
        QTest::addRow("018") << R"([ "int" , {"type":"boolean"} ])" << R"(["int","boolean"])"
                             << qint64(5392556393470105090);
        QTest::addRow("019") << R"({"fields":[], "type":"record", "name":"foo"})"
                             << R"({"name":"foo","type":"record","fields":[]})" << qint64(-4824392279771201922);
        QTest::addRow("020") << R"({"fields":[], "type":"record", "name":"foo", "namespace":"x.y"})"
                             << R"({"name":"x.y.foo","type":"record","fields":[]})" << qint64(5916914534497305771);
        QTest::addRow("021") << R"({"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"})"
                             << R"({"name":"a.b.foo","type":"record","fields":[]})" << qint64(-4616218487480524110);
        QTest::addRow("024") << R"({"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]})"
                             << R"({"name":"foo","type":"record","fields":[]})" << qint64(-4824392279771201922);
        QTest::addRow("025") << R"({"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"})"
                             << R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]})"
                             << qint64(7843277075252814651);
        // 026 with a valid default (the specification's "true" as a string is refused by our parser).
        QTest::addRow("026") << R"({ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},
                                    {"order":"descending","name":"f2","doc":"Hello","type":"int"}],
                                    "type":"record", "name":"foo"})"
                             << R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]})"
                             << qint64(-4860222112080293046);
        QTest::addRow("027") << R"({"type":"enum", "name":"foo", "symbols":["A1"]})"
                             << R"({"name":"foo","type":"enum","symbols":["A1"]})" << qint64(-6342190197741309591);
        QTest::addRow("028") << R"({"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]})"
                             << R"({"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]})" << qint64(-4448647247586288245);
        QTest::addRow("029") << R"({"name":"foo","type":"fixed","size":15})"
                             << R"({"name":"foo","type":"fixed","size":15})" << qint64(1756455273707447556);
        QTest::addRow("030") << R"({"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32})"
                             << R"({"name":"x.y.z.foo","type":"fixed","size":32})" << qint64(-3064184465700546786);
        QTest::addRow("031") << R"({ "items":{"type":"null"}, "type":"array"})" << R"({"type":"array","items":"null"})"
                             << qint64(-589620603366471059);
        QTest::addRow("032") << R"({ "values":"string", "type":"map"})" << R"({"type":"map","values":"string"})"
                             << qint64(-8732877298790414990);
        QTest::addRow("033") << R"({"name":"PigValue","type":"record",
                                    "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]})"
                             << R"({"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]})"
                             << qint64(-1759257747318642341);
        // Our own: logical types and attributes are stripped, names become full names, a named type
        // met again is referred to by its full name, an error is written as a record.
        QTest::addRow("logical and references")
            << R"({"type":"error","name":"R","namespace":"a.b","doc":"x","fields":[
                   {"name":"t","type":{"type":"long","logicalType":"timestamp-millis"},"default":0},
                   {"name":"d","type":{"type":"fixed","name":"D","namespace":"c","size":12,"logicalType":"duration"}},
                   {"name":"e","type":["null","c.D",{"type":"map","values":"R"},
                     {"type":"array","items":{"type":"enum","name":"E","symbols":["A","B"],"aliases":["F"]}}]}]})"
            << R"({"name":"a.b.R","type":"record","fields":[{"name":"t","type":"long"},)"
               R"({"name":"d","type":{"name":"c.D","type":"fixed","size":12}},)"
               R"({"name":"e","type":["null","c.D",{"type":"map","values":"a.b.R"},)"
               R"({"type":"array","items":{"name":"a.b.E","type":"enum","symbols":["A","B"]}}]}]})"
            << qint64(0);
    }

    void specificationExamples()
    {
        QFETCH(QString, schema);
        QFETCH(QString, canonical);
        QFETCH(qint64, fingerprint);
        std::string error;
        const auto parsed = AvroSchema::parse(schema.toStdString(), &error);
        QVERIFY2(parsed, error.c_str());
        QCOMPARE(QString::fromStdString(parsed->parsingCanonicalForm()), canonical);
        const auto expected = static_cast<quint64>(fingerprint);
        if (fingerprint != 0) {
            QCOMPARE(parsed->fingerprint(), expected);
            QCOMPARE(crc64Avro(canonical.toStdString()), expected);
        }
    }

    void fixtureOrderSchema()
    {
        // The canonical form Apache Avro's Python implementation (python3-avro 1.11) gives for
        // tests/data/avro/schemas/1.avsc.
        const QString path = qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/tests/data/avro/schemas/1.avsc");
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        std::string error;
        const auto parsed = AvroSchema::parse(file.readAll().toStdString(), &error);
        QVERIFY2(parsed, error.c_str());
        QCOMPARE(QString::fromStdString(parsed->parsingCanonicalForm()),
            QStringLiteral(R"({"name":"shop.Order","type":"record","fields":[{"name":"id","type":"long"},)"
                           R"({"name":"customer","type":"string"},{"name":"amount","type":"double"},)"
                           R"({"name":"paid","type":"boolean"},{"name":"note","type":["null","string"]},)"
                           R"({"name":"items","type":{"type":"array","items":{"name":"shop.Item","type":"record",)"
                           R"("fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},)"
                           R"({"name":"status","type":{"name":"shop.Status","type":"enum","symbols":["NEW","PAID","SHIPPED"]}}]})"));
    }

    void emptyInput()
    {
        // The fingerprint of nothing is the algorithm's starting value.
        QCOMPARE(crc64Avro({}), quint64(0xc15d213aa4d7a795ULL));
    }
};

SAMSA_TEST_MAIN(TestAvroParsingForm, QCoreApplication)
#include "tst_avroparsingform.moc"

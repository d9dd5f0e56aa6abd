// Field expressions of the message browser's filter bar: parsing, meaning, and hostile input.

#include "messages/fieldexpression.h"
#include "testmain.h"

#include <QCoreApplication>

#include <atomic>
#include <thread>

using namespace Samsa;

namespace {

DecodedPayload json(const char* text)
{
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Json;
    payload.json = QByteArray(text);
    return payload;
}

DecodedPayload text(const QString& value)
{
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Text;
    payload.text = value;
    return payload;
}

DecodedPayload error(const QString& reason)
{
    DecodedPayload payload;
    payload.kind = DecodedPayload::Kind::Error;
    payload.error = reason;
    return payload;
}

} // namespace

class TestFieldExpression : public QObject {
    Q_OBJECT

private:
    DecodedPayload m_key = text(QStringLiteral("customer-7"));
    DecodedPayload m_value = json(R"({"status":"PAID","amount":150.5,"count":3,"id":9007199254740993,)"
                                  R"("items":[{"sku":"A-1","qty":2},{"sku":"B-2","qty":1}],"note":null,"paid":true,)"
                                  R"("tags":["x","y"],"weird key":"w","createdAt":"2024-03-01T10:00:00Z"})");
    QList<RecordHeader> m_headers { { QByteArray("source"), QByteArray("web-eu") }, { QByteArray("content-type"), QByteArray("json") },
        { QByteArray("empty"), std::nullopt } };

    MessageFields fields()
    {
        MessageFields f;
        f.partition = 2;
        f.offset = 1234;
        f.timestampMs = 1700000000000;
        f.size = 180;
        f.key = &m_key;
        f.value = &m_value;
        f.headers = &m_headers;
        return f;
    }

private Q_SLOTS:
    void evaluates_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("expected");
        QTest::addRow("issue example") << QStringLiteral(R"(value.status == "PAID" && value.amount > 100)") << true;
        QTest::addRow("issue example false") << QStringLiteral(R"(value.status == "PAID" && value.amount > 200)") << false;
        QTest::addRow("not equal") << QStringLiteral(R"(value.status != "NEW")") << true;
        QTest::addRow("integer exact above 2^53") << QStringLiteral("value.id == 9007199254740993") << true;
        QTest::addRow("integer exact neighbour") << QStringLiteral("value.id == 9007199254740992") << false;
        QTest::addRow("int vs double") << QStringLiteral("value.count == 3.0") << true;
        QTest::addRow("array index") << QStringLiteral(R"(value.items[1].sku == "B-2")") << true;
        QTest::addRow("index out of range") << QStringLiteral(R"(value.items[7].sku == "B-2")") << false;
        QTest::addRow("bracket name") << QStringLiteral(R"(value["weird key"] == "w")") << true;
        QTest::addRow("key text") << QStringLiteral(R"(key == "customer-7")") << true;
        QTest::addRow("key contains") << QStringLiteral(R"(key contains "tomer")") << true;
        QTest::addRow("array contains") << QStringLiteral(R"(value.tags contains "y")") << true;
        QTest::addRow("object contains key") << QStringLiteral(R"(value contains "status")") << true;
        QTest::addRow("matches") << QStringLiteral(R"(headers.source matches "^web-")") << true;
        QTest::addRow("header with dash") << QStringLiteral(R"(headers.content-type == "json")") << true;
        QTest::addRow("header bracket") << QStringLiteral(R"(headers["content-type"] == 'json')") << true;
        QTest::addRow("null header value") << QStringLiteral("headers.empty == null") << true;
        QTest::addRow("missing header") << QStringLiteral("missing(headers.nope)") << true;
        QTest::addRow("exists") << QStringLiteral("exists(value.items[0].qty)") << true;
        QTest::addRow("exists null field") << QStringLiteral("exists(value.note)") << true;
        QTest::addRow("null equals null") << QStringLiteral("value.note == null") << true;
        QTest::addRow("missing compares false") << QStringLiteral("value.nothing == null") << false;
        QTest::addRow("missing != is false too") << QStringLiteral(R"(value.nothing != "x")") << false;
        QTest::addRow("negated equality matches missing") << QStringLiteral(R"(!(value.nothing == "x"))") << true;
        QTest::addRow("types differ") << QStringLiteral(R"(value.amount == "150.5")") << false;
        QTest::addRow("types differ ordered") << QStringLiteral(R"(value.status > 5)") << false;
        QTest::addRow("strings ordered") << QStringLiteral(R"(value.createdAt >= "2024-01-01")") << true;
        QTest::addRow("booleans") << QStringLiteral("value.paid == true") << true;
        QTest::addRow("bare path truthy") << QStringLiteral("value.paid") << true;
        QTest::addRow("bare null falsy") << QStringLiteral("value.note") << false;
        QTest::addRow("metadata") << QStringLiteral("partition == 2 && offset >= 1234 && timestamp > 1600000000000 && size < 200") << true;
        QTest::addRow("or and precedence") << QStringLiteral("partition == 9 || partition == 2 && offset == 1234") << true;
        QTest::addRow("parentheses") << QStringLiteral("(partition == 9 || partition == 2) && offset == 1") << false;
        QTest::addRow("not") << QStringLiteral("!(partition == 2)") << false;
        QTest::addRow("words") << QStringLiteral("not partition == 3 and (offset == 1 or offset == 1234)") << true;
        QTest::addRow("negative literal") << QStringLiteral("offset > -1") << true;
        // (A plain literal: moc misreads a raw string holding \" and a quote.)
        QTest::addRow("escapes") << QStringLiteral("\"a\\\"b\" == 'a\"b'") << true;
        QTest::addRow("unicode escape") << QStringLiteral(R"("\u00e9" == "é")") << true;
        QTest::addRow("single equals") << QStringLiteral("partition = 2") << true;
    }

    void evaluates()
    {
        QFETCH(QString, expression);
        QFETCH(bool, expected);
        FieldExpressionError err;
        const auto parsed = FieldExpression::parse(expression, &err);
        QVERIFY2(parsed, qPrintable(err.message));
        QCOMPARE(parsed->evaluate(fields()), expected);
    }

    void textPayloadHoldingJsonCanBeNavigated()
    {
        DecodedPayload value = text(QStringLiteral(R"({"a":{"b":1}})"));
        MessageFields f = fields();
        f.value = &value;
        QVERIFY(FieldExpression::parse(QStringLiteral("value.a.b == 1"), nullptr)->evaluate(f));
        QVERIFY(!FieldExpression::parse(QStringLiteral("value == 1"), nullptr)->evaluate(f));
    }

    void undecodableValueHasNoFields()
    {
        DecodedPayload value = error(QStringLiteral("unknown schema id 42"));
        MessageFields f = fields();
        f.value = &value;
        QVERIFY(FieldExpression::parse(QStringLiteral("missing(value)"), nullptr)->evaluate(f));
        QVERIFY(!FieldExpression::parse(QStringLiteral("value.status == \"PAID\""), nullptr)->evaluate(f));
    }

    void reportsWhatItUses()
    {
        const auto e = FieldExpression::parse(QStringLiteral("headers.a == \"x\" || partition == 1"), nullptr);
        QVERIFY(e);
        QVERIFY(e->usesHeaders());
        QVERIFY(!e->usesKey());
        QVERIFY(!e->usesValue());
        const auto v = FieldExpression::parse(QStringLiteral("value.a == 1"), nullptr);
        QVERIFY(v->usesValue() && !v->usesKey() && !v->usesHeaders());
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::addRow("value after >") << QStringLiteral(R"(value.status == "PAID" && value.amount >)") << 41 << QStringLiteral("expected a value after '>' at column 41");
        QTest::addRow("value after > with space") << QStringLiteral("value.amount >  && x") << 17 << QStringLiteral("expected a value after '>' at column 17");
        QTest::addRow("empty") << QStringLiteral("   ") << 4 << QStringLiteral("the expression is empty");
        QTest::addRow("unknown field") << QStringLiteral("vale.x == 1") << 1 << QStringLiteral("unknown field 'vale'");
        QTest::addRow("unterminated string") << QStringLiteral("key == \"abc") << 8 << QStringLiteral("unterminated string starting at column 8");
        QTest::addRow("missing paren") << QStringLiteral("(partition == 1") << 16 << QStringLiteral("expected ')'");
        QTest::addRow("stray character") << QStringLiteral("partition == 1 # 2") << 16 << QStringLiteral("unexpected '#' at column 16");
        QTest::addRow("bad regex") << QStringLiteral("key matches \"(\"") << 13 << QStringLiteral("invalid regular expression at column 13");
        QTest::addRow("matches needs string") << QStringLiteral("key matches 5") << 13 << QStringLiteral("expected a regular expression in quotes");
        QTest::addRow("dangling and") << QStringLiteral("partition == 1 &&") << 18 << QStringLiteral("expected a condition after '&&' at column 18");
        QTest::addRow("trailing junk") << QStringLiteral("partition == 1 2") << 16 << QStringLiteral("unexpected '2' at column 16");
        QTest::addRow("number has no fields") << QStringLiteral("offset.x == 1") << 1 << QStringLiteral("is a number and has no fields");
        QTest::addRow("bad index") << QStringLiteral("value.items[x] == 1") << 13 << QStringLiteral("expected an index");
        QTest::addRow("huge number") << QStringLiteral("offset < 1e999") << 10 << QStringLiteral("too large");
    }

    void syntaxErrors()
    {
        QFETCH(QString, expression);
        QFETCH(int, column);
        QFETCH(QString, message);
        FieldExpressionError err;
        QVERIFY(!FieldExpression::parse(expression, &err));
        QVERIFY2(err.message.contains(message), qPrintable(err.message));
        QCOMPARE(err.column, column);
    }

    // Hostile input: every case must end in a clear error or a result, never a crash or a hang.
    void deepNestingIsRefused()
    {
        const QString deep = QString(100000, QLatin1Char('(')) + QStringLiteral("partition == 1") + QString(100000, QLatin1Char(')'));
        FieldExpressionError err;
        QVERIFY(!FieldExpression::parse(deep, &err));
        QVERIFY2(err.message.contains(QStringLiteral("nested too deeply")), qPrintable(err.message));
        const QString nots = QString(100000, QLatin1Char('!')) + QStringLiteral("partition == 1");
        QVERIFY(!FieldExpression::parse(nots, &err));
        QVERIFY(err.message.contains(QStringLiteral("nested too deeply")));
        // Just under the limit is fine.
        const int ok = FieldExpression::maximumDepth - 1;
        QVERIFY(FieldExpression::parse(QString(ok, QLatin1Char('(')) + QStringLiteral("partition == 2") + QString(ok, QLatin1Char(')')), &err));
    }

    void longChainsDoNotRecurse()
    {
        QStringList terms;
        for (int i = 0; i < 50000; ++i)
            terms.append(QStringLiteral("offset != %1").arg(i + 2000));
        const auto e = FieldExpression::parse(terms.join(QStringLiteral(" && ")), nullptr);
        QVERIFY(e);
        QVERIFY(e->evaluate(fields()));
    }

    void hugeLiterals()
    {
        // 100,000 digits: not a 64-bit integer, not a finite double.
        FieldExpressionError err;
        QVERIFY(!FieldExpression::parse(QStringLiteral("offset == ") + QString(100000, QLatin1Char('9')), &err));
        QVERIFY(err.message.contains(QStringLiteral("too large")));
        // Beyond 64 bits but finite: compared as a double.
        QVERIFY(FieldExpression::parse(QStringLiteral("offset < 99999999999999999999"), nullptr)->evaluate(fields()));
        // A 1 MB string literal.
        const QString big = QString(1 << 20, QLatin1Char('x'));
        const auto e = FieldExpression::parse(QStringLiteral("key == \"") + big + QLatin1Char('"'), &err);
        QVERIFY(e);
        QVERIFY(!e->evaluate(fields()));
    }

    void invalidUtf8()
    {
        // The expression comes from UTF-8 with broken sequences (pasted bytes): U+FFFD, no crash.
        const QByteArray bytes("key == \"\xff\xfe\xc3\" || value.\xe2\x28\xa1 == 1");
        FieldExpressionError err;
        const auto e = FieldExpression::parse(QString::fromUtf8(bytes), &err);
        if (e)
            QVERIFY(!e->evaluate(fields()));
        else
            QVERIFY(!err.message.isEmpty());
        // Payloads with invalid UTF-8 and broken JSON read as missing, not as a failure.
        DecodedPayload broken = json("{\"a\": \"\xff\xfe\", \"b\": ");
        DecodedPayload badText = text(QString::fromUtf8("\xc3\x28 abc"));
        MessageFields f = fields();
        f.value = &broken;
        f.key = &badText;
        QVERIFY(!FieldExpression::parse(QStringLiteral("value.a == \"x\""), nullptr)->evaluate(f));
        QVERIFY(FieldExpression::parse(QStringLiteral("key contains \"abc\""), nullptr)->evaluate(f));
        // Deeply nested JSON in a payload.
        DecodedPayload nested;
        nested.kind = DecodedPayload::Kind::Json;
        nested.json = QByteArray(100000, '[') + QByteArray(100000, ']');
        f.value = &nested;
        QVERIFY(!FieldExpression::parse(QStringLiteral("value[0][0] == 1"), nullptr)->evaluate(f));
    }

    void threadSafeEvaluation()
    {
        const auto e = FieldExpression::parse(QStringLiteral(R"(value.items[0].sku matches "^A" && key contains "7")"), nullptr);
        QVERIFY(e);
        std::atomic<int> hits { 0 };
        auto work = [&] {
            for (int i = 0; i < 2000; ++i)
                hits += e->evaluate(fields()) ? 1 : 0;
        };
        std::thread a(work);
        std::thread b(work);
        a.join();
        b.join();
        QCOMPARE(hits.load(), 4000);
    }
};

SAMSA_TEST_MAIN(TestFieldExpression, QCoreApplication)
#include "tst_fieldexpression.moc"

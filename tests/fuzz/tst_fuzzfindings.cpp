// What fuzzing found (tests/fuzz), one test per finding, each feeding the reproducer saved in
// tests/fuzz/regressions/<target>/ and checking for a clean answer. Sanitizer findings (undefined
// behaviour) fail here under the asan preset; the checks of the answer hold in every build.

#include "avroschema/json.h"
#include "decoding/avrodatumdecoder.h"
#include "decoding/avrologicaltext.h"
#include "testmain.h"

#include <QFile>
#include <QTest>

#include <cstdint>
#include <limits>

using namespace Samsa;

namespace {

QByteArray reproducer(const QString& target, const QString& name)
{
    QFile file(QStringLiteral(SAMSA_FUZZ_REGRESSIONS "/") + target + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read reproducer %s/%s", qPrintable(target), qPrintable(name));
    return file.readAll();
}

} // namespace

class TestFuzzFindings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // fuzz_avro: a timestamp-millis of INT64_MIN overflowed (signed) while being split into seconds
    // and milliseconds. Out of the years 1 to 9999 it is shown as its number.
    void avroTimestampAtInt64Min()
    {
        const QByteArray input = reproducer(QStringLiteral("avro"), QStringLiteral("timestamp-int64-min"));
        const qsizetype nul = input.indexOf('\0');
        QVERIFY(nul > 0);
        QString error;
        const auto decoder = AvroDatumDecoder::create(input.left(nul), &error);
        QVERIFY2(decoder, qPrintable(error));
        const auto result = decoder->decode(QByteArrayView(input).sliced(nul + 1), true);
        QVERIFY2(result.ok, qPrintable(result.error));
        std::string parseError;
        const auto json = samsa::parseJson(result.json.toStdString(), &parseError);
        QVERIFY2(json, parseError.c_str());
        const samsa::Json* created = json->find("created");
        QVERIFY(created && created->isInteger());
        QCOMPARE(created->integer(), std::numeric_limits<int64_t>::min());

        constexpr int64_t min = std::numeric_limits<int64_t>::min();
        constexpr int64_t max = std::numeric_limits<int64_t>::max();
        for (const int64_t unitsPerSecond : { int64_t(1000), int64_t(1000000) }) {
            std::string text;
            QVERIFY(!AvroLogicalText::appendTimestamp(text, min, unitsPerSecond, true));
            QVERIFY(!AvroLogicalText::appendTimestamp(text, max, unitsPerSecond, true));
        }
        // In nanoseconds both ends are within the years 1 to 9999 (and overflowed just the same).
        std::string nanos;
        QVERIFY(AvroLogicalText::appendTimestamp(nanos, min, 1000000000, true));
        QCOMPARE(QString::fromStdString(nanos), QStringLiteral("1677-09-21T00:12:43.145224192Z"));
        nanos.clear();
        QVERIFY(AvroLogicalText::appendTimestamp(nanos, max, 1000000000, true));
        QCOMPARE(QString::fromStdString(nanos), QStringLiteral("2262-04-11T23:47:16.854775807Z"));
        std::string before;
        QVERIFY(AvroLogicalText::appendTimestamp(before, -1, 1000, true));
        QCOMPARE(QString::fromStdString(before), QStringLiteral("1969-12-31T23:59:59.999Z"));
    }
};

SAMSA_TEST_MAIN(TestFuzzFindings, QCoreApplication)
#include "tst_fuzzfindings.moc"

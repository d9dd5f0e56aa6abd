// Config administration logic without a cluster: the DescribeConfigs v3 codec of Samsa's own
// connection (defaults from synonyms, documentation, types; broken and lying answers refused), the
// value check of the create dialog, and the set AlterConfigs sends for a broker's dynamic configs.

#include "kafka/wire/describeconfigs.h"
#include "kafka/wire/wirecodec.h"
#include "testmain.h"
#include "topics/configoverrides.h"
#include "topics/configvaluecheck.h"

using namespace Samsa;

namespace {

struct Synonym {
    QString name;
    QString value;
    qint8 source;
};

struct Config {
    QString name;
    QString value; // null: null
    bool readOnly;
    qint8 source;
    bool sensitive;
    QList<Synonym> synonyms;
    qint8 type;
    QString documentation; // null: null
};

QByteArray answer(qint16 error, const QList<Config>& configs)
{
    WireWriter out;
    out.int32(0); // throttle
    out.int32(1);
    out.int16(error);
    out.nullableString(error ? QStringLiteral("denied") : QString());
    out.int8(2);
    out.string(QStringLiteral("orders"));
    out.int32(qint32(configs.size()));
    for (const Config& config : configs) {
        out.string(config.name);
        out.nullableString(config.value);
        out.int8(config.readOnly);
        out.int8(config.source);
        out.int8(config.sensitive);
        out.int32(qint32(config.synonyms.size()));
        for (const Synonym& synonym : config.synonyms) {
            out.string(synonym.name);
            out.nullableString(synonym.value);
            out.int8(synonym.source);
        }
        out.int8(config.type);
        out.nullableString(config.documentation);
    }
    return out.data();
}

} // namespace

class TestConfigDescribe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestAsksForSynonymsAndDocumentation()
    {
        const QByteArray body = DescribeConfigs::encodeRequest({ ConfigResourceType::Broker, QStringLiteral("1") });
        // One resource: type 4, name "1", every key (null array), synonyms, documentation.
        QCOMPARE(body.toHex(),
            QByteArray("00000001"
                       "04"
                       "000131"
                       "ffffffff"
                       "01"
                       "01"));
    }

    void decodesDefaultsDocumentationAndTypes()
    {
        const QByteArray body = answer(0,
            { { QStringLiteral("retention.ms"), QStringLiteral("60000"), false, 1, false,
                  { { QStringLiteral("retention.ms"), QStringLiteral("60000"), 1 },
                      { QStringLiteral("log.retention.ms"), QStringLiteral("3600000"), 4 },
                      { QStringLiteral("log.retention.ms"), QStringLiteral("604800000"), 5 } },
                  5, QStringLiteral("How long records are kept.") },
                { QStringLiteral("cleanup.policy"), QStringLiteral("delete"), false, 5, false, {}, 7, QString() },
                { QStringLiteral("sasl.secret"), QStringLiteral("leaked"), true, 4, true,
                    { { QStringLiteral("sasl.secret"), QStringLiteral("leaked"), 4 } }, 9, QString() } });
        ConfigResult result;
        QString error;
        QVERIFY2(DescribeConfigs::decodeResponse(body, &result, &error), qPrintable(error));
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.entries.size(), 3);
        const ConfigEntry& cleanup = result.entries.at(0); // sorted by name
        QCOMPARE(cleanup.name, QStringLiteral("cleanup.policy"));
        QCOMPARE(cleanup.defaultValue, QStringLiteral("delete")); // a default's default is itself
        QCOMPARE(cleanup.type, ConfigValueType::List);
        QVERIFY(cleanup.isDefault);
        const ConfigEntry& retention = result.entries.at(1);
        QCOMPARE(retention.source, ConfigSource::DynamicTopic);
        QCOMPARE(retention.defaultValue, QStringLiteral("3600000")); // the next level, not Kafka's default
        QCOMPARE(retention.type, ConfigValueType::Long);
        QCOMPARE(retention.documentation, QStringLiteral("How long records are kept."));
        const ConfigEntry& secret = result.entries.at(2);
        QVERIFY(secret.isSensitive);
        QVERIFY(secret.value.isEmpty()); // never kept, even when a broker sends it
        QVERIFY(secret.defaultValue.isEmpty());
    }

    void resourceErrorIsTheResultsError()
    {
        ConfigResult result;
        QString error;
        QVERIFY(DescribeConfigs::decodeResponse(answer(29, {}), &result, &error));
        QCOMPARE(result.error, QStringLiteral("denied"));
    }

    void brokenAnswersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray good = answer(0,
            { { QStringLiteral("a"), QStringLiteral("1"), false, 5, false,
                { { QStringLiteral("a"), QStringLiteral("1"), 5 } }, 3, QStringLiteral("doc") } });
        for (int cut : { 3, 10, 20, int(good.size()) - 1 })
            QTest::addRow("cut at %d", cut) << good.left(cut);
        QByteArray lyingCount = good;
        lyingCount.replace(4, 4, QByteArray::fromHex("7fffffff")); // resources
        QTest::addRow("lying resource count") << lyingCount;
        QTest::addRow("no resource") << QByteArray::fromHex("0000000000000000");
    }

    void brokenAnswersAreRefused()
    {
        QFETCH(QByteArray, body);
        ConfigResult result;
        QString error;
        QVERIFY(!DescribeConfigs::decodeResponse(body, &result, &error));
        QVERIFY(!error.isEmpty());
    }

    void valueCheck_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::addRow("long") << int(ConfigValueType::Long) << QStringLiteral("604800000") << true;
        QTest::addRow("negative long") << int(ConfigValueType::Long) << QStringLiteral("-1") << true;
        QTest::addRow("words for a long") << int(ConfigValueType::Long) << QStringLiteral("3 days") << false;
        QTest::addRow("int too big") << int(ConfigValueType::Int) << QStringLiteral("3000000000") << false;
        QTest::addRow("short") << int(ConfigValueType::Short) << QStringLiteral("3") << true;
        QTest::addRow("double") << int(ConfigValueType::Double) << QStringLiteral("0.5") << true;
        QTest::addRow("boolean") << int(ConfigValueType::Boolean) << QStringLiteral("TRUE") << true;
        QTest::addRow("not a boolean") << int(ConfigValueType::Boolean) << QStringLiteral("yes") << false;
        QTest::addRow("string") << int(ConfigValueType::String) << QStringLiteral("anything") << true;
        QTest::addRow("unknown type") << int(ConfigValueType::Unknown) << QStringLiteral("x") << true;
    }

    void valueCheck()
    {
        QFETCH(int, type);
        QFETCH(QString, value);
        QFETCH(bool, ok);
        QCOMPARE(ConfigValueCheck::problem(static_cast<ConfigValueType>(type), value).isEmpty(), ok);
    }

    void brokerDynamicSetKeepsOnlyDynamicValues()
    {
        const auto entry = [](const char* name, const char* value, bool readOnly, ConfigSource source) {
            ConfigEntry made;
            made.name = QString::fromUtf8(name);
            made.value = QString::fromUtf8(value);
            made.isReadOnly = readOnly;
            made.source = source;
            return made;
        };
        QList<ConfigEntry> entries;
        const ConfigEntry retention = entry("log.retention.ms", "60000", false, ConfigSource::DynamicBroker);
        const ConfigEntry partitions = entry("num.partitions", "3", true, ConfigSource::StaticBroker);
        const ConfigEntry bytes = entry("message.max.bytes", "2000", false, ConfigSource::DynamicBroker);
        entries << retention << partitions << bytes;
        const ConfigOverrides set = ConfigOverrides::fromEntries(entries, ConfigSource::DynamicBroker)
                                        .changed({ { QStringLiteral("message.max.bytes"), QString() },
                                            { QStringLiteral("log.roll.ms"), QStringLiteral("1000") } });
        QVERIFY(set.error.isEmpty());
        QCOMPARE(set.values,
            (QList<QPair<QString, QString>> { { QStringLiteral("log.retention.ms"), QStringLiteral("60000") },
                { QStringLiteral("log.roll.ms"), QStringLiteral("1000") } }));
        // The topic level ignores them all.
        QVERIFY(ConfigOverrides::fromEntries(entries).values.isEmpty());
    }
};

SAMSA_TEST_MAIN(TestConfigDescribe, QCoreApplication)
#include "tst_configdescribe.moc"

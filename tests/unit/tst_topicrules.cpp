// The checks topic administration makes before anything is sent: Kafka's topic name rule with the
// metric-name collision warning, and the set of overrides AlterConfigs must carry.

#include "testmain.h"
#include "topics/configoverrides.h"
#include "topics/topicname.h"

using namespace Samsa;

using Overrides = QList<QPair<QString, QString>>;

class TopicRulesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("problemPart"); // empty: valid
        QTest::addRow("plain") << QStringLiteral("orders") << QString();
        QTest::addRow("all allowed characters") << QStringLiteral("Az09._-") << QString();
        QTest::addRow("249 characters") << QString(249, QLatin1Char('a')) << QString();
        QTest::addRow("250 characters") << QString(250, QLatin1Char('a')) << QStringLiteral("at most 249");
        QTest::addRow("empty") << QString() << QStringLiteral("empty");
        QTest::addRow("dot") << QStringLiteral(".") << QStringLiteral("\".\" or \"..\"");
        QTest::addRow("dot dot") << QStringLiteral("..") << QStringLiteral("\".\" or \"..\"");
        QTest::addRow("three dots") << QStringLiteral("...") << QString();
        QTest::addRow("space") << QStringLiteral("my topic") << QStringLiteral("U+0020 at position 3");
        QTest::addRow("slash") << QStringLiteral("a/b") << QStringLiteral("'/' at position 2");
        QTest::addRow("umlaut") << QStringLiteral("gr\u00fcn") << QStringLiteral("position 3");
        QTest::addRow("colon") << QStringLiteral("a:b") << QStringLiteral("':'");
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(QString, problemPart);
        const QString problem = TopicName::problem(name);
        if (problemPart.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(problemPart), qPrintable(problem));
    }

    void collisionWarning()
    {
        QVERIFY(TopicName::collisionWarning(QStringLiteral("orders-v2")).isEmpty());
        const QString dotted = TopicName::collisionWarning(QStringLiteral("shop.orders"));
        QVERIFY(dotted.contains(QStringLiteral("\"shop_orders\"")));
        QVERIFY(!TopicName::collisionWarning(QStringLiteral("shop_orders")).isEmpty());
    }

    void overridesKeepOthersAndReset()
    {
        const QList<ConfigEntry> entries {
            { QStringLiteral("retention.ms"), QStringLiteral("1000"), false, false, false, ConfigSource::DynamicTopic },
            { QStringLiteral("cleanup.policy"), QStringLiteral("delete"), true, false, false, ConfigSource::Default },
            { QStringLiteral("segment.bytes"), QStringLiteral("2048"), false, false, false,
                ConfigSource::DynamicTopic },
            { QStringLiteral("min.insync.replicas"), QStringLiteral("1"), false, false, false,
                ConfigSource::StaticBroker },
        };
        const ConfigOverrides current = ConfigOverrides::fromEntries(entries);
        QVERIFY(current.error.isEmpty());
        QCOMPARE(current.values,
            (Overrides { { QStringLiteral("retention.ms"), QStringLiteral("1000") },
                { QStringLiteral("segment.bytes"), QStringLiteral("2048") } }));
        // Change one, add one, reset one (null value): the untouched one is still sent.
        const ConfigOverrides next = current.changed({ { QStringLiteral("retention.ms"), QStringLiteral("5000") },
            { QStringLiteral("cleanup.policy"), QStringLiteral("compact") },
            { QStringLiteral("segment.bytes"), QString() } });
        QCOMPARE(next.values,
            (Overrides { { QStringLiteral("cleanup.policy"), QStringLiteral("compact") },
                { QStringLiteral("retention.ms"), QStringLiteral("5000") } }));
        // An empty (not null) value is a value, not a reset.
        QCOMPARE(current.changed({ { QStringLiteral("segment.bytes"), QStringLiteral("") } }).values.size(), 2);
    }

    void sensitiveOverrideRefused()
    {
        const QList<ConfigEntry> entries {
            { QStringLiteral("secret.thing"), QString(), false, true, false, ConfigSource::DynamicTopic },
        };
        const ConfigOverrides current = ConfigOverrides::fromEntries(entries);
        QVERIFY(current.error.contains(QStringLiteral("secret.thing")));
    }
};

SAMSA_TEST_MAIN(TopicRulesTest, QCoreApplication)
#include "tst_topicrules.moc"

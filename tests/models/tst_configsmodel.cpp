// Configuration entries: values shown, sensitive ones masked whatever arrived, overrides in bold,
// the source named, updates in place.

#include "configsmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QGuiApplication>

using namespace Samsa;

namespace {
ConfigEntry entry(
    const QString& name, const QString& value, ConfigSource source, bool sensitive = false, bool readOnly = false)
{
    ConfigEntry config;
    config.name = name;
    config.value = value;
    config.source = source;
    config.isDefault = source == ConfigSource::Default;
    config.isSensitive = sensitive;
    config.isReadOnly = readOnly;
    return config;
}
} // namespace

class ConfigsModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void content_data()
    {
        QTest::addColumn<ConfigSource>("source");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("sensitive");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("shownValue");
        QTest::addColumn<bool>("override");
        QTest::addRow("default") << ConfigSource::Default << QStringLiteral("604800000") << false << false
                                 << QStringLiteral("604800000") << false;
        QTest::addRow("topic override") << ConfigSource::DynamicTopic << QStringLiteral("compact") << false << false
                                        << QStringLiteral("compact") << true;
        QTest::addRow("static broker, read-only") << ConfigSource::StaticBroker << QStringLiteral("/var/kafka") << false
                                                  << true << QStringLiteral("/var/kafka") << true;
        QTest::addRow("sensitive without value")
            << ConfigSource::DynamicBroker << QString() << true << false << ConfigsModel::maskedValue() << true;
        QTest::addRow("sensitive with a value sent") << ConfigSource::DynamicBroker << QStringLiteral("hunter2") << true
                                                     << false << ConfigsModel::maskedValue() << true;
    }

    void content()
    {
        QFETCH(ConfigSource, source);
        QFETCH(QString, value);
        QFETCH(bool, sensitive);
        QFETCH(bool, readOnly);
        QFETCH(QString, shownValue);
        QFETCH(bool, override);

        ConfigsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({ entry(QStringLiteral("some.key"), value, source, sensitive, readOnly) });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ConfigsModel::NameColumn).data().toString(), QStringLiteral("some.key"));
        QCOMPARE(model.index(0, ConfigsModel::ValueColumn).data().toString(), shownValue);
        QCOMPARE(model.index(0, ConfigsModel::SourceColumn).data().toString(), configSourceName(source));
        QCOMPARE(model.index(0, ConfigsModel::ReadOnlyColumn).data().toString().isEmpty(), !readOnly);
        QCOMPARE(model.index(0, 0).data(ConfigsModel::IsReadOnlyRole).toBool(), readOnly);
        QCOMPARE(model.index(0, 0).data(ConfigsModel::IsSensitiveRole).toBool(), sensitive);
        QCOMPARE(model.index(0, 0).data(ConfigsModel::IsOverrideRole).toBool(), override);
        const QVariant font = model.index(0, ConfigsModel::NameColumn).data(Qt::FontRole);
        QCOMPARE(font.isValid() && font.value<QFont>().bold(), override);
        if (sensitive) {
            // No role whatsoever gives the secret away.
            for (int column = 0; column < model.columnCount(); ++column)
                for (int role = 0; role <= ConfigsModel::IsReadOnlyRole; ++role)
                    QVERIFY(!model.index(0, column).data(role).toString().contains(QStringLiteral("hunter2")));
        }
    }

    void unknownSourceNamedByDefaultFlag()
    {
        ConfigsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConfigEntry byDefault = entry(QStringLiteral("a"), QStringLiteral("1"), ConfigSource::Unknown);
        byDefault.isDefault = true;
        model.setEntries({ byDefault, entry(QStringLiteral("b"), QStringLiteral("2"), ConfigSource::Unknown) });
        QCOMPARE(model.index(0, ConfigsModel::SourceColumn).data().toString(), QStringLiteral("Default"));
        QCOMPARE(model.index(1, ConfigsModel::SourceColumn).data().toString(), QStringLiteral("Override"));
        QVERIFY(!model.index(0, 0).data(ConfigsModel::IsOverrideRole).toBool());
        QVERIFY(model.index(1, 0).data(ConfigsModel::IsOverrideRole).toBool());
    }

    void refreshUpdatesInPlace()
    {
        ConfigsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({ entry(QStringLiteral("a"), QStringLiteral("1"), ConfigSource::Default),
            entry(QStringLiteral("b"), QStringLiteral("2"), ConfigSource::Default),
            entry(QStringLiteral("c"), QStringLiteral("3"), ConfigSource::Default) });
        const QPersistentModelIndex c = model.index(2, ConfigsModel::ValueColumn);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setEntries({ entry(QStringLiteral("a"), QStringLiteral("1"), ConfigSource::Default),
            entry(QStringLiteral("b"), QStringLiteral("20"), ConfigSource::DynamicTopic),
            entry(QStringLiteral("c"), QStringLiteral("3"), ConfigSource::Default) });
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, ConfigsModel::ValueColumn).data().toString(), QStringLiteral("20"));
        QVERIFY(model.index(1, 0).data(ConfigsModel::IsOverrideRole).toBool());
        QVERIFY(c.isValid());
        QCOMPARE(c.data().toString(), QStringLiteral("3"));
    }
};

SAMSA_TEST_MAIN(ConfigsModelTest, QGuiApplication)
#include "tst_configsmodel.moc"

// The partitions of a topic: leader, replicas, in-sync replicas and watermarks per row, offline and
// under-replicated partitions marked, updates in place.

#include "clusterfixtures.h"
#include "partitionsmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QLocale>

using namespace Samsa;
using Samsa::Test::makePartition;
using Samsa::Test::makeTopic;
using Samsa::Test::makeWatermarks;

Q_DECLARE_METATYPE(Samsa::PartitionsModel::Health)

class PartitionsModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void health_data()
    {
        QTest::addColumn<int>("leader");
        QTest::addColumn<QList<int>>("replicas");
        QTest::addColumn<QList<int>>("inSync");
        QTest::addColumn<PartitionsModel::Health>("health");
        QTest::addColumn<QString>("leaderText");
        QTest::addRow("healthy") << 2 << QList<int> { 2, 3, 1 } << QList<int> { 2, 3, 1 }
                                 << PartitionsModel::Health::Healthy << QStringLiteral("2");
        QTest::addRow("under-replicated") << 1 << QList<int> { 1, 2, 3 } << QList<int> { 1 }
                                          << PartitionsModel::Health::UnderReplicated << QStringLiteral("1");
        QTest::addRow("offline") << -1 << QList<int> { 1, 2 } << QList<int> {} << PartitionsModel::Health::Offline
                                 << QString();
    }

    void health()
    {
        QFETCH(int, leader);
        QFETCH(QList<int>, replicas);
        QFETCH(QList<int>, inSync);
        QFETCH(PartitionsModel::Health, health);
        QFETCH(QString, leaderText);

        TopicInfo topic = makeTopic(QStringLiteral("t"), 1, 1);
        topic.partitions.append(makePartition(1, leader, replicas, inSync));
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(topic);
        QCOMPARE(model.topic(), QStringLiteral("t"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, PartitionsModel::PartitionColumn).data().toInt(), 1);
        if (!leaderText.isEmpty())
            QCOMPARE(model.index(1, PartitionsModel::LeaderColumn).data().toString(), leaderText);
        QStringList replicaTexts;
        for (int id : std::as_const(replicas))
            replicaTexts.append(QString::number(id));
        QCOMPARE(
            model.index(1, PartitionsModel::ReplicasColumn).data().toString(), replicaTexts.join(QLatin1String(", ")));
        QStringList inSyncTexts;
        for (int id : std::as_const(inSync))
            inSyncTexts.append(QString::number(id));
        QCOMPARE(model.index(1, PartitionsModel::InSyncReplicasColumn).data().toString(),
            inSyncTexts.join(QLatin1String(", ")));

        QCOMPARE(PartitionsModel::Health(model.index(1, 0).data(PartitionsModel::HealthRole).toInt()), health);
        QCOMPARE(model.index(1, 0).data(Qt::BackgroundRole).isValid(), health != PartitionsModel::Health::Healthy);
        QCOMPARE(model.index(1, 0).data(Qt::ToolTipRole).isValid(), health != PartitionsModel::Health::Healthy);
        // The healthy first row is never highlighted.
        QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    }

    void watermarks()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(makeTopic(QStringLiteral("t"), 3));
        QCOMPARE(model.index(0, PartitionsModel::MessagesColumn).data().toString(), QStringLiteral("…"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        TopicWatermarks watermarks;
        watermarks.topic = QStringLiteral("t");
        watermarks.partitions.insert(0, { 5, 20 });
        watermarks.partitions.insert(2, { 0, 1234567 });
        // Another topic's watermarks must not land here.
        model.applyWatermarks({ makeWatermarks(QStringLiteral("other"), 3, 99), watermarks });
        QCOMPARE(changed.size(), 2);
        for (const QList<QVariant>& signal : std::as_const(changed)) {
            QCOMPARE(signal.at(0).toModelIndex().column(), int(PartitionsModel::LowColumn));
            QCOMPARE(signal.at(1).toModelIndex().column(), int(PartitionsModel::MessagesColumn));
        }
        QCOMPARE(model.index(0, PartitionsModel::LowColumn).data().toString(), QLocale().toString(5));
        QCOMPARE(model.index(0, PartitionsModel::HighColumn).data().toString(), QLocale().toString(20));
        QCOMPARE(model.index(0, PartitionsModel::MessagesColumn).data(PartitionsModel::SortRole).toLongLong(), 15);
        QCOMPARE(model.index(2, PartitionsModel::MessagesColumn).data().toString(), QLocale().toString(1234567));
        QCOMPARE(model.index(1, PartitionsModel::MessagesColumn).data().toString(), QStringLiteral("…"));

        // A metadata refresh without watermarks keeps the known ones.
        changed.clear();
        model.setTopic(makeTopic(QStringLiteral("t"), 3));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.index(0, PartitionsModel::MessagesColumn).data(PartitionsModel::SortRole).toLongLong(), 15);
    }

    void refreshUpdatesInPlace()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(makeTopic(QStringLiteral("t"), 3, 3));
        const QPersistentModelIndex second = model.index(1, PartitionsModel::PartitionColumn);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        TopicInfo topic = makeTopic(QStringLiteral("t"), 4, 3);
        topic.partitions[2].leader = -1;
        model.setTopic(topic);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 2);
        QVERIFY(second.isValid());
        QCOMPARE(second.data().toInt(), 1);
        QCOMPARE(PartitionsModel::Health(model.index(2, 0).data(PartitionsModel::HealthRole).toInt()),
            PartitionsModel::Health::Offline);

        // Another topic starts over.
        model.setTopic(makeTopic(QStringLiteral("u"), 1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.topic(), QStringLiteral("u"));
    }
};

SAMSA_TEST_MAIN(PartitionsModelTest, QGuiApplication)
#include "tst_partitionsmodel.moc"

// The topics table: what each column shows, that a refresh updates rows in place instead of resetting,
// and that watermark chunks touch only the message-count cells of their topics.

#include "clusterfixtures.h"
#include "testmain.h"
#include "topicsmodel.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QLocale>

using namespace Samsa;
using Samsa::Test::makeTopic;
using Samsa::Test::makeWatermarks;

namespace {
QStringList namesOf(const QAbstractItemModel& model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, TopicsModel::NameColumn).data().toString());
    return names;
}
} // namespace

class TopicsModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void content_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replication");
        QTest::addColumn<bool>("internal");
        QTest::addRow("plain") << QStringLiteral("orders") << 6 << 3 << false;
        QTest::addRow("single") << QStringLiteral("a") << 1 << 1 << false;
        QTest::addRow("internal") << QStringLiteral("__consumer_offsets") << 50 << 3 << true;
        QTest::addRow("unicode") << QStringLiteral("zählung.ü") << 2 << 2 << false;
    }

    void content()
    {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(int, replication);
        QFETCH(bool, internal);

        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopics({ makeTopic(QStringLiteral("other"), 1), makeTopic(name, partitions, replication, internal) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(TopicsModel::ColumnCount));
        const int row = model.rowOfTopic(name);
        QCOMPARE(row, 1);
        QCOMPARE(model.topicAt(row), name);
        QCOMPARE(model.index(row, TopicsModel::NameColumn).data().toString(), name);
        QCOMPARE(model.index(row, TopicsModel::PartitionsColumn).data().toInt(), partitions);
        QCOMPARE(model.index(row, TopicsModel::ReplicationColumn).data().toInt(), replication);
        QCOMPARE(model.index(row, TopicsModel::NameColumn).data(TopicsModel::IsInternalRole).toBool(), internal);
        QCOMPARE(model.index(row, TopicsModel::InternalColumn).data().toString().isEmpty(), !internal);
        // Unknown until the watermarks arrive.
        QCOMPARE(model.index(row, TopicsModel::MessagesColumn).data().toString(), QStringLiteral("…"));
        QCOMPARE(model.index(row, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong(), -1);

        model.applyWatermarks({ makeWatermarks(name, partitions, 1500, 10) });
        const qint64 expected = qint64(partitions) * 1500;
        QCOMPARE(
            model.index(row, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong(), expected);
        QCOMPARE(model.index(row, TopicsModel::MessagesColumn).data().toString(), QLocale().toString(expected));
        QCOMPARE(model.index(row, TopicsModel::MessagesColumn).data(TopicsModel::SortRole).toLongLong(), expected);
        QCOMPARE(model.index(0, TopicsModel::MessagesColumn).data().toString(), QStringLiteral("…"));
    }

    void firstLoadIsOneReset()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        model.setTopics({ makeTopic(QStringLiteral("a"), 1), makeTopic(QStringLiteral("b"), 2) });
        QCOMPARE(resets.size(), 1);
        QCOMPARE(inserts.size(), 0);
        QCOMPARE(namesOf(model), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    }

    void refreshUpdatesInPlace()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopics({ makeTopic(QStringLiteral("a"), 1), makeTopic(QStringLiteral("b"), 2),
            makeTopic(QStringLiteral("c"), 3), makeTopic(QStringLiteral("d"), 4) });
        const QPersistentModelIndex b = model.index(1, TopicsModel::NameColumn);
        const QPersistentModelIndex d = model.index(3, TopicsModel::PartitionsColumn);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // "a" went away, "c" gained partitions, "e" is new, "b" and "d" did not change.
        model.setTopics({ makeTopic(QStringLiteral("b"), 2), makeTopic(QStringLiteral("c"), 5),
            makeTopic(QStringLiteral("d"), 4), makeTopic(QStringLiteral("e"), 1) });
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(removed.first().at(2).toInt(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 3);
        QCOMPARE(changed.size(), 1);
        const QModelIndex cRow = model.index(model.rowOfTopic(QStringLiteral("c")), 0);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), cRow.row());
        QCOMPARE(changed.first().at(1).toModelIndex().row(), cRow.row());

        QVERIFY(b.isValid());
        QCOMPARE(b.data().toString(), QStringLiteral("b"));
        QVERIFY(d.isValid());
        QCOMPARE(d.data().toInt(), 4);
        QCOMPARE(model.index(cRow.row(), TopicsModel::PartitionsColumn).data().toInt(), 5);
        QCOMPARE(namesOf(model).size(), 4);
        QVERIFY(namesOf(model).contains(QStringLiteral("e")));
        QCOMPARE(model.rowOfTopic(QStringLiteral("a")), -1);
        QCOMPARE(model.topicAt(model.rowOfTopic(QStringLiteral("e"))), QStringLiteral("e"));

        // The same snapshot again changes nothing at all.
        const QList<TopicInfo> same = { makeTopic(QStringLiteral("b"), 2), makeTopic(QStringLiteral("c"), 5),
            makeTopic(QStringLiteral("d"), 4), makeTopic(QStringLiteral("e"), 1) };
        changed.clear();
        inserted.clear();
        removed.clear();
        model.setTopics(same);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(resets.size(), 0);
    }

    void countSurvivesMetadataRefresh()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopics({ makeTopic(QStringLiteral("a"), 2) });
        model.applyWatermarks({ makeWatermarks(QStringLiteral("a"), 2, 7) });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTopics({ makeTopic(QStringLiteral("a"), 2) });
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.index(0, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong(), 14);
        // More partitions: the old total no longer describes the topic.
        model.setTopics({ makeTopic(QStringLiteral("a"), 3) });
        QCOMPARE(model.index(0, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong(), -1);
    }

    void watermarkChunksTouchOnlyTheirCells()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<TopicInfo> topics;
        for (int i = 0; i < 10; ++i)
            topics.append(makeTopic(QStringLiteral("t%1").arg(i), 3));
        model.setTopics(topics);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // Rows 2 and 3 are adjacent (one range), 7 stands alone, the unknown topic is ignored.
        model.applyWatermarks({ makeWatermarks(QStringLiteral("t3"), 3, 4), makeWatermarks(QStringLiteral("t7"), 3, 1),
            makeWatermarks(QStringLiteral("t2"), 3, 2), makeWatermarks(QStringLiteral("gone"), 1, 1) });
        QCOMPARE(changed.size(), 2);
        for (const QList<QVariant>& signal : changed) {
            QCOMPARE(signal.at(0).toModelIndex().column(), int(TopicsModel::MessagesColumn));
            QCOMPARE(signal.at(1).toModelIndex().column(), int(TopicsModel::MessagesColumn));
        }
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 3);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 7);
        QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 7);

        for (int i = 0; i < 10; ++i) {
            const qint64 count
                = model.index(i, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong();
            const qint64 expected = i == 2 ? 6 : i == 3 ? 12 : i == 7 ? 3 : -1;
            QCOMPARE(count, expected);
        }

        // A second chunk with the same values changes nothing.
        changed.clear();
        model.applyWatermarks({ makeWatermarks(QStringLiteral("t3"), 3, 4) });
        QCOMPARE(changed.size(), 0);

        // A chunk that lacks partitions of a topic leaves its count unknown.
        model.applyWatermarks({ makeWatermarks(QStringLiteral("t5"), 2, 4) });
        QCOMPARE(model.index(5, TopicsModel::MessagesColumn).data(TopicsModel::MessageCountRole).toLongLong(), -1);
    }

    void emptyRefreshRemovesEverything()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopics({ makeTopic(QStringLiteral("a"), 1), makeTopic(QStringLiteral("b"), 1) });
        model.setTopics({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOfTopic(QStringLiteral("a")), -1);
        model.setTopics({ makeTopic(QStringLiteral("c"), 1) });
        QCOMPARE(namesOf(model), QStringList { QStringLiteral("c") });
    }
};

SAMSA_TEST_MAIN(TopicsModelTest, QGuiApplication)
#include "tst_topicsmodel.moc"

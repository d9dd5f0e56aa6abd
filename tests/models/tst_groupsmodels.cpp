// The consumer-group tables: the groups list (state first, members and lag once described) and one
// group's partitions with committed offset, end offset and lag.

#include "groupoffsetsmodel.h"
#include "groupsmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>

using namespace Samsa;

namespace {

GroupDetail detailOf(const QString& id, qint64 committed, qint64 end)
{
    GroupDetail detail;
    detail.id = id;
    detail.state = QStringLiteral("Stable");
    detail.assignor = QStringLiteral("range");
    detail.members.append({ QStringLiteral("m-1"), QStringLiteral("billing-1"), {}, QStringLiteral("/10.0.0.7"),
        { { QStringLiteral("orders"), 0 }, { QStringLiteral("orders"), 1 } } });
    detail.offsets.append({ QStringLiteral("orders"), 0, committed, end, QStringLiteral("m-1") });
    detail.offsets.append({ QStringLiteral("orders"), 1, -1, end, QStringLiteral("m-1") });
    return detail;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class GroupsModelsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listThenDescribe()
    {
        GroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups({ { QStringLiteral("billing"), QStringLiteral("Stable"), false },
            { QStringLiteral("audit"), QStringLiteral("Empty"), true } });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.groupIdAt(0), QStringLiteral("billing"));
        QCOMPARE(cell(model, 1, GroupsModel::StateColumn), QStringLiteral("Empty (simple)"));
        QCOMPARE(cell(model, 0, GroupsModel::LagColumn), QString()); // not described yet
        QCOMPARE(model.index(0, GroupsModel::LagColumn).data(GroupsModel::SortRole).toLongLong(), -1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyDetail(detailOf(QStringLiteral("billing"), 40, 100));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(model, 0, GroupsModel::MembersColumn), QStringLiteral("1"));
        QCOMPARE(cell(model, 0, GroupsModel::PartitionsColumn), QStringLiteral("2"));
        QCOMPARE(cell(model, 0, GroupsModel::LagColumn), QStringLiteral("60")); // the uncommitted partition has no lag
        // A detail of a group that is not listed, or that failed, changes nothing.
        GroupDetail failed = detailOf(QStringLiteral("audit"), 1, 2);
        failed.error = QStringLiteral("boom");
        model.applyDetail(failed);
        model.applyDetail(detailOf(QStringLiteral("ghost"), 1, 2));
        QCOMPARE(changed.size(), 1);
    }

    void relistKeepsRowsAndLag()
    {
        GroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups({ { QStringLiteral("a"), QStringLiteral("Stable"), false }, { QStringLiteral("b"), QStringLiteral("Stable"), false } });
        model.applyDetail(detailOf(QStringLiteral("b"), 5, 7));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setGroups({ { QStringLiteral("b"), QStringLiteral("PreparingRebalance"), false }, { QStringLiteral("c"), QStringLiteral("Empty"), false } });
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.groupIdAt(0), QStringLiteral("b"));
        QCOMPARE(cell(model, 0, GroupsModel::StateColumn), QStringLiteral("PreparingRebalance"));
        QCOMPARE(cell(model, 0, GroupsModel::LagColumn), QStringLiteral("2"));
        QCOMPARE(model.groupIdAt(1), QStringLiteral("c"));
        model.setGroups({});
        QCOMPARE(model.rowCount(), 0);
    }

    void offsetsAndLag()
    {
        GroupOffsetsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDetail(detailOf(QStringLiteral("billing"), 40, 100));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, GroupOffsetsModel::TopicColumn), QStringLiteral("orders"));
        QCOMPARE(cell(model, 0, GroupOffsetsModel::CommittedColumn), QStringLiteral("40"));
        QCOMPARE(cell(model, 0, GroupOffsetsModel::EndColumn), QStringLiteral("100"));
        QCOMPARE(cell(model, 0, GroupOffsetsModel::LagColumn), QStringLiteral("60"));
        QCOMPARE(cell(model, 0, GroupOffsetsModel::MemberColumn), QStringLiteral("billing-1 (/10.0.0.7)"));
        QCOMPARE(cell(model, 1, GroupOffsetsModel::CommittedColumn), QStringLiteral("–"));
        QCOMPARE(cell(model, 1, GroupOffsetsModel::LagColumn), QStringLiteral("–"));

        // The consumer catches up: the same rows change in place.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDetail(detailOf(QStringLiteral("billing"), 100, 100));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(model, 0, GroupOffsetsModel::LagColumn), QStringLiteral("0"));
    }
};

SAMSA_TEST_MAIN(GroupsModelsTest, QGuiApplication)
#include "tst_groupsmodels.moc"

// The ACL table's model and filter: every column as Kafka's tools name it, a refresh merged in place
// (the rows that stayed keep their persistent indexes), and the text, resource type and permission
// filters combined.

#include "aclsfiltermodel.h"
#include "aclsmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>

using namespace Samsa;

namespace {

AclBinding acl(const QString& principal, AclOperation operation, AclResourceType type, const QString& name,
    AclPermission permission = AclPermission::Allow, AclPatternType pattern = AclPatternType::Literal)
{
    AclBinding binding;
    binding.principal = principal;
    binding.operation = operation;
    binding.resourceType = type;
    binding.resourceName = name;
    binding.permission = permission;
    binding.patternType = pattern;
    return binding;
}

QStringList rowsOf(const QAbstractItemModel& model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells.append(model.index(row, column).data().toString());
        rows.append(cells.join(QLatin1Char(' ')));
    }
    return rows;
}

const QList<AclBinding> sample {
    acl(QStringLiteral("User:bob"), AclOperation::Read, AclResourceType::Topic, QStringLiteral("payments")),
    acl(QStringLiteral("User:bob"), AclOperation::DescribeConfigs, AclResourceType::Topic, QStringLiteral("pay"),
        AclPermission::Allow, AclPatternType::Prefixed),
    acl(QStringLiteral("User:carol"), AclOperation::Read, AclResourceType::Group, QStringLiteral("billing"),
        AclPermission::Deny),
    acl(QStringLiteral("User:admin"), AclOperation::Alter, AclResourceType::Cluster, QStringLiteral("kafka-cluster")),
};

} // namespace

class AclsModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void columnsSayWhatKafkaSays()
    {
        AclsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBindings(sample);
        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.headerData(AclsModel::ResourceNameColumn, Qt::Horizontal).toString(),
            QStringLiteral("Resource name"));
        QCOMPARE(rowsOf(model),
            (QStringList { QStringLiteral("User:bob * READ ALLOW TOPIC payments LITERAL"),
                QStringLiteral("User:bob * DESCRIBE_CONFIGS ALLOW TOPIC pay PREFIXED"),
                QStringLiteral("User:carol * READ DENY GROUP billing LITERAL"),
                QStringLiteral("User:admin * ALTER ALLOW CLUSTER kafka-cluster LITERAL") }));
        QVERIFY(model.index(2, AclsModel::PermissionColumn).data(Qt::ForegroundRole).isValid()); // DENY stands out
        QVERIFY(!model.index(0, AclsModel::PermissionColumn).data(Qt::ForegroundRole).isValid());
    }

    void refreshKeepsTheRowsThatStayed()
    {
        AclsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBindings(sample);
        const QPersistentModelIndex carol = model.index(2, 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QList<AclBinding> next = sample;
        next.removeAt(0);
        next.append(
            acl(QStringLiteral("User:dave"), AclOperation::Write, AclResourceType::Topic, QStringLiteral("logs")));
        model.setBindings(next);
        QCOMPARE(reset.size(), 0);
        QVERIFY(carol.isValid());
        QCOMPARE(carol.data().toString(), QStringLiteral("User:carol"));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.bindingAt(model.rowCount() - 1).principal, QStringLiteral("User:dave"));
        // Bindings that differ only in one field are different rows.
        AclBinding deny = sample.first();
        deny.permission = AclPermission::Deny;
        QVERIFY(AclsModel::keyOf(deny) != AclsModel::keyOf(sample.first()));
        model.setBindings({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filtersCombine()
    {
        AclsModel model;
        model.setBindings(sample);
        AclsFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(filter.rowCount(), 4);
        filter.setFilterText(QStringLiteral("  PAY "));
        QCOMPARE(filter.rowCount(), 2); // "payments" and the prefix "pay"
        filter.setFilterText(QStringLiteral("describe_configs"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setFilterText(QStringLiteral("read"));
        QCOMPARE(filter.rowCount(), 2);
        filter.setResourceType(AclResourceType::Group);
        QCOMPARE(rowsOf(filter), QStringList { QStringLiteral("User:carol * READ DENY GROUP billing LITERAL") });
        filter.setResourceType(std::nullopt);
        filter.setPermission(AclPermission::Allow);
        QCOMPARE(rowsOf(filter), QStringList { QStringLiteral("User:bob * READ ALLOW TOPIC payments LITERAL") });
        filter.setFilterText({});
        filter.setPermission(std::nullopt);
        QCOMPARE(filter.rowCount(), 4);
        filter.sort(AclsModel::PrincipalColumn);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("User:admin"));
    }
};

SAMSA_TEST_MAIN(AclsModelTest, QGuiApplication)
#include "tst_aclsmodel.moc"

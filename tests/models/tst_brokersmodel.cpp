// The brokers table: one row per broker, the controller marked, refreshed in place.

#include "brokersmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>

using namespace Samsa;

namespace {
ClusterMetadata metadataWith(const QList<BrokerInfo>& brokers, int controllerId)
{
    ClusterMetadata metadata;
    metadata.clusterId = QStringLiteral("cluster");
    metadata.controllerId = controllerId;
    metadata.brokers = brokers;
    return metadata;
}

BrokerInfo broker(int id, const QString& rack = {})
{
    return { id, QStringLiteral("broker-%1.example").arg(id), 9090 + id, rack };
}
} // namespace

class BrokersModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void content_data()
    {
        QTest::addColumn<int>("controller");
        QTest::addColumn<QString>("rack");
        QTest::addRow("first is controller") << 1 << QStringLiteral("eu-1a");
        QTest::addRow("last is controller") << 3 << QString();
        QTest::addRow("no controller known") << -1 << QStringLiteral("r");
    }

    void content()
    {
        QFETCH(int, controller);
        QFETCH(QString, rack);
        BrokersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMetadata(metadataWith({ broker(1, rack), broker(2, rack), broker(3, rack) }, controller));
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            const int id = row + 1;
            QCOMPARE(model.brokerIdAt(row), id);
            QCOMPARE(model.rowOfBroker(id), row);
            QCOMPARE(model.index(row, BrokersModel::IdColumn).data().toInt(), id);
            QCOMPARE(model.index(row, BrokersModel::HostColumn).data().toString(),
                QStringLiteral("broker-%1.example").arg(id));
            QCOMPARE(model.index(row, BrokersModel::PortColumn).data().toInt(), 9090 + id);
            QCOMPARE(model.index(row, BrokersModel::RackColumn).data().toString(), rack);
            QCOMPARE(model.index(row, 0).data(BrokersModel::IsControllerRole).toBool(), id == controller);
            QCOMPARE(model.index(row, BrokersModel::RoleColumn).data().toString().isEmpty(), id != controller);
            QCOMPARE(model.index(row, BrokersModel::HostColumn).data(BrokersModel::BrokerIdRole).toInt(), id);
        }
        QCOMPARE(model.brokerIdAt(3), -1);
        QCOMPARE(model.rowOfBroker(42), -1);
    }

    void refreshUpdatesInPlace()
    {
        BrokersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMetadata(metadataWith({ broker(1), broker(2), broker(3) }, 1));
        const QPersistentModelIndex two = model.index(1, BrokersModel::HostColumn);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // The controller moves from 1 to 3; broker 2 is untouched.
        model.setMetadata(metadataWith({ broker(1), broker(2), broker(3) }, 3));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 2);
        QVERIFY(model.index(2, 0).data(BrokersModel::IsControllerRole).toBool());
        QVERIFY(!model.index(0, 0).data(BrokersModel::IsControllerRole).toBool());

        // Broker 1 leaves, broker 4 joins.
        model.setMetadata(metadataWith({ broker(2), broker(3), broker(4) }, 3));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(two.isValid());
        QCOMPARE(two.data().toString(), QStringLiteral("broker-2.example"));
        QCOMPARE(model.rowOfBroker(4), 2);
        QCOMPARE(model.rowOfBroker(1), -1);
    }
};

SAMSA_TEST_MAIN(BrokersModelTest, QGuiApplication)
#include "tst_brokersmodel.moc"

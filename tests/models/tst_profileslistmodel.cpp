#include "profiles/profilestore.h"
#include "profileslistmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Samsa;

class TestProfilesListModel : public QObject {
    Q_OBJECT

private:
    static ConnectionProfile makeProfile(const QString& name, const QString& bootstrap)
    {
        ConnectionProfile profile;
        profile.name = name;
        profile.bootstrapServers = bootstrap;
        return profile;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<ProfileStore>();
        QVERIFY2(m_store->open(m_dir.filePath(QStringLiteral("profiles-%1.db").arg(++m_counter))),
            qPrintable(m_store->errorText()));
    }

    void cleanup() { m_store.reset(); }

    void emptyStoreHasNoRows()
    {
        ProfilesListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOf(1), -1);
        QCOMPARE(model.profileAt(0).id, 0);
        QVERIFY(!model.indexOf(1).isValid());
    }

    void listsProfilesByName()
    {
        const qint64 zeta = m_store->save(makeProfile(QStringLiteral("zeta"), QStringLiteral("z:9092")));
        const qint64 alpha = m_store->save(makeProfile(QStringLiteral("Alpha"), QStringLiteral("a:9092")));
        QVERIFY(zeta > 0 && alpha > 0);

        ProfilesListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Alpha"));
        QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("zeta"));
        QCOMPARE(model.data(model.index(0, 0), ProfilesListModel::IdRole).toLongLong(), alpha);
        QCOMPARE(model.data(model.index(1, 0), ProfilesListModel::BootstrapServersRole).toString(),
            QStringLiteral("z:9092"));
        QVERIFY(model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains(QStringLiteral("a:9092")));
        QCOMPARE(model.rowOf(alpha), 0);
        QCOMPARE(model.rowOf(zeta), 1);
        QCOMPARE(model.indexOf(zeta).row(), 1);
        QCOMPARE(model.profileAt(1).name, QStringLiteral("zeta"));
        QCOMPARE(model.profileAt(1).id, zeta);
        QCOMPARE(model.profileAt(2).id, 0); // out of range: a default profile, no crash
        QCOMPARE(model.profileAt(-1).id, 0);
        QCOMPARE(model.rowOf(0), -1); // an unsaved profile is never listed
    }

    void reloadShowsChanges()
    {
        ProfilesListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);

        const qint64 id = m_store->save(makeProfile(QStringLiteral("local"), QStringLiteral("localhost:9092")));
        QVERIFY(id > 0);
        QCOMPARE(model.rowCount(), 0); // the store is read on reload only
        model.reload();
        QCOMPARE(resetSpy.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(id), 0);

        const qint64 copy = m_store->duplicate(id);
        QVERIFY(copy > 0);
        model.reload();
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.rowOf(copy) >= 0);

        ConnectionProfile renamed = model.profileAt(model.rowOf(id));
        renamed.name = QStringLiteral("zz last");
        QCOMPARE(m_store->save(renamed), id);
        model.reload();
        QCOMPARE(model.rowOf(id), 1);
        QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("zz last"));

        QVERIFY(m_store->remove(id));
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(id), -1);
    }

    void closedStoreGivesEmptyList()
    {
        ProfileStore closed;
        ProfilesListModel model(&closed);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        ProfilesListModel noStore(nullptr);
        noStore.reload();
        QCOMPARE(noStore.rowCount(), 0);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_store;
    int m_counter = 0;
};

SAMSA_TEST_MAIN(TestProfilesListModel, QCoreApplication)

#include "tst_profileslistmodel.moc"

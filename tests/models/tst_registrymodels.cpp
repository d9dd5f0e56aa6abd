// The tables of the Schema Registry page (subjects, a subject's versions) and the Produce dialog's
// results: rows merge by key so the selection survives a reload, details fill in as they arrive.

#include "produce/produceresultsmodel.h"
#include "registry/schemaversionsmodel.h"
#include "registry/subjectsmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QSignalSpy>

using namespace Samsa;

namespace {

QString cell(const QAbstractItemModel& model, int row, int column) { return model.index(row, column).data().toString(); }

} // namespace

class RegistryModelsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void subjectsFillInAndKeepSelection()
    {
        SubjectsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGlobalCompatibility(QStringLiteral("BACKWARD"));
        model.setSubjects({ QStringLiteral("orders-value"), QStringLiteral("payments-value") });
        QCOMPARE(model.rowCount(), 2);
        // The global level is shown until the subject's own setting is read.
        QCOMPARE(cell(model, 0, SubjectsModel::CompatibilityColumn), QStringLiteral("BACKWARD (global)"));
        QCOMPARE(cell(model, 0, SubjectsModel::VersionColumn), QString());

        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::SelectCurrent);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLatest(QStringLiteral("payments-value"), 3, 42, QString());
        model.setCompatibility(QStringLiteral("payments-value"), QStringLiteral("FULL"), false);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(cell(model, 1, SubjectsModel::VersionColumn), QStringLiteral("3"));
        QCOMPARE(cell(model, 1, SubjectsModel::IdColumn), QStringLiteral("42"));
        QCOMPARE(cell(model, 1, SubjectsModel::TypeColumn), QStringLiteral("AVRO"));
        QCOMPARE(cell(model, 1, SubjectsModel::CompatibilityColumn), QStringLiteral("FULL"));

        // A reload with a subject gone and one new keeps what was known and the current row.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setSubjects({ QStringLiteral("payments-value"), QStringLiteral("clicks-value") });
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(selection.currentIndex().data(SubjectsModel::SubjectRole).toString(), QStringLiteral("payments-value"));
        QCOMPARE(model.summary(QStringLiteral("payments-value"))->latestVersion, 3);
        QVERIFY(!model.summary(QStringLiteral("orders-value")));

        // A new global level reaches the subjects that inherit it, not those with their own.
        model.setGlobalCompatibility(QStringLiteral("NONE"));
        QCOMPARE(model.summary(QStringLiteral("clicks-value"))->compatibility, QStringLiteral("NONE"));
        QCOMPARE(model.summary(QStringLiteral("payments-value"))->compatibility, QStringLiteral("FULL"));

        model.setError(QStringLiteral("clicks-value"), QStringLiteral("registry unreachable"));
        const int clicks = model.subjects().indexOf(QStringLiteral("clicks-value"));
        QCOMPARE(cell(model, clicks, SubjectsModel::VersionColumn), QStringLiteral("failed"));
        QCOMPARE(model.index(clicks, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("registry unreachable"));
        // Unknown subjects are ignored, not added.
        model.setLatest(QStringLiteral("nope"), 1, 1, QString());
        QCOMPARE(model.rowCount(), 2);
    }

    void versionsMarkSoftDeleted()
    {
        SchemaVersionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVersions({ 3, 1, 2 }, { 1, 3 });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.versionAt(0), 1);
        QCOMPARE(model.versionAt(2), 3);
        QCOMPARE(cell(model, 1, SchemaVersionsModel::StateColumn), QStringLiteral("soft-deleted"));
        QVERIFY(model.index(1, 0).data(SchemaVersionsModel::DeletedRole).toBool());
        model.setId(3, 17);
        QCOMPARE(cell(model, 2, SchemaVersionsModel::IdColumn), QStringLiteral("17"));
        // Hard-deleting version 2 removes its row; ids already read stay.
        model.setVersions({ 1, 3 }, { 1, 3 });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.entry(3)->id, 17);
        QCOMPARE(model.rowOfVersion(3), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void resultsAppendAndCount()
    {
        ProduceResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append({ { 0, 2, 10, {} }, { 1, 2, 11, {} } });
        model.append({ { 2, -1, -1, QStringLiteral("Broker: Message size too large") } });
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.succeeded(), 2);
        QCOMPARE(model.failed(), 1);
        QCOMPARE(cell(model, 0, ProduceResultsModel::NumberColumn), QStringLiteral("1"));
        QCOMPARE(cell(model, 1, ProduceResultsModel::OffsetColumn), QStringLiteral("11"));
        QCOMPARE(cell(model, 2, ProduceResultsModel::PartitionColumn), QString());
        QCOMPARE(cell(model, 2, ProduceResultsModel::ResultColumn), QStringLiteral("Broker: Message size too large"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.succeeded(), 0);
    }
};

SAMSA_TEST_MAIN(RegistryModelsTest, QGuiApplication)
#include "tst_registrymodels.moc"

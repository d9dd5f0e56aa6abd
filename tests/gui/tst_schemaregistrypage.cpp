// The Schema Registry page against the real samsa-broker and its embedded registry, driven through
// its widgets: subjects listed with latest version and level, a compatible new version registered,
// an incompatible one refused under BACKWARD with its reasons one per line, compatibility changed
// (subject and global), a version soft-deleted after confirmation.

#include "brokerprocess.h"
#include "registry/compatibilitycombo.h"
#include "registry/registerschemadialog.h"
#include "registry/schemaregistryclient.h"
#include "registry/schemaregistrypage.h"
#include "registry/schemaversionsmodel.h"
#include "registry/subjectsmodel.h"
#include "testmain.h"
#include "widgetlookup.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>

using namespace Samsa;
using Samsa::Test::BrokerProcess;

namespace {

const QByteArray OrderV1 = R"({"type":"record","name":"Order","namespace":"shop","fields":[)"
                           R"({"name":"id","type":"string"},{"name":"amount","type":"double"}]})";
// Adds a field with a default: BACKWARD compatible.
const QString OrderV2 = QStringLiteral(R"({"type":"record","name":"Order","namespace":"shop","fields":[)"
                                       R"({"name":"id","type":"string"},{"name":"amount","type":"double"},)"
                                       R"({"name":"note","type":"string","default":""}]})");
// A new field without a default and amount no longer a number: two BACKWARD problems.
const QString OrderBroken = QStringLiteral(R"({"type":"record","name":"Order","namespace":"shop","fields":[)"
                                           R"({"name":"id","type":"string"},{"name":"amount","type":"string"},)"
                                           R"({"name":"customer","type":"string"}]})");
const QByteArray PaymentV1 = R"({"type":"record","name":"Payment","fields":[{"name":"id","type":"long"}]})";

using Samsa::Test::child;

void clickRow(QTableView* view, int row)
{
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

int proxyRowOf(QTableView* view, const QString& subject)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data(SubjectsModel::SubjectRole).toString() == subject)
            return row;
    }
    return -1;
}

QStringList items(QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

void replaceText(QPlainTextEdit* editor, const QString& text)
{
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
}

// With SAMSA_SCREENSHOT_DIR set (a run under xvfb), saves what the widget shows, for a look by eye.
void saveShot(QWidget* widget, const char* name)
{
    const QString dir = qEnvironmentVariable("SAMSA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->window()->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

} // namespace

class SchemaRegistryPageTest : public QObject {
    Q_OBJECT

    bool registerDirectly(const QString& subject, const QByteArray& schema)
    {
        SchemaRegistryClient client(QUrl(m_broker.schemaRegistryUrl()));
        int id = 0;
        client.registerSchema(subject, schema, [&](int answer, const QString& error) {
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            id = answer;
        });
        return QTest::qWaitFor([&] { return id != 0; }, 10000) && id > 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        QVERIFY(registerDirectly(QStringLiteral("orders-value"), OrderV1));
        QVERIFY(registerDirectly(QStringLiteral("payments-value"), PaymentV1));
    }

    void noRegistryConfiguredIsSaidPlainly()
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("prod");
        SchemaRegistryPage page(profile, {});
        auto* label = child<QLabel>(&page, "registryLabel");
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral("No Schema Registry is configured")));
        QVERIFY(!page.findChild<QTableView*>(QStringLiteral("subjectsView"))->isVisibleTo(&page));
    }

    void unreachableRegistryIsReportedInThePage()
    {
        ConnectionProfile profile;
        profile.schemaRegistryUrl = QStringLiteral("http://127.0.0.1:1"); // nothing listens there
        SchemaRegistryPage page(profile, {});
        page.show();
        auto* message = page.findChild<QWidget*>(QStringLiteral("registryMessage"));
        QVERIFY(message);
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 10000);
        QVERIFY(message->findChild<QLabel*>() != nullptr);
        QCOMPARE(page.subjectsModel()->rowCount(), 0);
    }

    void registerCheckChangeAndDelete()
    {
        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.schemaRegistryUrl = m_broker.schemaRegistryUrl();
        SchemaRegistryPage page(profile, {});
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Subjects with their latest version and the level they follow.
        SubjectsModel* subjects = page.subjectsModel();
        auto* view = child<QTableView>(&page, "subjectsView");
        auto* filter = child<QLineEdit>(&page, "subjectsFilter");
        auto* count = child<QLabel>(&page, "subjectsCountLabel");
        QVERIFY(view && filter && count);
        QTRY_COMPARE_WITH_TIMEOUT(subjects->rowCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(subjects->summary(QStringLiteral("orders-value"))->latestVersion, 1, 10000);
        QTRY_COMPARE(subjects->summary(QStringLiteral("orders-value"))->compatibility, QStringLiteral("BACKWARD"));
        QVERIFY(subjects->summary(QStringLiteral("orders-value"))->compatibilityInherited);
        QTRY_COMPARE(subjects->summary(QStringLiteral("payments-value"))->schemaType, QStringLiteral("AVRO"));
        QTRY_COMPARE(count->text(), QStringLiteral("2 of 2 subjects"));

        QTest::keyClicks(filter, QStringLiteral("ord"));
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(count->text(), QStringLiteral("1 of 2 subjects"));
        filter->clear();

        // The subject: its versions and the schema pretty-printed.
        clickRow(view, proxyRowOf(view, QStringLiteral("orders-value")));
        auto* title = child<QLabel>(&page, "subjectTitle");
        auto* versions = child<QTableView>(&page, "versionsView");
        auto* schemaText = child<QPlainTextEdit>(&page, "schemaText");
        QVERIFY(title && versions && schemaText);
        QCOMPARE(title->text(), QStringLiteral("orders-value"));
        QTRY_COMPARE_WITH_TIMEOUT(versions->model()->rowCount(), 1, 10000);
        QTRY_VERIFY(schemaText->toPlainText().contains(QStringLiteral("\"name\": \"Order\"")));
        QVERIFY(schemaText->toPlainText().count(QLatin1Char('\n')) > 5); // pretty-printed, not one line

        // A compatible new version: checked here and by the registry, then registered.
        QTest::mouseClick(child<QPushButton>(&page, "registerVersionButton"), Qt::LeftButton);
        RegisterSchemaDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<RegisterSchemaDialog*>()) != nullptr);
        auto* editor = child<QPlainTextEdit>(dialog, "registerEditor");
        auto* problems = child<QListWidget>(dialog, "registerProblems");
        auto* check = child<QPushButton>(dialog, "checkButton");
        auto* registerButton = child<QPushButton>(dialog, "registerButton");
        QVERIFY(editor && problems && check && registerButton);
        QVERIFY(editor->toPlainText().contains(QStringLiteral("\"amount\""))); // starts from the latest version
        replaceText(editor, OrderV2);
        QVERIFY(!registerButton->isEnabled());
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(registerButton->isEnabled(),
            qPrintable(child<QLabel>(dialog, "registerStatus")->text() + QLatin1Char('\n') + items(problems).join(QLatin1Char('\n'))),
            10000);
        QCOMPARE(items(problems),
            (QStringList { QStringLiteral("Checked here (BACKWARD, against version(s) 1): compatible"),
                QStringLiteral("Schema Registry: compatible") }));
        QTest::mouseClick(registerButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.findChild<RegisterSchemaDialog*>(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(versions->model()->rowCount(), 2, 10000);
        QTRY_COMPARE(subjects->summary(QStringLiteral("orders-value"))->latestVersion, 2);
        // The new version is selected and shown.
        QTRY_VERIFY(schemaText->toPlainText().contains(QStringLiteral("\"note\"")));
        QCOMPARE(versions->currentIndex().data(SchemaVersionsModel::VersionRole).toInt(), 2);
        saveShot(&page, "registry-page");

        // The two newest versions compared line by line.
        auto* tabs = child<QTabWidget>(&page, "subjectTabs");
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
        QCOMPARE(tabs->currentIndex(), 1);
        auto* diffText = child<QPlainTextEdit>(&page, "diffText");
        auto* diffSummary = child<QLabel>(&page, "diffSummary");
        QTRY_VERIFY(diffSummary->text().contains(QStringLiteral("added")));
        const QStringList diffLines = diffText->toPlainText().split(QLatin1Char('\n'));
        QVERIFY(!diffLines.filter(QRegularExpression(QStringLiteral("^\\+ .*\"note\""))).isEmpty());
        QVERIFY(diffLines.filter(QRegularExpression(QStringLiteral("^- .*\"id\""))).isEmpty()); // unchanged
        saveShot(&page, "registry-diff");
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(0).center());

        // An incompatible one under BACKWARD: refused, every reason on a line of its own.
        QTest::mouseClick(child<QPushButton>(&page, "registerVersionButton"), Qt::LeftButton);
        QTRY_VERIFY((dialog = page.findChild<RegisterSchemaDialog*>()) != nullptr);
        editor = child<QPlainTextEdit>(dialog, "registerEditor");
        problems = child<QListWidget>(dialog, "registerProblems");
        check = child<QPushButton>(dialog, "checkButton");
        registerButton = child<QPushButton>(dialog, "registerButton");
        replaceText(editor, OrderBroken);
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(items(problems).contains(QStringLiteral("Schema Registry: incompatible")), 10000);
        const QStringList lines = items(problems);
        QVERIFY(!registerButton->isEnabled());
        saveShot(dialog, "registry-incompatible");
        const int localHeading = int(lines.indexOf(QStringLiteral("Checked here (BACKWARD, against version(s) 2): 2 problem(s)")));
        const int registryHeading = int(lines.indexOf(QStringLiteral("Schema Registry: incompatible")));
        QVERIFY2(localHeading == 0, qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(registryHeading, 3);
        const QStringList local = lines.mid(1, 2);
        const QStringList registry = lines.mid(4);
        QCOMPARE(registry.size(), 2);
        for (const QStringList& reasons : { local, registry }) {
            QCOMPARE(reasons.filter(QStringLiteral("customer")).size(), 1);
            QCOMPARE(reasons.filter(QStringLiteral("/fields/1: type mismatch, reader string, writer double")).size(), 1);
        }
        dialog->reject();
        QTRY_VERIFY(!page.findChild<RegisterSchemaDialog*>());
        QCOMPARE(versions->model()->rowCount(), 2);

        // The subject's own level, chosen with the keyboard: Global -> NONE.
        auto* level = child<CompatibilityCombo>(&page, "subjectCompatibility");
        QVERIFY(level);
        QTRY_COMPARE(level->level(), QString()); // follows the global level
        level->setFocus();
        QTest::keyClick(level, Qt::Key_Down);
        QCOMPARE(level->level(), QStringLiteral("NONE"));
        QTRY_COMPARE_WITH_TIMEOUT(subjects->summary(QStringLiteral("orders-value"))->compatibility, QStringLiteral("NONE"), 10000);
        QVERIFY(!subjects->summary(QStringLiteral("orders-value"))->compatibilityInherited);
        // And the global level: payments-value follows it, orders-value keeps its own.
        auto* global = child<CompatibilityCombo>(&page, "globalCompatibility");
        global->setFocus();
        const int full = global->findData(QStringLiteral("FULL"));
        while (global->currentIndex() < full)
            QTest::keyClick(global, Qt::Key_Down);
        QCOMPARE(global->level(), QStringLiteral("FULL"));
        QTRY_COMPARE_WITH_TIMEOUT(subjects->summary(QStringLiteral("payments-value"))->compatibility, QStringLiteral("FULL"), 10000);
        QCOMPARE(subjects->summary(QStringLiteral("orders-value"))->compatibility, QStringLiteral("NONE"));
        {
            SchemaRegistryClient client(QUrl(m_broker.schemaRegistryUrl()));
            QString subjectLevel;
            QString globalLevel;
            client.fetchCompatibility(QStringLiteral("orders-value"),
                [&](const CompatibilityLevel& answer, const RegistryError&) { subjectLevel = answer.level; });
            client.fetchCompatibility({}, [&](const CompatibilityLevel& answer, const RegistryError&) { globalLevel = answer.level; });
            QTRY_COMPARE(subjectLevel, QStringLiteral("NONE"));
            QTRY_COMPARE(globalLevel, QStringLiteral("FULL"));
        }

        // Soft-delete version 1 after confirming; only then can it be deleted permanently.
        clickRow(versions, 0);
        QCOMPARE(versions->currentIndex().data(SchemaVersionsModel::VersionRole).toInt(), 1);
        auto* hardDelete = child<QAction>(&page, "hardDeleteVersionAction");
        auto* softDelete = child<QAction>(&page, "softDeleteVersionAction");
        QVERIFY(softDelete->isEnabled());
        QVERIFY(!hardDelete->isEnabled());
        softDelete->trigger();
        QMessageBox* confirmation = nullptr;
        QTRY_VERIFY((confirmation = page.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr);
        QVERIFY(confirmation->text().contains(QStringLiteral("Soft-delete version 1 of “orders-value”")));
        QVERIFY(confirmation->informativeText().contains(QStringLiteral("permanently only after")));
        QTest::mouseClick(child<QPushButton>(confirmation, "confirmDeleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(versions->model()->index(0, SchemaVersionsModel::StateColumn).data().toString(),
            QStringLiteral("soft-deleted"), 10000);
        QCOMPARE(versions->model()->rowCount(), 2); // still listed, marked
        {
            SchemaRegistryClient client(QUrl(m_broker.schemaRegistryUrl()));
            QList<int> live { -1 };
            client.listVersions(QStringLiteral("orders-value"), false,
                [&](const QList<int>& answer, const RegistryError&) { live = answer; });
            QTRY_COMPARE(live, QList<int> { 2 });
        }
        clickRow(versions, 0);
        QTRY_VERIFY(hardDelete->isEnabled());
        QVERIFY(!softDelete->isEnabled());
    }

private:
    BrokerProcess m_broker;
};

SAMSA_TEST_MAIN(SchemaRegistryPageTest, QApplication)
#include "tst_schemaregistrypage.moc"

// The ACL page from the real widgets against a real samsa-broker with the standard authorizer and
// SASL PLAIN (admin a super user): opened from the navigator, an ACL created through the dialog by
// typing and choosing, the table filtered by typing, ACLs deleted by selection and by a filter after
// a preview that lists exactly what matches. Every change is checked with librdkafka's own
// DescribeAcls, apart from the app's code. A user that may not describe ACLs and a broker without an
// authorizer are each shown in place of the table.

#include "acls/aclspage.h"
#include "acls/createacldialog.h"
#include "acls/deleteaclsdialog.h"
#include "brokerprocess.h"
#include "kafka/clustersession.h"
#include "kafka/kafkaclustersession.h"
#include "mainwindow.h"
#include "navigatormodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"
#include "widgetlookup.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

#include <librdkafka/rdkafka.h>

#include <memory>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

const QStringList kSecuredBroker { QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
    QStringLiteral("--set"), QStringLiteral("sasl.plain.users=admin:admin-pw,alice:alice-pw"), QStringLiteral("--set"),
    QStringLiteral("authorizer=standard"), QStringLiteral("--set"), QStringLiteral("super.users=User:admin") };

KafkaConfig saslConfig(const QByteArray& user)
{
    return { { "security.protocol", "SASL_PLAINTEXT" }, { "sasl.mechanisms", "PLAIN" }, { "sasl.username", user },
        { "sasl.password", user + "-pw" } };
}

ConnectionProfile saslProfile(const QString& bootstrap, const QString& user)
{
    ConnectionProfile profile;
    profile.name = QStringLiteral("secured");
    profile.bootstrapServers = bootstrap;
    profile.securityProtocol = SecurityProtocol::SaslPlaintext;
    profile.saslMechanism = SaslMechanism::Plain;
    profile.saslUsername = user;
    return profile;
}

ProfileSecrets password(const QString& user)
{
    ProfileSecrets secrets;
    secrets.saslPassword = user + QStringLiteral("-pw");
    return secrets;
}

// An ACL as librdkafka reports it, in the words Kafka's tools print, e.g.
// "User:bob * READ ALLOW TOPIC payments LITERAL": what the app shows and what the broker holds
// compare as text.
QString aclText(const rd_kafka_AclBinding_t* binding)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
        .arg(QString::fromUtf8(rd_kafka_AclBinding_principal(binding)),
            QString::fromUtf8(rd_kafka_AclBinding_host(binding)),
            QString::fromUtf8(rd_kafka_AclOperation_name(rd_kafka_AclBinding_operation(binding))).toUpper(),
            QString::fromUtf8(rd_kafka_AclPermissionType_name(rd_kafka_AclBinding_permission_type(binding))).toUpper(),
            QString::fromUtf8(rd_kafka_ResourceType_name(rd_kafka_AclBinding_restype(binding))).toUpper(),
            QString::fromUtf8(rd_kafka_AclBinding_name(binding)),
            QString::fromUtf8(rd_kafka_ResourcePatternType_name(rd_kafka_AclBinding_resource_pattern_type(binding)))
                .toUpper());
}

// The rows of a view showing AclsModel columns, as aclText() spells them, sorted.
QStringList rowsOf(const QAbstractItemModel* model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model->columnCount(); ++column)
            cells.append(model->index(row, column).data().toString());
        rows.append(cells.join(QLatin1Char(' ')));
    }
    rows.sort();
    return rows;
}

rd_kafka_AdminOptions_t* adminOptions(rd_kafka_t* handle, rd_kafka_admin_op_t op)
{
    char errstr[256];
    rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(handle, op);
    rd_kafka_AdminOptions_set_request_timeout(options, 10000, errstr, sizeof errstr);
    return options;
}

// Every ACL of the broker whose principal is `principal` (null: all), sorted; "error: ..." when the
// request failed.
QStringList describeAcls(RdKafkaAdmin& admin, const char* principal = nullptr)
{
    char errstr[256];
    rd_kafka_AclBindingFilter_t* filter
        = rd_kafka_AclBindingFilter_new(RD_KAFKA_RESOURCE_ANY, nullptr, RD_KAFKA_RESOURCE_PATTERN_ANY, principal,
            nullptr, RD_KAFKA_ACL_OPERATION_ANY, RD_KAFKA_ACL_PERMISSION_TYPE_ANY, errstr, sizeof errstr);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(admin.handle());
    rd_kafka_AdminOptions_t* options = adminOptions(admin.handle(), RD_KAFKA_ADMIN_OP_DESCRIBEACLS);
    rd_kafka_DescribeAcls(admin.handle(), filter, options, queue);
    rd_kafka_event_t* event = waitForEvent(queue, RD_KAFKA_EVENT_DESCRIBEACLS_RESULT, 15000);
    QStringList found;
    const rd_kafka_resp_err_t error = event ? rd_kafka_event_error(event) : RD_KAFKA_RESP_ERR__TIMED_OUT;
    if (error) {
        found.append(QStringLiteral("error: ") + errorText(error));
    } else {
        size_t count = 0;
        const rd_kafka_AclBinding_t** acls
            = rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event), &count);
        for (size_t i = 0; i < count; ++i)
            found.append(aclText(acls[i]));
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_AclBinding_destroy(filter);
    found.sort();
    return found;
}

struct NewAcl {
    rd_kafka_ResourceType_t type;
    const char* name;
    const char* principal;
    rd_kafka_AclOperation_t operation;
    rd_kafka_AclPermissionType_t permission = RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW;
};

// Creates the ACLs with librdkafka (not the app); true when each one was.
bool createAcls(RdKafkaAdmin& admin, const QList<NewAcl>& acls)
{
    char errstr[256];
    QList<rd_kafka_AclBinding_t*> bindings;
    for (const NewAcl& acl : acls)
        bindings.append(rd_kafka_AclBinding_new(acl.type, acl.name, RD_KAFKA_RESOURCE_PATTERN_LITERAL, acl.principal,
            "*", acl.operation, acl.permission, errstr, sizeof errstr));
    rd_kafka_queue_t* queue = rd_kafka_queue_new(admin.handle());
    rd_kafka_AdminOptions_t* options = adminOptions(admin.handle(), RD_KAFKA_ADMIN_OP_CREATEACLS);
    rd_kafka_CreateAcls(admin.handle(), bindings.data(), size_t(bindings.size()), options, queue);
    rd_kafka_event_t* event = waitForEvent(queue, RD_KAFKA_EVENT_CREATEACLS_RESULT, 15000);
    bool ok = event && !rd_kafka_event_error(event);
    if (ok) {
        size_t count = 0;
        const rd_kafka_acl_result_t** results
            = rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(event), &count);
        ok = count == size_t(acls.size());
        for (size_t i = 0; i < count; ++i)
            ok = ok && !rd_kafka_acl_result_error(results[i]);
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_AclBinding_destroy_array(bindings.data(), size_t(bindings.size()));
    return ok;
}

void clickRow(QTableView* view, int row)
{
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

class AclPageTest : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;

private Q_SLOTS:
    void initTestCase()
    {
        m_broker.setExtraArguments(kSecuredBroker);
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers(), saslConfig("admin"));
        QVERIFY(m_admin->isValid());
        QVERIFY(createAcls(*m_admin,
            { { RD_KAFKA_RESOURCE_TOPIC, "payments", "User:bob", RD_KAFKA_ACL_OPERATION_READ },
                { RD_KAFKA_RESOURCE_TOPIC, "payments", "User:bob", RD_KAFKA_ACL_OPERATION_WRITE },
                { RD_KAFKA_RESOURCE_GROUP, "billing", "User:carol", RD_KAFKA_ACL_OPERATION_READ,
                    RD_KAFKA_ACL_PERMISSION_TYPE_DENY } }));
    }

    void cleanupTestCase() { QVERIFY(KafkaClusterSession::waitForWorkers(30000)); }

    void createFilterAndDeleteFromTheNavigator()
    {
        ProfileStore store;
        QVERIFY(store.open());
        SecretStore secrets;
        MainWindow window(&store, &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ClusterSession* session = window.openSession(
            saslProfile(m_broker.bootstrapServers(), QStringLiteral("admin")), password(QStringLiteral("admin")));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), ClusterSession::State::Connected, 15000);

        // "ACLs" under the cluster in the navigator opens the page.
        auto* navigator = child<QTreeView>(&window, "navigator");
        auto* tabs = child<QTabWidget>(&window, "pageTabs");
        auto* model = window.findChild<NavigatorModel*>();
        auto* proxy = qobject_cast<QAbstractProxyModel*>(navigator->model());
        QVERIFY(navigator && tabs && model && proxy);
        const QModelIndex item = proxy->mapFromSource(model->indexOf(session, NavigatorModel::Kind::Acls));
        QCOMPARE(item.data().toString(), QStringLiteral("ACLs"));
        navigator->scrollTo(item);
        QTest::mouseClick(navigator->viewport(), Qt::LeftButton, {}, navigator->visualRect(item).center());
        AclsPage* page = nullptr;
        QTRY_VERIFY((page = qobject_cast<AclsPage*>(tabs->currentWidget())) != nullptr);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("secured · ACLs"));
        auto* view = child<QTableView>(page, "aclsView");
        auto* count = child<QLabel>(page, "aclsCountLabel");
        QVERIFY(view && count);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, 15000);
        QCOMPARE(rowsOf(view->model()), describeAcls(*m_admin));
        QCOMPARE(count->text(), QStringLiteral("3 ACLs"));

        // Create: two operations at once on a prefixed topic name, typed and chosen from the keyboard.
        QTest::mouseClick(child<QPushButton>(page, "createAclButton"), Qt::LeftButton);
        QPointer<CreateAclDialog> dialog = child<CreateAclDialog>(page, "createAclDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto* principal = child<QLineEdit>(dialog, "createAclPrincipal");
        auto* resourceName = child<QLineEdit>(dialog, "createAclResourceName");
        auto* pattern = child<QComboBox>(dialog, "createAclPattern");
        auto* operations = child<QListWidget>(dialog, "createAclOperations");
        auto* problem = child<QLabel>(dialog, "createAclProblem");
        auto* submit = child<QPushButton>(dialog, "createAclSubmit");
        QVERIFY(principal && resourceName && pattern && operations && problem && submit);
        QCOMPARE(child<QLineEdit>(dialog, "createAclHost")->text(), QStringLiteral("*"));
        QVERIFY(!submit->isEnabled());
        QTest::keyClicks(principal, QStringLiteral("alice"));
        QTest::keyClicks(resourceName, QStringLiteral("orders."));
        // A principal needs its type: the reason is shown and Create stays off.
        QVERIFY2(!problem->text().isEmpty(), qPrintable(problem->text()));
        QVERIFY(!submit->isEnabled());
        principal->clear();
        QTest::keyClicks(principal, QStringLiteral("User:alice"));
        QVERIFY2(problem->text().contains(QStringLiteral("operation")), qPrintable(problem->text()));
        QVERIFY(!submit->isEnabled());
        pattern->setFocus();
        QTest::keyClick(pattern, Qt::Key_Down); // LITERAL → PREFIXED
        QCOMPARE(pattern->currentText(), QStringLiteral("PREFIXED"));
        operations->setFocus();
        QTest::keyClicks(operations, QStringLiteral("READ")); // the list's type-ahead
        QCOMPARE(operations->currentItem()->text(), QStringLiteral("READ"));
        QTest::keyClick(operations, Qt::Key_Space);
        // Further type-ahead would add to "READ" within the key interval: walk down instead.
        const QList<QListWidgetItem*> describe = operations->findItems(QStringLiteral("DESCRIBE"), Qt::MatchExactly);
        QCOMPARE(describe.size(), 1);
        while (operations->currentRow() < operations->row(describe.first()))
            QTest::keyClick(operations, Qt::Key_Down);
        QTest::keyClick(operations, Qt::Key_Space);
        QTRY_VERIFY(submit->isEnabled());
        QVERIFY2(problem->text().contains(QStringLiteral("2 ACLs")), qPrintable(problem->text()));
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 15000);
        const QStringList alice { QStringLiteral("User:alice * DESCRIBE ALLOW TOPIC orders. PREFIXED"),
            QStringLiteral("User:alice * READ ALLOW TOPIC orders. PREFIXED") };
        QCOMPARE(describeAcls(*m_admin, "User:alice"), alice);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 15000);
        QCOMPARE(rowsOf(view->model()), describeAcls(*m_admin));

        // The filter: any column, as typed.
        auto* filter = child<QLineEdit>(page, "aclsFilter");
        QTest::keyClicks(filter, QStringLiteral("alice"));
        QCOMPARE(rowsOf(view->model()), alice);
        QCOMPARE(count->text(), QStringLiteral("2 of 5 ACLs"));
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("deny"));
        QCOMPARE(rowsOf(view->model()), QStringList { QStringLiteral("User:carol * READ DENY GROUP billing LITERAL") });
        filter->clear();
        QCOMPARE(view->model()->rowCount(), 5);

        // Delete alice's two, selected in the table: the preview lists exactly them.
        QTest::keyClicks(filter, QStringLiteral("alice"));
        clickRow(view, 0);
        QTest::mouseClick(
            view->viewport(), Qt::LeftButton, Qt::ShiftModifier, view->visualRect(view->model()->index(1, 0)).center());
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
        QTest::mouseClick(child<QPushButton>(page, "deleteAclsButton"), Qt::LeftButton);
        QPointer<DeleteAclsDialog> remove = child<DeleteAclsDialog>(page, "deleteAclsDialog");
        QVERIFY(remove);
        QVERIFY(child<QRadioButton>(remove, "deleteAclsSelected")->isChecked());
        auto* submitDelete = child<QPushButton>(remove, "deleteAclsSubmit");
        auto* preview = child<QTableView>(remove, "deleteAclsPreview");
        auto* previewLabel = child<QLabel>(remove, "deleteAclsPreviewLabel");
        QTRY_VERIFY_WITH_TIMEOUT(remove->previewLoaded(), 15000);
        QCOMPARE(rowsOf(preview->model()), alice);
        QCOMPARE(previewLabel->text(), QStringLiteral("2 ACLs will be deleted:"));
        QVERIFY(submitDelete->isEnabled());
        QCOMPARE(submitDelete->text(), QStringLiteral("Delete 2 ACLs"));
        QTest::mouseClick(submitDelete, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(previewLabel->text(), QStringLiteral("2 ACLs deleted:"), 15000);
        QCOMPARE(rowsOf(preview->model()), alice);
        QCOMPARE(describeAcls(*m_admin, "User:alice"), QStringList());
        QCOMPARE(describeAcls(*m_admin).size(), 3);
        QTest::mouseClick(child<QPushButton>(remove, "deleteAclsClose"), Qt::LeftButton);
        QTRY_VERIFY(remove.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 0, 15000);
        filter->clear();
        QCOMPARE(rowsOf(view->model()), describeAcls(*m_admin));
    }

    void deleteByFilterPreviewsWhatMatches()
    {
        QVERIFY(createAcls(*m_admin,
            { { RD_KAFKA_RESOURCE_TOPIC, "logs", "User:dave", RD_KAFKA_ACL_OPERATION_READ },
                { RD_KAFKA_RESOURCE_TOPIC, "logs", "User:dave", RD_KAFKA_ACL_OPERATION_WRITE },
                { RD_KAFKA_RESOURCE_GROUP, "logs", "User:dave", RD_KAFKA_ACL_OPERATION_READ } }));
        KafkaClusterSession session(
            saslProfile(m_broker.bootstrapServers(), QStringLiteral("admin")), password(QStringLiteral("admin")));
        AclsPage page(&session);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* view = child<QTableView>(&page, "aclsView");
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 6, 15000);

        // Nothing selected: the dialog starts on the filter, whose preview is every ACL.
        QTest::mouseClick(child<QPushButton>(&page, "deleteAclsButton"), Qt::LeftButton);
        auto* dialog = child<DeleteAclsDialog>(&page, "deleteAclsDialog");
        QVERIFY(dialog);
        QVERIFY(child<QRadioButton>(dialog, "deleteAclsByFilter")->isChecked());
        QVERIFY(!child<QRadioButton>(dialog, "deleteAclsSelected")->isEnabled());
        auto* preview = child<QTableView>(dialog, "deleteAclsPreview");
        auto* submit = child<QPushButton>(dialog, "deleteAclsSubmit");
        QTRY_VERIFY_WITH_TIMEOUT(dialog->previewLoaded(), 15000);
        QCOMPARE(rowsOf(preview->model()), describeAcls(*m_admin));

        // Editing the filter takes Delete away until the broker's new answer is in.
        auto* principal = child<QLineEdit>(dialog, "deleteAclsPrincipal");
        QTest::keyClicks(principal, QStringLiteral("User:dave"));
        QVERIFY(!submit->isEnabled());
        QVERIFY(!dialog->previewLoaded());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->previewLoaded(), 15000);
        QCOMPARE(rowsOf(preview->model()), describeAcls(*m_admin, "User:dave"));
        QCOMPARE(preview->model()->rowCount(), 3);
        auto* type = child<QComboBox>(dialog, "deleteAclsResourceType");
        type->setFocus();
        QTest::keyClick(type, Qt::Key_Down); // Any type → TOPIC
        QCOMPARE(type->currentText(), QStringLiteral("TOPIC"));
        QVERIFY(!submit->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->previewLoaded(), 15000);
        const QStringList topicAcls { QStringLiteral("User:dave * READ ALLOW TOPIC logs LITERAL"),
            QStringLiteral("User:dave * WRITE ALLOW TOPIC logs LITERAL") };
        QCOMPARE(rowsOf(preview->model()), topicAcls);
        QCOMPARE(child<QLabel>(dialog, "deleteAclsPreviewLabel")->text(), QStringLiteral("2 ACLs will be deleted:"));
        QVERIFY(submit->isEnabled());

        QSignalSpy deleted(dialog, &DeleteAclsDialog::aclsDeleted);
        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(deleted.wait(15000));
        QCOMPARE(rowsOf(preview->model()), topicAcls);
        QCOMPARE(describeAcls(*m_admin, "User:dave"),
            QStringList { QStringLiteral("User:dave * READ ALLOW GROUP logs LITERAL") });
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 4, 15000);
    }

    void userWithoutDescribeIsToldInPlace()
    {
        KafkaClusterSession session(
            saslProfile(m_broker.bootstrapServers(), QStringLiteral("alice")), password(QStringLiteral("alice")));
        AclsPage page(&session);
        page.show();
        auto* stack = child<QStackedWidget>(&page, "aclsStack");
        auto* heading = child<QLabel>(&page, "aclsStateHeading");
        QTRY_COMPARE_WITH_TIMEOUT(stack->currentWidget()->objectName(), QStringLiteral("aclsStatePanel"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(heading->text(), QStringLiteral("You may not see this cluster's ACLs"), 15000);
        QVERIFY(child<QLabel>(&page, "aclsStateText")->text().contains(QStringLiteral("User:alice")));
        QVERIFY(!child<QPushButton>(&page, "createAclButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&page, "deleteAclsButton")->isEnabled());
    }

    void brokerWithoutAuthorizerIsToldInPlace()
    {
        BrokerProcess plain;
        QVERIFY2(plain.start(), qPrintable(plain.error()));
        ConnectionProfile profile;
        profile.name = QStringLiteral("plain");
        profile.bootstrapServers = plain.bootstrapServers();
        KafkaClusterSession session(profile, {});
        AclsPage page(&session);
        page.show();
        auto* stack = child<QStackedWidget>(&page, "aclsStack");
        auto* heading = child<QLabel>(&page, "aclsStateHeading");
        QTRY_COMPARE_WITH_TIMEOUT(heading->text(), QStringLiteral("ACLs are not enabled on this cluster"), 15000);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("aclsStatePanel"));
        QVERIFY(!child<QTableView>(&page, "aclsView")->isVisible());
        QVERIFY(child<QLabel>(&page, "aclsStateText")->text().contains(QStringLiteral("authorizer=standard")));
        QVERIFY(!child<QPushButton>(&page, "createAclButton")->isEnabled());
        QVERIFY(!child<QLineEdit>(&page, "aclsFilter")->isEnabled());
        QCOMPARE(child<QLabel>(&page, "aclsCountLabel")->text(), QStringLiteral("No ACLs shown"));
        // Refresh asks again, and the answer is the same.
        auto* refresh = child<QPushButton>(&page, "aclsRefreshButton");
        QTRY_VERIFY(refresh->isEnabled());
        QSignalSpy loaded(&page, &AclsPage::loaded);
        QTest::mouseClick(refresh, Qt::LeftButton);
        QVERIFY(loaded.wait(15000));
        QCOMPARE(heading->text(), QStringLiteral("ACLs are not enabled on this cluster"));
    }
};

SAMSA_TEST_MAIN(AclPageTest, QApplication)
#include "tst_aclpage.moc"

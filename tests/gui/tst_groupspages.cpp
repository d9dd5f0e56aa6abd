// The consumer-group pages against the real samsa-broker: the list shows a group with its state,
// members and lag; filtering narrows it; Enter opens it; the detail shows members and per-partition
// lag that follows the consumer.

#include "brokerprocess.h"
#include "groups/groupdetailpage.h"
#include "groups/groupspage.h"
#include "groupsmodel.h"
#include "groupconsumer.h"
#include "kafka/kafkaclustersession.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <memory>

using namespace Samsa;
using namespace Samsa::Test;

namespace {

template <typename T>
T* child(QWidget& parent, const char* name)
{
    T* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

QString cell(QAbstractItemView* view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

bool produce(const QString& bootstrap, const QByteArray& topic, int count)
{
    RdKafkaProducer producer(bootstrap);
    for (int i = 0; i < count; ++i)
        producer.produce(topic, i % 2, "k", "v" + QByteArray::number(i));
    return producer.flush(20000) && producer.deliveryErrors().isEmpty();
}

} // namespace

class GroupsPagesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        const QString bootstrap = m_broker.bootstrapServers();
        {
            RdKafkaAdmin admin(bootstrap);
            QVERIFY(admin.createTopic({ "payments", 2, {} }).ok());
        }
        QVERIFY(produce(bootstrap, "payments", 10));
        m_billing = std::make_unique<GroupConsumer>(bootstrap, "billing", "payments");
        QVERIFY(m_billing->consumeAndCommit(10));
        // A second group that read nothing yet and left: Empty, no offsets.
        GroupConsumer audit(bootstrap, "audit", "payments");
        QVERIFY(audit.consumeAndCommit(10));
        audit.close();

        ConnectionProfile profile;
        profile.name = QStringLiteral("local");
        profile.bootstrapServers = bootstrap;
        m_session = std::make_unique<KafkaClusterSession>(profile, ProfileSecrets {});
        QSignalSpy connected(m_session.get(), &KafkaClusterSession::watermarksFinished);
        m_session->connectToCluster();
        QVERIFY(connected.wait(15000));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_billing.reset();
        QVERIFY(KafkaClusterSession::waitForWorkers(30000));
    }

    void listFilterAndOpen()
    {
        GroupsPage page(m_session.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QApplication::setActiveWindow(&page);
        auto* view = child<QTableView>(page, "groupsView");
        auto* filter = child<QLineEdit>(page, "groupsFilter");
        auto* count = child<QLabel>(page, "groupsCountLabel");
        QVERIFY(view && filter && count);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, 15000);
        // Sorted by name: audit, billing. Members and lag arrive with each group's description.
        QCOMPARE(cell(view, 0, GroupsModel::GroupColumn), QStringLiteral("audit"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(view, 1, GroupsModel::MembersColumn), QStringLiteral("1"), 15000);
        QCOMPARE(cell(view, 1, GroupsModel::StateColumn), QStringLiteral("Stable"));
        QCOMPARE(cell(view, 1, GroupsModel::LagColumn), QStringLiteral("0"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(view, 0, GroupsModel::StateColumn), QStringLiteral("Empty"), 15000);
        QCOMPARE(count->text(), QStringLiteral("2 of 2 groups"));

        QTest::keyClicks(filter, QStringLiteral("BILL"));
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(count->text(), QStringLiteral("1 of 2 groups"));

        QSignalSpy activated(&page, &GroupsPage::groupActivated);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("billing"));
    }

    void detailFollowsTheConsumer()
    {
        GroupDetailPage page(m_session.get(), QStringLiteral("billing"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* members = child<QTableWidget>(page, "membersView");
        auto* offsets = child<QTableView>(page, "groupOffsetsView");
        auto* summary = child<QLabel>(page, "groupSummary");
        QVERIFY(members && offsets && summary);
        QTRY_COMPARE_WITH_TIMEOUT(members->rowCount(), 1, 15000);
        QCOMPARE(members->item(0, 1)->text(), QStringLiteral("lag-test"));
        QCOMPARE(offsets->model()->rowCount(), 2);
        QVERIFY2(summary->text().contains(QStringLiteral("total lag 0")), qPrintable(summary->text()));

        // New messages: F5 (a metadata refresh) brings the lag up to date; the consumer catches up.
        QVERIFY(produce(m_broker.bootstrapServers(), "payments", 6));
        m_session->refresh();
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("total lag 6")), qPrintable(summary->text()), 15000);
        QVERIFY(m_billing->consumeAndCommit(6));
        m_session->refresh();
        QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("total lag 0")), qPrintable(summary->text()), 15000);
    }

    void unknownGroupIsShownAsDead()
    {
        GroupDetailPage page(m_session.get(), QStringLiteral("nobody"));
        page.show();
        auto* summary = child<QLabel>(page, "groupSummary");
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("Dead")), 15000);
        QCOMPARE(child<QTableWidget>(page, "membersView")->rowCount(), 0);
    }

private:
    BrokerProcess m_broker;
    std::unique_ptr<GroupConsumer> m_billing;
    std::unique_ptr<KafkaClusterSession> m_session;
};

SAMSA_TEST_MAIN(GroupsPagesTest, QApplication)
#include "tst_groupspages.moc"

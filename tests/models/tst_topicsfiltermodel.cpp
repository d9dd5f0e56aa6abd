// The topics filter: case-insensitive name filter, internal topics hidden until asked for, numeric
// sorting of counts, and a cluster-sized list of 10,000 topics filtered correctly.

#include "clusterfixtures.h"
#include "testmain.h"
#include "topicsfiltermodel.h"
#include "topicsmodel.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>

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

QList<TopicInfo> sampleTopics()
{
    return { makeTopic(QStringLiteral("orders"), 3), makeTopic(QStringLiteral("Orders-DLQ"), 1),
        makeTopic(QStringLiteral("payments"), 6), makeTopic(QStringLiteral("__consumer_offsets"), 50, 1, true),
        makeTopic(QStringLiteral("_schemas"), 1, 1, true), makeTopic(QStringLiteral("audit.log"), 2) };
}
} // namespace

class TopicsFilterModelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("showInternal");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("nothing, internal hidden")
            << QString() << false
            << QStringList { QStringLiteral("orders"), QStringLiteral("Orders-DLQ"), QStringLiteral("payments"),
                   QStringLiteral("audit.log") };
        QTest::addRow("nothing, internal shown")
            << QString() << true
            << QStringList { QStringLiteral("orders"), QStringLiteral("Orders-DLQ"), QStringLiteral("payments"),
                   QStringLiteral("__consumer_offsets"), QStringLiteral("_schemas"), QStringLiteral("audit.log") };
        QTest::addRow("case-insensitive") << QStringLiteral("ORDER") << false
                                          << QStringList { QStringLiteral("orders"), QStringLiteral("Orders-DLQ") };
        QTest::addRow("substring in the middle")
            << QStringLiteral("ymen") << false << QStringList { QStringLiteral("payments") };
        QTest::addRow("dot is no wildcard")
            << QStringLiteral(".") << false << QStringList { QStringLiteral("audit.log") };
        QTest::addRow("internal match hidden") << QStringLiteral("offsets") << false << QStringList {};
        QTest::addRow("internal match shown")
            << QStringLiteral("offsets") << true << QStringList { QStringLiteral("__consumer_offsets") };
        QTest::addRow("surrounding blanks ignored")
            << QStringLiteral("  dlq ") << false << QStringList { QStringLiteral("Orders-DLQ") };
        QTest::addRow("no match") << QStringLiteral("zzz") << true << QStringList {};
    }

    void filter()
    {
        QFETCH(QString, text);
        QFETCH(bool, showInternal);
        QFETCH(QStringList, expected);

        TopicsModel source;
        TopicsFilterModel proxy;
        proxy.setSourceModel(&source);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!proxy.showInternal());
        source.setTopics(sampleTopics());
        proxy.setFilterText(text);
        proxy.setShowInternal(showInternal);
        QCOMPARE(namesOf(proxy), expected);

        // Back to everything (internal topics still follow the switch).
        proxy.setFilterText(QString());
        proxy.setShowInternal(false);
        QCOMPARE(proxy.rowCount(), 4);
    }

    void filterFollowsRefresh()
    {
        TopicsModel source;
        TopicsFilterModel proxy;
        proxy.setSourceModel(&source);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.setTopics(sampleTopics());
        proxy.setFilterText(QStringLiteral("order"));
        QCOMPARE(proxy.rowCount(), 2);
        QList<TopicInfo> topics = sampleTopics();
        topics.append(makeTopic(QStringLiteral("orders-v2"), 1));
        topics.removeAt(1);
        source.setTopics(topics);
        QCOMPARE(namesOf(proxy), (QStringList { QStringLiteral("orders"), QStringLiteral("orders-v2") }));
    }

    void sortsMessageCountNumerically_data()
    {
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addRow("ascending") << Qt::AscendingOrder;
        QTest::addRow("descending") << Qt::DescendingOrder;
    }

    void sortsMessageCountNumerically()
    {
        QFETCH(Qt::SortOrder, order);
        TopicsModel source;
        TopicsFilterModel proxy;
        proxy.setSourceModel(&source);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // As text these would sort 10, 100, 2, 9.
        const QList<QPair<QString, qint64>> counts = { { QStringLiteral("ten"), 10 }, { QStringLiteral("nine"), 9 },
            { QStringLiteral("hundred"), 100 }, { QStringLiteral("two"), 2 } };
        QList<TopicInfo> topics;
        QList<TopicWatermarks> watermarks;
        for (const auto& [name, count] : counts) {
            topics.append(makeTopic(name, 1));
            watermarks.append(makeWatermarks(name, 1, count, 1000));
        }
        topics.append(makeTopic(QStringLiteral("unknown"), 1));
        source.setTopics(topics);
        source.applyWatermarks(watermarks);
        proxy.sort(TopicsModel::MessagesColumn, order);

        QStringList expected { QStringLiteral("unknown"), QStringLiteral("two"), QStringLiteral("nine"),
            QStringLiteral("ten"), QStringLiteral("hundred") };
        if (order == Qt::DescendingOrder)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(namesOf(proxy), expected);

        // A late chunk moves a row to its new place.
        source.applyWatermarks({ makeWatermarks(QStringLiteral("unknown"), 1, 50) });
        expected = QStringList { QStringLiteral("two"), QStringLiteral("nine"), QStringLiteral("ten"),
            QStringLiteral("unknown"), QStringLiteral("hundred") };
        if (order == Qt::DescendingOrder)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(namesOf(proxy), expected);
    }

    void tenThousandTopics()
    {
        constexpr int topicCount = 10000;
        constexpr int internalEvery = 500;
        TopicsModel source;
        TopicsFilterModel proxy;
        proxy.setSourceModel(&source);
        proxy.sort(TopicsModel::NameColumn);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QList<TopicInfo> topics;
        topics.reserve(topicCount);
        int internalCount = 0;
        for (int i = 0; i < topicCount; ++i) {
            const bool internal = i % internalEvery == 0;
            internalCount += internal ? 1 : 0;
            topics.append(makeTopic(QStringLiteral("topic-%1").arg(i, 5, 10, QLatin1Char('0')), 3, 3, internal));
        }
        QSignalSpy resets(&source, &QAbstractItemModel::modelReset);
        source.setTopics(topics);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(source.rowCount(), topicCount);
        QCOMPARE(proxy.rowCount(), topicCount - internalCount);

        // Watermarks in chunks of 1,000 topics.
        for (int start = 0; start < topicCount; start += 1000) {
            QList<TopicWatermarks> chunk;
            for (int i = start; i < start + 1000; ++i)
                chunk.append(makeWatermarks(topics.at(i).name, 3, i));
            source.applyWatermarks(chunk);
        }
        QCOMPARE(source.index(source.rowOfTopic(QStringLiteral("topic-04242")), TopicsModel::MessagesColumn)
                     .data(TopicsModel::MessageCountRole)
                     .toLongLong(),
            3 * 4242);

        // "topic-0424" matches topic-04240 … topic-04249.
        proxy.setFilterText(QStringLiteral("TOPIC-0424"));
        QCOMPARE(proxy.rowCount(), 10);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("topic-04240"));
        QCOMPARE(proxy.index(9, 0).data().toString(), QStringLiteral("topic-04249"));

        // Against an independent count of the same rule.
        const QString text = QStringLiteral("99");
        int expected = 0;
        for (const TopicInfo& topic : std::as_const(topics))
            expected += (!topic.internal && topic.name.contains(text)) ? 1 : 0;
        proxy.setFilterText(text);
        QCOMPARE(proxy.rowCount(), expected);
        for (int row = 0; row < proxy.rowCount(); ++row)
            QVERIFY(proxy.index(row, 0).data().toString().contains(text));

        // Internal ones come back with the switch: of topic-00000 … topic-00009 only the first is internal.
        proxy.setFilterText(QStringLiteral("-0000"));
        QCOMPARE(proxy.rowCount(), 9); // topic-00001 … topic-00009
        proxy.setShowInternal(true);
        QCOMPARE(proxy.rowCount(), 10);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("topic-00000"));

        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), topicCount);
    }
};

SAMSA_TEST_MAIN(TopicsFilterModelTest, QGuiApplication)
#include "tst_topicsfiltermodel.moc"

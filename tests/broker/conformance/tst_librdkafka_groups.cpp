// librdkafka 2.0.2 consumer groups against the real samsa-broker: two and three consumers share
// six partitions with the eager (range, roundrobin) and the cooperative-sticky assignor; a
// consumer that stops heartbeating is evicted after its session timeout; committed offsets
// survive a restart and a SIGKILL and are in __consumer_offsets in Kafka's own format.

#include "brokerprocess.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "rdkafkagroupconsumer.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QtEndian>

#include <memory>

using namespace Samsa::Test;

namespace {

constexpr int kPartitions = 6;
constexpr int kPerPartition = 10;

bool produceNumbered(const QString& bootstrap, const QByteArray& topic, int partitions, int perPartition)
{
    RdKafkaProducer producer(bootstrap);
    if (!producer.isValid())
        return false;
    for (int p = 0; p < partitions; ++p) {
        for (int i = 0; i < perPartition; ++i)
            producer.produce(topic, p, {}, QByteArray::number(p) + "-" + QByteArray::number(i));
    }
    return producer.flush() && producer.deliveryErrors().isEmpty();
}

// True when every consumer holds at least one partition, no two hold the same, and together
// they hold all of them.
bool sharedWithoutOverlap(const QList<GroupConsumer*>& consumers, int partitions)
{
    QSet<int> all;
    int total = 0;
    for (GroupConsumer* consumer : consumers) {
        const QSet<int> assigned = consumer->assignment();
        if (assigned.isEmpty())
            return false;
        total += int(assigned.size());
        all.unite(assigned);
    }
    return total == partitions && all.size() == partitions;
}

int totalMessages(const QList<GroupConsumer*>& consumers)
{
    int total = 0;
    for (GroupConsumer* consumer : consumers)
        total += int(consumer->messages().size());
    return total;
}

QString describeAssignments(const QList<GroupConsumer*>& consumers)
{
    QStringList parts;
    for (GroupConsumer* consumer : consumers) {
        QList<int> assigned = consumer->assignment().values();
        std::sort(assigned.begin(), assigned.end());
        QStringList numbers;
        for (int p : assigned)
            numbers << QString::number(p);
        parts << QLatin1Char('[') + numbers.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    return parts.join(QLatin1Char(' '));
}

struct RawCommit {
    QByteArray group;
    QByteArray topic;
    int partition = -1;
    qint64 offset = -1;
    int keyVersion = -1;
    int valueVersion = -1;
};

// Decodes an OffsetCommitKey/OffsetCommitValue record of __consumer_offsets by hand, from the
// layout in Kafka's group-coordinator message definitions; false for other records.
bool decodeOffsetCommit(const QByteArray& key, const QByteArray& value, RawCommit* out)
{
    auto int16At = [](const QByteArray& b, qsizetype at) { return qFromBigEndian<qint16>(b.constData() + at); };
    if (key.size() < 2 || value.size() < 10)
        return false;
    out->keyVersion = int16At(key, 0);
    if (out->keyVersion != 0 && out->keyVersion != 1)
        return false;
    qsizetype at = 2;
    auto string = [&](QByteArray* s) {
        if (at + 2 > key.size())
            return false;
        const qint16 length = int16At(key, at);
        at += 2;
        if (length < 0 || at + length > key.size())
            return false;
        *s = key.mid(at, length);
        at += length;
        return true;
    };
    if (!string(&out->group) || !string(&out->topic) || at + 4 != key.size())
        return false;
    out->partition = qFromBigEndian<qint32>(key.constData() + at);
    out->valueVersion = int16At(value, 0);
    out->offset = qFromBigEndian<qint64>(value.constData() + 2);
    return true;
}

struct RawGroup {
    QByteArray group;
    QByteArray protocolType;
    int generation = -1;
    QByteArray protocol;
    QByteArray leader;
    int members = -1;
    int valueVersion = -1;
};

// Decodes a GroupMetadataKey v2 / GroupMetadataValue v3 record by hand; false for other records
// and for tombstones.
bool decodeGroupMetadata(const QByteArray& key, const QByteArray& value, RawGroup* out)
{
    if (key.size() < 4 || qFromBigEndian<qint16>(key.constData()) != 2 || value.size() < 2)
        return false;
    out->group = key.mid(4, qFromBigEndian<qint16>(key.constData() + 2));
    out->valueVersion = qFromBigEndian<qint16>(value.constData());
    qsizetype at = 2;
    auto need = [&](qsizetype n) { return at + n <= value.size(); };
    auto string = [&](QByteArray* s) {
        if (!need(2))
            return false;
        const qint16 length = qFromBigEndian<qint16>(value.constData() + at);
        at += 2;
        if (length < 0)
            return true; // null
        if (!need(length))
            return false;
        *s = value.mid(at, length);
        at += length;
        return true;
    };
    if (!string(&out->protocolType) || !need(4))
        return false;
    out->generation = qFromBigEndian<qint32>(value.constData() + at);
    at += 4;
    if (!string(&out->protocol) || !string(&out->leader) || !need(8 + 4))
        return false;
    at += 8; // current state timestamp (v2+)
    out->members = qFromBigEndian<qint32>(value.constData() + at);
    return true;
}

} // namespace

class TestLibrdkafkaGroups : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shareSixPartitions_data();
    void shareSixPartitions();
    void evictsAConsumerThatStopsHeartbeating();
    void committedOffsetsSurvive_data();
    void committedOffsetsSurvive();

private:
    BrokerProcess m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;
};

void TestLibrdkafkaGroups::initTestCase()
{
    QVERIFY2(m_broker.start(), m_broker.errorText());
    m_admin = std::make_unique<RdKafkaAdmin>(m_broker.bootstrapServers());
    QVERIFY2(m_admin->isValid(), qPrintable(m_admin->error()));
}

void TestLibrdkafkaGroups::shareSixPartitions_data()
{
    QTest::addColumn<QByteArray>("assignor");
    QTest::addColumn<int>("consumers");
    for (const char* assignor : { "range", "roundrobin", "cooperative-sticky" }) {
        for (int consumers : { 2, 3 })
            QTest::addRow("%s-%d", assignor, consumers) << QByteArray(assignor) << consumers;
    }
}

void TestLibrdkafkaGroups::shareSixPartitions()
{
    QFETCH(QByteArray, assignor);
    QFETCH(int, consumers);
    const QByteArray name = "share-" + assignor + "-" + QByteArray::number(consumers);
    const AdminResult created = m_admin->createTopic({ name, kPartitions, {} });
    QVERIFY2(created.ok(), created.text());

    std::vector<std::unique_ptr<GroupConsumer>> owned;
    QList<GroupConsumer*> group;
    for (int i = 0; i < consumers; ++i) {
        owned.push_back(std::make_unique<GroupConsumer>(
            m_broker.bootstrapServers(), "group-" + name, KafkaConfig { { "partition.assignment.strategy", assignor } }));
        QVERIFY2(owned.back()->isValid(), qPrintable(owned.back()->error()));
        QVERIFY2(owned.back()->subscribe(name), qPrintable(owned.back()->error()));
        group.append(owned.back().get());
    }
    QVERIFY2(pollUntil(group, [&] { return sharedWithoutOverlap(group, kPartitions); }, 20000),
        qPrintable(QStringLiteral("assignments: ") + describeAssignments(group)));

    QVERIFY(produceNumbered(m_broker.bootstrapServers(), name, kPartitions, kPerPartition));
    const int expected = kPartitions * kPerPartition;
    QVERIFY2(pollUntil(group, [&] { return totalMessages(group) >= expected; }, 20000),
        qPrintable(QStringLiteral("received %1 of %2; assignments %3")
                       .arg(totalMessages(group))
                       .arg(expected)
                       .arg(describeAssignments(group))));

    // Every record once, each from a partition its consumer holds, and the group still as it was.
    QSet<QByteArray> seen;
    for (GroupConsumer* consumer : group) {
        const QSet<int> assigned = consumer->assignment();
        for (const auto& message : consumer->messages()) {
            QVERIFY2(assigned.contains(message.partition), message.value.constData());
            QVERIFY2(!seen.contains(message.value), QByteArray("duplicate: " + message.value).constData());
            seen.insert(message.value);
        }
        QVERIFY2(consumer->errors().isEmpty(), qPrintable(consumer->errors().join(QLatin1Char('\n'))));
    }
    QCOMPARE(seen.size(), expected);
    QVERIFY(sharedWithoutOverlap(group, kPartitions));
}

void TestLibrdkafkaGroups::evictsAConsumerThatStopsHeartbeating()
{
    const QByteArray name = "eviction";
    const AdminResult created = m_admin->createTopic({ name, kPartitions, {} });
    QVERIFY2(created.ok(), created.text());
    auto survivor = std::make_unique<GroupConsumer>(m_broker.bootstrapServers(), "group-eviction");
    auto victim = std::make_unique<GroupConsumer>(m_broker.bootstrapServers(), "group-eviction");
    QVERIFY(survivor->subscribe(name));
    QVERIFY(victim->subscribe(name));
    QList<GroupConsumer*> both { survivor.get(), victim.get() };
    QVERIFY2(pollUntil(both, [&] { return sharedWithoutOverlap(both, kPartitions); }, 20000),
        qPrintable(describeAssignments(both)));
    const QSet<int> victimPartitions = victim->assignment();

    QElapsedTimer sinceSilence;
    sinceSilence.start();
    victim->abandon();
    QVERIFY2(pollUntil({ survivor.get() }, [&] { return survivor->assignment().size() == kPartitions; }, 20000),
        qPrintable(describeAssignments({ survivor.get() })));
    const qint64 elapsed = sinceSilence.elapsed();
    // Without a LeaveGroup only the session timeout (6 s) can remove the member.
    QVERIFY2(elapsed >= 5000, qPrintable(QStringLiteral("partitions moved after %1 ms").arg(elapsed)));
    QVERIFY2(survivor->assignment().contains(victimPartitions), qPrintable(describeAssignments({ survivor.get() })));
}

void TestLibrdkafkaGroups::committedOffsetsSurvive_data()
{
    QTest::addColumn<bool>("kill");
    QTest::addRow("restart") << false;
    QTest::addRow("sigkill") << true;
}

void TestLibrdkafkaGroups::committedOffsetsSurvive()
{
    QFETCH(bool, kill);
    const QByteArray name = kill ? "survive-kill" : "survive-restart";
    const QByteArray groupId = "group-" + name;
    const AdminResult created = m_admin->createTopic({ name, 3, {} });
    QVERIFY2(created.ok(), created.text());
    QVERIFY(produceNumbered(m_broker.bootstrapServers(), name, 3, kPerPartition));

    const QMap<int, qint64> wanted { { 0, 4 }, { 1, 7 }, { 2, 10 } };
    {
        GroupConsumer consumer(m_broker.bootstrapServers(), groupId, { { "enable.auto.commit", "false" } });
        QVERIFY(consumer.subscribe(name));
        QVERIFY2(pollUntil({ &consumer }, [&] { return consumer.messages().size() >= 3 * kPerPartition; }, 20000),
            qPrintable(describeAssignments({ &consumer })));
        const rd_kafka_resp_err_t err = consumer.commit(name, wanted);
        QVERIFY2(!err, qPrintable(errorText(err)));
        if (kill) {
            // The consumer is still in the group when the broker dies.
            m_broker.kill();
            QVERIFY2(m_broker.restart(), m_broker.errorText());
            QMap<int, qint64> committed;
            QDeadlineTimer deadline(20000);
            rd_kafka_resp_err_t fetched = RD_KAFKA_RESP_ERR__TIMED_OUT;
            while (!deadline.hasExpired()) {
                committed.clear();
                consumer.poll(20);
                fetched = consumer.committed(name, { 0, 1, 2 }, &committed);
                if (!fetched)
                    break;
            }
            QVERIFY2(!fetched, qPrintable(errorText(fetched)));
            QCOMPARE(committed, wanted);
        }
    }
    if (!kill) {
        QVERIFY2(m_broker.stop(), m_broker.errorText());
        QVERIFY2(m_broker.restart(), m_broker.errorText());
    }

    // A new member of the group starts where the last one left off.
    GroupConsumer next(m_broker.bootstrapServers(), groupId);
    QMap<int, qint64> committed;
    const rd_kafka_resp_err_t fetched = next.committed(name, { 0, 1, 2 }, &committed);
    QVERIFY2(!fetched, qPrintable(errorText(fetched)));
    QCOMPARE(committed, wanted);
    QVERIFY(next.subscribe(name));
    const int remaining = int((kPerPartition - 4) + (kPerPartition - 7));
    QVERIFY2(pollUntil({ &next }, [&] { return next.messages().size() >= remaining; }, 20000),
        qPrintable(QStringLiteral("got %1 of %2").arg(next.messages().size()).arg(remaining)));
    QMap<int, qint64> first;
    for (const auto& message : next.messages()) {
        if (!first.contains(message.partition))
            first.insert(message.partition, message.offset);
    }
    QCOMPARE(first, (QMap<int, qint64> { { 0, 4 }, { 1, 7 } }));

    // What a lag monitor reading __consumer_offsets sees: Kafka's key and value formats.
    RdKafkaReader reader(m_broker.bootstrapServers());
    QList<KafkaMessage> records;
    QVERIFY2(reader.readToEnd("__consumer_offsets", consumerOffsetsPartition(groupId, 50), RD_KAFKA_OFFSET_BEGINNING,
                 &records),
        qPrintable(reader.error()));
    QMap<int, qint64> latest;
    RawGroup lastGroup;
    for (const auto& record : records) {
        RawGroup groupRecord;
        if (!record.value.isEmpty() && decodeGroupMetadata(record.key, record.value, &groupRecord)
            && groupRecord.group == groupId)
            lastGroup = groupRecord;
        RawCommit commit;
        if (decodeOffsetCommit(record.key, record.value, &commit) && commit.group == groupId) {
            QCOMPARE(commit.topic, name);
            QCOMPARE(commit.keyVersion, 1);
            QCOMPARE(commit.valueVersion, 3);
            latest[commit.partition] = commit.offset;
        }
    }
    QCOMPARE(lastGroup.valueVersion, 3);
    QCOMPARE(lastGroup.protocolType, QByteArray("consumer"));
    QVERIFY(lastGroup.generation >= 1);
    QCOMPARE(lastGroup.protocol, QByteArray("range")); // librdkafka's first choice
    QVERIFY(!lastGroup.leader.isEmpty());
    QVERIFY(lastGroup.members >= 1);
    // The new consumer may have committed further positions already: never below ours.
    QCOMPARE(latest.keys(), wanted.keys());
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it)
        QVERIFY(latest[it.key()] >= it.value());
}

SAMSA_TEST_MAIN(TestLibrdkafkaGroups, QCoreApplication)
#include "tst_librdkafka_groups.moc"

// Partitions at scale against the real samsa-broker process, started under a low descriptor limit
// (sh -c 'ulimit -n N; exec samsa-broker ...'): thousands of partitions work and survive a restart
// with a bounded count of open descriptors (/proc/PID/fd); a CreateTopics or CreatePartitions
// beyond max.partitions.per.request or max.broker.partitions is refused and leaves nothing; a
// failure midway (SAMSA_BROKER_FAIL_PARTITION) is undone; SIGTERM syncs the written partitions
// and leaves idle ones untouched. How fast the stop is: bench/broker-shutdown.

#include "brokerprocess.h"
#include "rdkafkaadmin.h"
#include "rdkafkaclient.h"
#include "testmain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>

using namespace Samsa::Test;

namespace {

// Directories of a topic's partitions in the data dir.
QStringList partitionDirectories(const QString& dataDir, const QByteArray& topic)
{
    return QDir(dataDir).entryList({QString::fromUtf8(topic) + QStringLiteral("-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
}

int openDescriptors(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::AllEntries | QDir::System
                                                                      | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestBrokerPartitionLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void manyPartitionsUnderLowDescriptorLimit_data();
    void manyPartitionsUnderLowDescriptorLimit();
    void oversizedRequestsAreRefused();
    void brokerPartitionLimit();
    void failureMidwayIsUndone();
    void stopSyncsWrittenPartitionsOnly();

private:
    // Starts m_broker as `ulimit -n descriptors; exec samsa-broker`, with extra arguments.
    bool startLimited(int descriptors, const QStringList& arguments = {});

    std::unique_ptr<BrokerProcess> m_broker;
    QByteArray m_realBinary;
    QString m_wrapper;
};

void TestBrokerPartitionLimits::init()
{
    m_realBinary = qgetenv("SAMSA_BROKER_BIN");
    m_broker = std::make_unique<BrokerProcess>();
}

void TestBrokerPartitionLimits::cleanup()
{
    if (m_broker && m_broker->isRunning())
        m_broker->kill();
    m_broker.reset();
    qputenv("SAMSA_BROKER_BIN", m_realBinary);
    qunsetenv("SAMSA_BROKER_FAIL_PARTITION");
}

bool TestBrokerPartitionLimits::startLimited(int descriptors, const QStringList& arguments)
{
    // dash's ulimit without -S/-H sets both limits, so the broker cannot raise it again.
    m_wrapper = m_broker->temporaryPath() + QStringLiteral("/limited-broker.sh");
    QFile script(m_wrapper);
    if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    script.write("#!/bin/sh\nulimit -n " + QByteArray::number(descriptors) + " || exit 97\nexec '" + m_realBinary
                 + "' \"$@\"\n");
    script.close();
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("SAMSA_BROKER_BIN", m_wrapper.toUtf8());
    m_broker->setExtraArguments(arguments);
    return m_broker->start(60000);
}

void TestBrokerPartitionLimits::manyPartitionsUnderLowDescriptorLimit_data()
{
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("descriptors");
    QTest::addRow("2000 partitions, ulimit 256") << 2000 << 256;
    // The product's target; left to the soak run (tst_broker_partitionlimits_soak) as it is slower.
    if (qEnvironmentVariableIsSet("SAMSA_SOAK"))
        QTest::addRow("10000 partitions, ulimit 1024") << 10000 << 1024;
}

void TestBrokerPartitionLimits::manyPartitionsUnderLowDescriptorLimit()
{
    QFETCH(int, partitions);
    QFETCH(int, descriptors);
    QVERIFY2(startLimited(descriptors), m_broker->errorText());
    const QString bootstrap = m_broker->bootstrapServers();

    // Several CreateTopics, each within max.partitions.per.request.
    constexpr int Topics = 4;
    const int perTopic = partitions / Topics;
    const int stride = perTopic / 8; // written: every stride-th partition; read back: one per topic
    {
        RdKafkaAdmin admin(bootstrap);
        QVERIFY2(admin.isValid(), qPrintable(admin.error()));
        for (int t = 0; t < Topics; ++t) {
            const AdminResult result = admin.createTopic({"many-" + QByteArray::number(t), perTopic, {}});
            QVERIFY2(result.ok(), result.text());
        }
    }
    // Each descriptor-hungry part is bounded: half the limit for segment files, the rest spare.
    const int bound = descriptors / 2 + 64;
    QVERIFY2(openDescriptors(m_broker->pid()) <= bound,
             qPrintable(QStringLiteral("%1 descriptors open").arg(openDescriptors(m_broker->pid()))));

    // A sample spread over every topic: one record each, read back.
    auto produceSample = [&](const QByteArray& value) {
        RdKafkaProducer producer(bootstrap, {{"linger.ms", "5"}});
        QVERIFY2(producer.isValid(), qPrintable(producer.error()));
        for (int t = 0; t < Topics; ++t) {
            for (int p = t; p < perTopic; p += stride)
                QVERIFY(producer.produce("many-" + QByteArray::number(t), p, "k", value));
        }
        QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    };
    auto readSample = [&](const QList<QByteArray>& expected) {
        RdKafkaReader reader(bootstrap);
        QVERIFY2(reader.isValid(), qPrintable(reader.error()));
        for (int t = 0; t < Topics; ++t) {
            const int p = t + 2 * t * stride; // each topic at another place, among the written ones
            QList<KafkaMessage> messages;
            QVERIFY2(reader.readToEnd("many-" + QByteArray::number(t), p, RD_KAFKA_OFFSET_BEGINNING, &messages),
                     qPrintable(reader.error()));
            QCOMPARE(messages.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i)
                QCOMPARE(messages[i].value, expected[i]);
        }
    };
    produceSample("before restart");
    readSample({"before restart"});
    QVERIFY2(openDescriptors(m_broker->pid()) <= bound,
             qPrintable(QStringLiteral("%1 descriptors open").arg(openDescriptors(m_broker->pid()))));

    QVERIFY2(m_broker->stop(), m_broker->errorText());
    QVERIFY2(m_broker->restart(60000), m_broker->errorText());
    QVERIFY2(openDescriptors(m_broker->pid()) <= bound,
             qPrintable(QStringLiteral("%1 descriptors open").arg(openDescriptors(m_broker->pid()))));
    {
        RdKafkaAdmin admin(bootstrap);
        QString error;
        const auto topics = fetchTopics(admin.handle(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (int t = 0; t < Topics; ++t)
            QCOMPARE(topics.value("many-" + QByteArray::number(t)), perTopic);
    }
    produceSample("after restart");
    readSample({"before restart", "after restart"});
    QVERIFY2(openDescriptors(m_broker->pid()) <= bound,
             qPrintable(QStringLiteral("%1 descriptors open").arg(openDescriptors(m_broker->pid()))));
    QVERIFY2(m_broker->stop(), m_broker->errorText());
}

void TestBrokerPartitionLimits::oversizedRequestsAreRefused()
{
    QVERIFY2(startLimited(1024), m_broker->errorText());
    RdKafkaAdmin admin(m_broker->bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    const int before = openDescriptors(m_broker->pid());

    // One topic of 100,000, and a request of two topics that together pass the bound.
    AdminResult result = admin.createTopic({"huge", 100000, {}});
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);
    QVERIFY2(result.message.contains(QStringLiteral("max.partitions.per.request")), result.text());
    const auto pair = admin.createTopics({{"half-a", 6000, {}}, {"half-b", 6000, {}}});
    QCOMPARE(pair.value("half-a").error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);
    QCOMPARE(pair.value("half-b").error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);

    // Growing an existing topic by more than the bound.
    QVERIFY2(admin.createTopic({"small", 2, {}}).ok(), "small");
    result = admin.createPartitions("small", 20002);
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);

    for (const QByteArray topic : {"huge", "half-a", "half-b"})
        QVERIFY2(partitionDirectories(m_broker->dataDir(), topic).isEmpty(), topic.constData());
    QCOMPARE(partitionDirectories(m_broker->dataDir(), "small").size(), 2);
    QString error;
    const auto topics = fetchTopics(admin.handle(), &error);
    QVERIFY(!topics.contains("huge") && !topics.contains("half-a") && !topics.contains("half-b"));
    QCOMPARE(topics.value("small"), 2);
    QVERIFY(openDescriptors(m_broker->pid()) <= before + 8);
    QVERIFY2(m_broker->stop(), m_broker->errorText());
}

void TestBrokerPartitionLimits::brokerPartitionLimit()
{
    QVERIFY2(startLimited(1024, {QStringLiteral("--set"), QStringLiteral("max.broker.partitions=300")}),
             m_broker->errorText());
    RdKafkaAdmin admin(m_broker->bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    QVERIFY2(admin.createTopic({"first", 200, {}}).ok(), "first");
    AdminResult result = admin.createTopic({"second", 101, {}});
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);
    QVERIFY2(result.message.contains(QStringLiteral("max.broker.partitions")), result.text());
    result = admin.createPartitions("first", 301);
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_POLICY_VIOLATION);
    QVERIFY(partitionDirectories(m_broker->dataDir(), "second").isEmpty());
    QCOMPARE(partitionDirectories(m_broker->dataDir(), "first").size(), 200);
    // Up to the limit is fine.
    QVERIFY2(admin.createTopic({"second", 100, {}}).ok(), "second");

    QMap<QByteArray, ConfigValue> configs;
    QVERIFY(admin.describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1", &configs).ok());
    QCOMPARE(configs.value("max.broker.partitions").value, QByteArray("300"));
    QCOMPARE(configs.value("max.partitions.per.request").value, QByteArray("10000"));
    QVERIFY2(m_broker->stop(), m_broker->errorText());
}

void TestBrokerPartitionLimits::failureMidwayIsUndone()
{
    // Creating partition 150 of any topic fails as a disk error would.
    qputenv("SAMSA_BROKER_FAIL_PARTITION", "150");
    QVERIFY2(startLimited(1024), m_broker->errorText());
    RdKafkaAdmin admin(m_broker->bootstrapServers());
    QVERIFY2(admin.isValid(), qPrintable(admin.error()));
    QVERIFY2(admin.createTopic({"grown", 100, {}}).ok(), "grown");
    const int before = openDescriptors(m_broker->pid());

    AdminResult result = admin.createTopic({"doomed", 300, {}});
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR);
    result = admin.createPartitions("grown", 300);
    QCOMPARE(result.error, RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR);

    QVERIFY(partitionDirectories(m_broker->dataDir(), "doomed").isEmpty());
    QCOMPARE(partitionDirectories(m_broker->dataDir(), "grown").size(), 100);
    QVERIFY2(openDescriptors(m_broker->pid()) <= before + 8,
             qPrintable(QStringLiteral("%1 descriptors open, %2 before").arg(openDescriptors(m_broker->pid())).arg(before)));
    QString error;
    auto topics = fetchTopics(admin.handle(), &error);
    QVERIFY(!topics.contains("doomed"));
    QCOMPARE(topics.value("grown"), 100);

    // Nothing of it comes back after a restart either.
    QVERIFY2(m_broker->stop(), m_broker->errorText());
    QVERIFY2(m_broker->restart(60000), m_broker->errorText());
    RdKafkaAdmin again(m_broker->bootstrapServers());
    topics = fetchTopics(again.handle(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!topics.contains("doomed"));
    QCOMPARE(topics.value("grown"), 100);
    QVERIFY2(m_broker->stop(), m_broker->errorText());
}

void TestBrokerPartitionLimits::stopSyncsWrittenPartitionsOnly()
{
    // Nothing is flushed in the background: what is written stays unflushed until the stop.
    QVERIFY2(startLimited(1024, {QStringLiteral("--set"), QStringLiteral("log.flush.interval.ms=3600000")}),
             m_broker->errorText());
    const QString bootstrap = m_broker->bootstrapServers();
    {
        RdKafkaAdmin admin(bootstrap);
        QVERIFY2(admin.createTopic({"idle", 500, {}}).ok(), "idle");
        QVERIFY2(admin.createTopic({"busy", 4, {}}).ok(), "busy");
    }
    {
        RdKafkaProducer producer(bootstrap);
        for (int p = 0; p < 4; ++p)
            QVERIFY(producer.produce("busy", p, "k", "unflushed " + QByteArray::number(p)));
        QVERIFY2(producer.flush(), qPrintable(producer.deliveryErrors()));
        QVERIFY2(producer.deliveryErrors().isEmpty(), qPrintable(producer.deliveryErrors()));
    }
    const QString data = m_broker->dataDir();
    QVERIFY2(m_broker->stop(), m_broker->errorText());

    // Idle partitions: their segment alone, no index or snapshot written on the way out.
    for (int p = 0; p < 500; p += 50) {
        const QStringList files = QDir(data + QStringLiteral("/idle-%1").arg(p)).entryList(QDir::Files);
        QCOMPARE(files, QStringList{QStringLiteral("00000000000000000000.log")});
    }
    // Written partitions: indexes written at the stop.
    for (int p = 0; p < 4; ++p) {
        const QStringList files = QDir(data + QStringLiteral("/busy-%1").arg(p)).entryList(QDir::Files);
        QVERIFY2(files.contains(QStringLiteral("00000000000000000000.index")), qPrintable(files.join(u' ')));
    }
    QVERIFY2(m_broker->restart(60000), m_broker->errorText());
    RdKafkaReader reader(bootstrap);
    for (int p = 0; p < 4; ++p) {
        QList<KafkaMessage> messages;
        QVERIFY2(reader.readToEnd("busy", p, RD_KAFKA_OFFSET_BEGINNING, &messages), qPrintable(reader.error()));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.front().value, "unflushed " + QByteArray::number(p));
    }
    QVERIFY2(m_broker->stop(), m_broker->errorText());
}

SAMSA_TEST_MAIN(TestBrokerPartitionLimits, QCoreApplication)

#include "tst_broker_partitionlimits.moc"

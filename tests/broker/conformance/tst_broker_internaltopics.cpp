// The broker's internal topics against a hostile client and a poisoned log: a client's Produce,
// DeleteRecords and CreatePartitions to __consumer_offsets and _schemas are refused and store
// nothing; a batch placed in their logs on disk that does not decode is skipped on restart with
// the batches after it still replayed (offsets, schemas), and the registry never hands out an id
// that a record of the topic already holds.

#include "brokerprocess.h"
#include "rawkafka.h"
#include "rdkafkaadmin.h"
#include "testmain.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "group/groupformat.h"
#include "storage/recordbatch.h"
#include "storage/recordbatchcodec.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>

#include <librdkafka/rdkafka.h>

#include <climits>

using namespace Samsa::Test;
namespace broker = samsa::broker;

namespace {

const QByteArray kTopic = "orders";
const char* const kGroup = "billing";
const QString kOffsetsDir = QStringLiteral("__consumer_offsets-0");
const QString kSchemasDir = QStringLiteral("_schemas-0");

QByteArray toQt(const broker::Bytes& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

broker::Bytes toBytes(const QByteArray& bytes)
{
    return broker::Bytes(bytes.begin(), bytes.end());
}

// A batch at `baseOffset` (the CRC does not cover the base offset, so it is simply written in).
broker::Bytes batchAt(const std::vector<broker::KeyValue>& records, int64_t baseOffset)
{
    broker::Bytes batch = broker::buildRecordBatch(records, QDateTime::currentMSecsSinceEpoch());
    broker::writeBeInt64(std::span(batch), baseOffset);
    return batch;
}

// A batch with a valid header and CRC whose one record is garbage: what a client could produce
// while only the header and CRC were checked.
broker::Bytes poisonedBatchAt(int64_t baseOffset)
{
    broker::Bytes batch = batchAt({ { toBytes("key"), toBytes("value") } }, baseOffset);
    for (size_t i = broker::recordbatch::HeaderSize; i < batch.size(); ++i)
        batch[i] = 0xff;
    const auto covered = std::span<const uint8_t>(batch).subspan(broker::recordbatch::AttributesPosition);
    broker::writeBe32(std::span(batch).subspan(broker::recordbatch::CrcPosition), broker::crc32c(covered));
    return batch;
}

// The newest segment file of a partition directory.
QString lastSegment(const QString& directory)
{
    const QStringList logs = QDir(directory).entryList({ QStringLiteral("*.log") }, QDir::Files, QDir::Name);
    return logs.isEmpty() ? QString() : directory + QLatin1Char('/') + logs.last();
}

qint64 logBytes(const QString& directory)
{
    qint64 total = 0;
    for (const QFileInfo& file : QDir(directory).entryInfoList({ QStringLiteral("*.log") }, QDir::Files))
        total += file.size();
    return total;
}

// The offset after the last batch of a segment file (its base offset when empty).
int64_t nextOffsetOf(const QString& segmentPath)
{
    QFile file(segmentPath);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const broker::Bytes bytes = toBytes(file.readAll());
    int64_t next = QFileInfo(segmentPath).baseName().toLongLong();
    size_t position = 0;
    while (bytes.size() - position >= broker::recordbatch::HeaderSize) {
        const auto header = broker::recordbatch::parseHeader(std::span<const uint8_t>(bytes).subspan(position));
        next = header.lastOffset() + 1;
        position += size_t(header.totalSize());
    }
    return next;
}

// Appends `records` as one batch to the partition's log on disk, after a poisoned batch if asked.
bool appendToLog(const QString& directory, const std::vector<broker::KeyValue>& records, bool poisonFirst)
{
    const QString segment = lastSegment(directory);
    const int64_t next = nextOffsetOf(segment);
    QFile file(segment);
    if (segment.isEmpty() || next < 0 || !file.open(QIODevice::Append))
        return false;
    const QByteArray bytes = poisonFirst ? toQt(poisonedBatchAt(next)) + toQt(batchAt(records, next + 1))
                                         : toQt(batchAt(records, next));
    return file.write(bytes) == bytes.size();
}

// Produce v3 of one valid batch; the partition's error code (-1 when there is no answer).
int produceErrorCode(const QString& bootstrap, const QByteArray& topic, int partition)
{
    QByteArray body;
    Raw::appendInt16(body, -1); // no transactional id
    Raw::appendInt16(body, -1); // acks all
    Raw::appendInt32(body, 5000);
    Raw::appendInt32(body, 1);
    Raw::appendString(body, topic);
    Raw::appendInt32(body, 1);
    Raw::appendInt32(body, partition);
    const QByteArray batch = toQt(batchAt({ { toBytes("intruder"), toBytes(R"({"id":1})") } }, 0));
    Raw::appendInt32(body, qint32(batch.size()));
    body += batch;

    QTcpSocket socket;
    const int colon = int(bootstrap.lastIndexOf(QLatin1Char(':')));
    socket.connectToHost(bootstrap.left(colon), quint16(bootstrap.mid(colon + 1).toUInt()));
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write(Raw::request(0, 3, 7, body));
    const QByteArray answer = Raw::readResponse(socket);
    // correlation id, topic count, topic name, partition count, partition index, error code
    const qsizetype errorAt = 4 + 4 + 2 + topic.size() + 4 + 4;
    if (Raw::int32At(answer, 0) != 7 || Raw::int32At(answer, 4) != 1)
        return -1;
    return Raw::int16At(answer, errorAt);
}

// A consumer handle that commits and reads committed offsets of kGroup without joining it.
class OffsetsClient {
public:
    explicit OffsetsClient(const QString& bootstrap)
    {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        char error[512];
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
        rd_kafka_conf_set(conf, "group.id", kGroup, error, sizeof error);
        rd_kafka_conf_set(conf, "enable.auto.commit", "false", error, sizeof error);
        m_handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    }
    ~OffsetsClient()
    {
        if (m_handle) {
            rd_kafka_consumer_close(m_handle);
            rd_kafka_destroy(m_handle);
        }
    }
    OffsetsClient(const OffsetsClient&) = delete;
    OffsetsClient& operator=(const OffsetsClient&) = delete;

    bool commit(int64_t offset)
    {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, kTopic.constData(), 0)->offset = offset;
        const rd_kafka_resp_err_t error = rd_kafka_commit(m_handle, list, 0);
        rd_kafka_topic_partition_list_destroy(list);
        return error == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    // -1001 (RD_KAFKA_OFFSET_INVALID) when nothing is committed, -2 on error.
    int64_t committed()
    {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(list, kTopic.constData(), 0);
        const rd_kafka_resp_err_t error = rd_kafka_committed(m_handle, list, 10000);
        const int64_t offset = error == RD_KAFKA_RESP_ERR_NO_ERROR && !list->elems[0].err ? list->elems[0].offset : -2;
        rd_kafka_topic_partition_list_destroy(list);
        return offset;
    }

private:
    rd_kafka_t* m_handle = nullptr;
};

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A record as Confluent's registry writes it (value null: a tombstone).
broker::KeyValue schemaRecord(const QString& subject, int version, std::optional<qint64> id, const QString& schema)
{
    const QJsonObject key { { QStringLiteral("keytype"), QStringLiteral("SCHEMA") },
        { QStringLiteral("subject"), subject }, { QStringLiteral("version"), version },
        { QStringLiteral("magic"), 1 } };
    QJsonObject value { { QStringLiteral("subject"), subject }, { QStringLiteral("version"), version },
        { QStringLiteral("schema"), schema }, { QStringLiteral("deleted"), false } };
    if (id)
        value.insert(QStringLiteral("id"), double(*id));
    return { toBytes(json(key)), toBytes(json(value)) };
}

QString recordSchema(const char* name)
{
    return QStringLiteral(R"({"type":"record","name":"%1","fields":[{"name":"n","type":"int"}]})")
        .arg(QString::fromUtf8(name));
}

} // namespace

class TestBrokerInternalTopics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void clientWritesAreRefused();
    void poisonedBatchesAreSkippedOnRestart();
    void largestIdDoesNotWrap();

private:
    struct Answer {
        int status = 0;
        QJsonValue json;
    };
    Answer call(const QByteArray& method, const QString& path, const QByteArray& body = {});
    int registerSchema(const QString& subject, const QString& schema);
    // A broker with topic kTopic, an offset of kGroup committed and one schema registered (id 1).
    bool startWithState();

    std::unique_ptr<BrokerProcess> m_broker;
    QNetworkAccessManager m_network;
};

void TestBrokerInternalTopics::initTestCase()
{
    QVERIFY2(!BrokerProcess::binaryPath().isEmpty(), "SAMSA_BROKER_BIN is not set (run through ctest)");
}

void TestBrokerInternalTopics::init()
{
    m_broker = std::make_unique<BrokerProcess>();
    m_broker->enableSchemaRegistry();
    // One offsets partition: every group's records are in __consumer_offsets-0.
    m_broker->setExtraArguments({ QStringLiteral("--set"), QStringLiteral("offsets.topic.num.partitions=1") });
}

TestBrokerInternalTopics::Answer TestBrokerInternalTopics::call(
    const QByteArray& method, const QString& path, const QByteArray& body)
{
    QNetworkRequest request(QUrl(m_broker->schemaRegistryUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/vnd.schemaregistry.v1+json"));
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto document = QJsonDocument::fromJson("[" + reply->readAll() + "]");
    answer.json = document.isArray() ? document.array().first() : QJsonValue();
    reply->deleteLater();
    return answer;
}

int TestBrokerInternalTopics::registerSchema(const QString& subject, const QString& schema)
{
    const Answer answer = call("POST", QStringLiteral("/subjects/%1/versions").arg(subject),
        json(QJsonObject { { QStringLiteral("schema"), schema } }));
    return answer.status == 200 ? answer.json.toObject().value(QStringLiteral("id")).toInt(-1) : -answer.status;
}

bool TestBrokerInternalTopics::startWithState()
{
    if (!m_broker->start())
        return false;
    RdKafkaAdmin admin(m_broker->bootstrapServers());
    if (!admin.createTopic({ kTopic, 1, {} }).ok())
        return false;
    OffsetsClient offsets(m_broker->bootstrapServers());
    return offsets.commit(7) && registerSchema(QStringLiteral("before"), recordSchema("Before")) == 1;
}

void TestBrokerInternalTopics::clientWritesAreRefused()
{
    QVERIFY2(startWithState(), m_broker->errorText());
    const QString offsetsDir = m_broker->dataDir() + QLatin1Char('/') + kOffsetsDir;
    const QString schemasDir = m_broker->dataDir() + QLatin1Char('/') + kSchemasDir;
    const qint64 offsetsBefore = logBytes(offsetsDir);
    const qint64 schemasBefore = logBytes(schemasDir);
    QVERIFY(offsetsBefore > 0 && schemasBefore > 0);

    constexpr int InvalidTopicException = 17;
    QCOMPARE(produceErrorCode(m_broker->bootstrapServers(), "__consumer_offsets", 0), InvalidTopicException);
    QCOMPARE(produceErrorCode(m_broker->bootstrapServers(), "_schemas", 0), InvalidTopicException);
    // An ordinary topic still takes the same request.
    QCOMPARE(produceErrorCode(m_broker->bootstrapServers(), kTopic, 0), 0);

    RdKafkaAdmin admin(m_broker->bootstrapServers());
    qint64 lowWatermark = -1;
    for (const QByteArray& topic : { QByteArray("__consumer_offsets"), QByteArray("_schemas") }) {
        const AdminResult deleted = admin.deleteRecords(topic, 0, -1, &lowWatermark);
        QCOMPARE(deleted.error, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION);
        const AdminResult grown = admin.createPartitions(topic, 4);
        QCOMPARE(grown.error, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION);
    }
    QCOMPARE(admin.deleteTopic("__consumer_offsets").error, RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION);

    // Nothing was stored, and what was there still is.
    QCOMPARE(logBytes(offsetsDir), offsetsBefore);
    QCOMPARE(logBytes(schemasDir), schemasBefore);
    QCOMPARE(QDir(m_broker->dataDir()).entryList({ QStringLiteral("__consumer_offsets-*") }, QDir::Dirs).size(), qsizetype(1));
    QCOMPARE(OffsetsClient(m_broker->bootstrapServers()).committed(), int64_t(7));
    QCOMPARE(call("GET", QStringLiteral("/subjects")).json.toArray(), QJsonArray { QStringLiteral("before") });
    QVERIFY(m_broker->stop());
}

void TestBrokerInternalTopics::poisonedBatchesAreSkippedOnRestart()
{
    QVERIFY2(startWithState(), m_broker->errorText());
    QVERIFY(m_broker->stop());

    // After the poison: the group's newer offset.
    broker::group::OffsetValue offset;
    offset.offset = 42;
    offset.commitTimestamp = QDateTime::currentMSecsSinceEpoch();
    const broker::KeyValue offsetRecord { broker::group::encodeKey(broker::group::OffsetKey { kGroup, kTopic.toStdString(), 0 }),
        broker::group::encodeValue(offset) };
    QVERIFY(appendToLog(m_broker->dataDir() + QLatin1Char('/') + kOffsetsDir, { offsetRecord }, true));

    // After the poison: a schema with id 5 (as another registry would write it), and a record that
    // does not apply (no subject) but holds id 9, which messages may carry all the same.
    broker::KeyValue unapplied = schemaRecord(QString(), 1, 9, recordSchema("Unapplied"));
    unapplied.key = toBytes("not json");
    QVERIFY(appendToLog(m_broker->dataDir() + QLatin1Char('/') + kSchemasDir,
        { schemaRecord(QStringLiteral("after"), 1, 5, recordSchema("After")), unapplied }, true));

    QVERIFY2(m_broker->restart(), m_broker->errorText());

    QCOMPARE(OffsetsClient(m_broker->bootstrapServers()).committed(), int64_t(42));
    const Answer after = call("GET", QStringLiteral("/subjects/after/versions/1"));
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json.toObject().value(QStringLiteral("id")).toInt(), 5);
    QCOMPARE(call("GET", QStringLiteral("/schemas/ids/1")).status, 200);
    // The next id is above every id in the topic, the unapplied record's included.
    QCOMPARE(registerSchema(QStringLiteral("later"), recordSchema("Later")), 10);
    // One warning per skipped batch.
    const QByteArray log = m_broker->standardError();
    QCOMPARE(log.count("__consumer_offsets-0: skipping the batch"), qsizetype(1));
    QCOMPARE(log.count("_schemas-0: skipping the batch"), qsizetype(1));
    QVERIFY(m_broker->stop());
}

void TestBrokerInternalTopics::largestIdDoesNotWrap()
{
    QVERIFY2(startWithState(), m_broker->errorText());
    QVERIFY(m_broker->stop());
    // The largest id a message can carry (4 bytes), and one beyond it that no message can.
    QVERIFY(appendToLog(m_broker->dataDir() + QLatin1Char('/') + kSchemasDir,
        { schemaRecord(QStringLiteral("huge"), 1, INT_MAX, recordSchema("Huge")),
            schemaRecord(QStringLiteral("beyond"), 1, qint64(INT_MAX) + 1, recordSchema("Beyond")) }, false));
    QVERIFY2(m_broker->restart(), m_broker->errorText());
    QCOMPARE(call("GET", QStringLiteral("/subjects/huge/versions/1")).json.toObject().value(QStringLiteral("id")).toDouble(),
        double(INT_MAX));
    QCOMPARE(call("GET", QStringLiteral("/subjects/beyond/versions/1")).status, 404);
    // Ids 1 and INT_MAX are taken: the next one fills the lowest gap rather than leave 4 bytes.
    QCOMPARE(registerSchema(QStringLiteral("next"), recordSchema("Next")), 2);
    QCOMPARE(registerSchema(QStringLiteral("next-again"), recordSchema("NextAgain")), 3);
    QVERIFY(m_broker->stop());
}

SAMSA_TEST_MAIN(TestBrokerInternalTopics, QCoreApplication)
#include "tst_broker_internaltopics.moc"

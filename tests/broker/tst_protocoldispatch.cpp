// Requests through the Dispatcher against a real LogManager in a temporary directory: Metadata
// auto-creation and topic ids, Produce and Fetch round trips, long-poll wake-up, ListOffsets,
// UNSUPPORTED_VERSION answers and rejection of malformed bodies.

#include "api/dispatcher.h"
#include "common/crc32c.h"
#include "fakeconnection.h"
#include "protocol/apikeys.h"
#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace samsa::broker;
using namespace samsa::broker::protocol;

namespace {

using test::FakeConnection;

// A record batch v2 of `count` uncompressed records "value-N", as a producer sends it.
std::vector<uint8_t> recordBatch(int count, int64_t timestamp)
{
    ByteWriter records;
    for (int i = 0; i < count; ++i) {
        ByteWriter r;
        r.writeInt8(0);
        r.writeVarlong(0);
        r.writeVarlong(i);
        r.writeVarint(-1); // null key
        const std::string value = "value-" + std::to_string(i);
        r.writeVarint(static_cast<int32_t>(value.size()));
        r.writeRaw({ reinterpret_cast<const uint8_t*>(value.data()), value.size() });
        r.writeVarint(0); // headers
        records.writeVarint(static_cast<int32_t>(r.buffer().size()));
        records.writeRaw(r.buffer());
    }
    ByteWriter tail; // attributes .. end, covered by the CRC
    tail.writeInt16(0);
    tail.writeInt32(count - 1);
    tail.writeInt64(timestamp);
    tail.writeInt64(timestamp);
    tail.writeInt64(-1);
    tail.writeInt16(-1);
    tail.writeInt32(-1);
    tail.writeInt32(count);
    tail.writeRaw(records.buffer());
    ByteWriter batch;
    batch.writeInt64(0);
    batch.writeInt32(static_cast<int32_t>(4 + 1 + 4 + tail.buffer().size()));
    batch.writeInt32(-1);
    batch.writeInt8(2);
    batch.writeUInt32(crc32c(tail.buffer()));
    batch.writeRaw(tail.buffer());
    return batch.buffer();
}

} // namespace

class TestProtocolDispatch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    BrokerConfig m_config;
    std::unique_ptr<LogManager> m_logs;
    std::unique_ptr<api::Dispatcher> m_dispatcher;
    std::unique_ptr<FakeConnection> m_connection;
    int32_t m_correlation = 0;
    std::optional<api::Response> m_answer; // where answers land, also those of parked requests

    // Sends one request; returns the response, or nullopt while it is parked.
    std::optional<api::Response> call(int16_t key, int16_t version, const ByteWriter& body)
    {
        ByteWriter frame;
        frame.writeInt16(key);
        frame.writeInt16(version);
        frame.writeInt32(++m_correlation);
        frame.writeNullableString(false, std::string("tester"));
        if (requestHeaderVersion(key, version) >= 2)
            frame.writeEmptyTaggedFields();
        frame.writeRaw(body.buffer());
        m_answer.reset();
        m_dispatcher->dispatch(*m_connection, std::make_shared<std::vector<uint8_t>>(frame.buffer()),
            [this](api::Response r) { m_answer = std::move(r); });
        return m_answer;
    }

    // The body of a response frame after size and correlation id (response header v0).
    static ByteReader bodyOf(const api::Response& r)
    {
        ByteReader reader(r.frame->buffer());
        reader.readInt32();
        reader.readInt32();
        return reader;
    }

    ByteWriter produceBody(const std::string& topic, std::span<const uint8_t> records, int16_t acks = -1)
    {
        ByteWriter b;
        b.writeNullableString(false, std::nullopt);
        b.writeInt16(acks);
        b.writeInt32(5000);
        b.writeArrayLength(false, 1);
        b.writeString(false, topic);
        b.writeArrayLength(false, 1);
        b.writeInt32(0);
        b.writeBytes(false, records);
        return b;
    }

    ByteWriter fetchBody(const std::string& topic, int64_t offset, int32_t minBytes)
    {
        ByteWriter b; // Fetch v11
        b.writeInt32(-1);
        b.writeInt32(5000);
        b.writeInt32(minBytes);
        b.writeInt32(50 * 1024 * 1024);
        b.writeInt8(0);
        b.writeInt32(0);
        b.writeInt32(-1);
        b.writeArrayLength(false, 1);
        b.writeString(false, topic);
        b.writeArrayLength(false, 1);
        b.writeInt32(0);
        b.writeInt32(-1);
        b.writeInt64(offset);
        b.writeInt64(-1);
        b.writeInt32(1024 * 1024);
        b.writeArrayLength(false, 0);
        b.writeString(false, "");
        return b;
    }

    struct FetchedPartition {
        int16_t error = -1;
        int64_t highWatermark = -1;
        int32_t recordBytes = -1;
        std::vector<uint8_t> records;
    };

    static FetchedPartition parseFetchV11(const api::Response& r)
    {
        FetchedPartition p;
        ByteReader in = bodyOf(r);
        in.readInt32();
        in.readInt16();
        in.readInt32();
        in.readArrayLength(false);
        in.readString(false);
        in.readArrayLength(false);
        in.readInt32();
        p.error = in.readInt16();
        p.highWatermark = in.readInt64();
        in.readInt64();
        in.readInt64();
        in.readArrayLength(false);
        in.readInt32();
        p.recordBytes = in.readInt32();
        for (const auto& s : r.frame->splices()) {
            std::vector<uint8_t> chunk(static_cast<size_t>(s.region.length));
            if (::pread(s.region.fd, chunk.data(), chunk.size(), s.region.position) == ssize_t(chunk.size()))
                p.records.insert(p.records.end(), chunk.begin(), chunk.end());
        }
        return p;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_config = BrokerConfig {};
        m_config.dataDir
            = QString(m_dir.path() + QStringLiteral("/data-") + QString::number(m_correlation)).toStdString();
        std::string error;
        m_logs = LogManager::open(m_config, &error);
        QVERIFY2(m_logs, error.c_str());
        m_dispatcher = std::make_unique<api::Dispatcher>(*m_logs, m_logs->config(), "127.0.0.1", 9092);
        m_connection = std::make_unique<FakeConnection>(*m_dispatcher);
    }

    void cleanup()
    {
        m_connection.reset();
        m_dispatcher.reset();
        if (m_logs)
            m_logs->shutdown();
        m_logs.reset();
    }

    void metadataAutoCreatesTopics()
    {
        ByteWriter body; // Metadata v4: one topic, auto-creation allowed
        body.writeArrayLength(false, 1);
        body.writeString(false, "orders");
        body.writeBool(true);
        auto r = call(3, 4, body);
        QVERIFY(r && r->frame && !r->closeConnection);
        ByteReader in = bodyOf(*r);
        in.readInt32(); // throttle
        QCOMPARE(in.readArrayLength(false), 1);
        QCOMPARE(in.readInt32(), m_logs->nodeId());
        QCOMPARE(in.readString(false), std::string("127.0.0.1"));
        QCOMPARE(in.readInt32(), 9092);
        in.readNullableString(false);
        QCOMPARE(in.readNullableString(false), std::optional<std::string>(m_logs->clusterId()));
        QCOMPARE(in.readInt32(), m_logs->nodeId());
        QCOMPARE(in.readArrayLength(false), 1);
        QCOMPARE(in.readInt16(), int16_t(0));
        QCOMPARE(in.readString(false), std::string("orders"));
        in.readBool();
        QCOMPARE(in.readArrayLength(false), m_config.numPartitions);
        QVERIFY(in.ok());
        QVERIFY(m_logs->topic("orders").has_value());
    }

    void metadataWithoutAutoCreation()
    {
        ByteWriter body;
        body.writeArrayLength(false, 1);
        body.writeString(false, "missing");
        body.writeBool(false);
        auto r = call(3, 4, body);
        QVERIFY(r && r->frame);
        ByteReader in = bodyOf(*r);
        in.readInt32();
        in.readArrayLength(false);
        in.readInt32();
        in.readString(false);
        in.readInt32();
        in.readNullableString(false);
        in.readNullableString(false);
        in.readInt32();
        QCOMPARE(in.readArrayLength(false), 1);
        QCOMPARE(in.readInt16(), int16_t(3)); // UNKNOWN_TOPIC_OR_PARTITION
        QVERIFY(!m_logs->topic("missing").has_value());
    }

    void metadataV12CarriesTopicIds()
    {
        QCOMPARE(m_logs->createTopic("ids", 2, {}, false).error, ErrorCode::None);
        ByteWriter body; // v12: null topics = all, flexible
        body.writeArrayLength(true, -1);
        body.writeBool(false);
        body.writeBool(false);
        body.writeEmptyTaggedFields();
        auto r = call(3, 12, body);
        QVERIFY(r && r->frame);
        ByteReader in(r->frame->buffer());
        in.readInt32();
        in.readInt32();
        in.skipTaggedFields(); // response header v1
        in.readInt32();
        QCOMPARE(in.readArrayLength(true), 1);
        in.readInt32();
        in.readString(true);
        in.readInt32();
        in.readNullableString(true);
        in.skipTaggedFields();
        in.readNullableString(true);
        in.readInt32();
        QCOMPARE(in.readArrayLength(true), 1);
        QCOMPARE(in.readInt16(), int16_t(0));
        QCOMPARE(in.readNullableString(true), std::optional<std::string>("ids"));
        TopicId id {};
        in.readUuid(id.data());
        QVERIFY(id != TopicId {});
        QCOMPARE(id, m_logs->topic("ids")->id);
        in.readBool();
        QCOMPARE(in.readArrayLength(true), 2);
        QVERIFY(in.ok());
    }

    void produceThenFetch()
    {
        QCOMPARE(m_logs->createTopic("t", 1, {}, false).error, ErrorCode::None);
        const auto batch = recordBatch(3, 1700000000000);
        for (int64_t expectedBase : { 0, 3 }) {
            auto r = call(0, 7, produceBody("t", batch));
            QVERIFY(r && r->frame);
            ByteReader in = bodyOf(*r);
            QCOMPARE(in.readArrayLength(false), 1);
            QCOMPARE(in.readString(false), std::string("t"));
            QCOMPARE(in.readArrayLength(false), 1);
            QCOMPARE(in.readInt32(), 0);
            QCOMPARE(in.readInt16(), int16_t(0));
            QCOMPARE(in.readInt64(), expectedBase);
        }
        auto f = call(1, 11, fetchBody("t", 0, 1));
        QVERIFY(f && f->frame);
        const auto p = parseFetchV11(*f);
        QCOMPARE(p.error, int16_t(0));
        QCOMPARE(p.highWatermark, int64_t(6));
        QCOMPARE(p.recordBytes, int32_t(2 * batch.size()));
        QCOMPARE(p.records.size(), 2 * batch.size());
        // The second batch went to disk as sent, apart from the offset the broker assigned.
        ByteReader second(std::span<const uint8_t>(p.records).subspan(batch.size()));
        QCOMPARE(second.readInt64(), int64_t(3));
        QVERIFY(
            std::equal(batch.begin() + 12 + 4, batch.end(), p.records.begin() + static_cast<long>(batch.size()) + 16));
        QCOMPARE(f->frame->totalSize() - 4, size_t(f->frame->buffer().size() - 4 + 2 * batch.size()));
    }

    void fetchWaitsForData()
    {
        QCOMPARE(m_logs->createTopic("poll", 1, {}, false).error, ErrorCode::None);
        QVERIFY(!call(1, 11, fetchBody("poll", 0, 1))); // nothing to read yet: parked
        QVERIFY(m_connection->parked);
        QVERIFY(!m_connection->woken);
        auto parked = std::move(m_connection->parked);

        const auto batch = recordBatch(2, 1700000000000);
        QVERIFY(call(0, 7, produceBody("poll", batch)));
        QVERIFY(m_connection->woken); // the append woke the parked fetch

        m_answer.reset();
        parked(false);
        QVERIFY(m_answer && m_answer->frame);
        QCOMPARE(parseFetchV11(*m_answer).recordBytes, int32_t(batch.size()));
    }

    void fetchTimesOutEmpty()
    {
        QCOMPARE(m_logs->createTopic("quiet", 1, {}, false).error, ErrorCode::None);
        QVERIFY(!call(1, 11, fetchBody("quiet", 0, 1)));
        QVERIFY(m_connection->parked);
        m_connection->parked(true); // MaxWaitMs passed
        QVERIFY(m_answer && m_answer->frame);
        const auto p = parseFetchV11(*m_answer);
        QCOMPARE(p.error, int16_t(0));
        QCOMPARE(p.recordBytes, 0);
        QCOMPARE(p.highWatermark, int64_t(0));
    }

    void fetchOutOfRange()
    {
        QCOMPARE(m_logs->createTopic("range", 1, {}, false).error, ErrorCode::None);
        auto r = call(1, 11, fetchBody("range", 42, 1));
        QVERIFY(r && r->frame); // errors answer at once
        QCOMPARE(parseFetchV11(*r).error, int16_t(ErrorCode::OffsetOutOfRange));
    }

    void listOffsets_data()
    {
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<qint64>("offset");
        QTest::addRow("latest") << qint64(-1) << qint64(5);
        QTest::addRow("earliest") << qint64(-2) << qint64(0);
        QTest::addRow("by time, second batch") << qint64(1700000000500) << qint64(2);
        QTest::addRow("after everything") << qint64(1800000000000) << qint64(-1);
    }

    void listOffsets()
    {
        QFETCH(qint64, timestamp);
        QFETCH(qint64, offset);
        QCOMPARE(m_logs->createTopic("lo", 1, {}, false).error, ErrorCode::None);
        QVERIFY(call(0, 7, produceBody("lo", recordBatch(2, 1700000000000))));
        QVERIFY(call(0, 7, produceBody("lo", recordBatch(3, 1700000001000))));
        ByteWriter body; // ListOffsets v4
        body.writeInt32(-1);
        body.writeInt8(0);
        body.writeArrayLength(false, 1);
        body.writeString(false, "lo");
        body.writeArrayLength(false, 1);
        body.writeInt32(0);
        body.writeInt32(-1);
        body.writeInt64(timestamp);
        auto r = call(2, 4, body);
        QVERIFY(r && r->frame);
        ByteReader in = bodyOf(*r);
        in.readInt32();
        in.readArrayLength(false);
        in.readString(false);
        in.readArrayLength(false);
        QCOMPARE(in.readInt32(), 0);
        QCOMPARE(in.readInt16(), int16_t(0));
        in.readInt64();
        QCOMPARE(in.readInt64(), offset);
    }

    void acksZeroGetsNoAnswer()
    {
        QCOMPARE(m_logs->createTopic("fire", 1, {}, false).error, ErrorCode::None);
        auto r = call(0, 7, produceBody("fire", recordBatch(1, 1700000000000), 0));
        QVERIFY(r);
        QVERIFY(!r->frame);
        QVERIFY(!r->closeConnection);
        QCOMPARE(m_logs->partition("fire", 0)->highWatermark(), int64_t(1));
    }

    void corruptBatchIsRefused()
    {
        QCOMPARE(m_logs->createTopic("crc", 1, {}, false).error, ErrorCode::None);
        auto batch = recordBatch(1, 1700000000000);
        batch.back() ^= 0xff;
        auto r = call(0, 7, produceBody("crc", batch));
        QVERIFY(r && r->frame);
        ByteReader in = bodyOf(*r);
        in.readArrayLength(false);
        in.readString(false);
        in.readArrayLength(false);
        in.readInt32();
        QCOMPARE(in.readInt16(), int16_t(ErrorCode::CorruptMessage));
        QCOMPARE(m_logs->partition("crc", 0)->highWatermark(), int64_t(0));
    }

    void unsupportedProduceAnswersEachPartition()
    {
        ByteWriter body; // Produce v12, beyond ours: read as v11, the error on each partition
        body.writeNullableString(true, std::nullopt);
        body.writeInt16(-1);
        body.writeInt32(1000);
        body.writeArrayLength(true, 1);
        body.writeString(true, "orders");
        body.writeArrayLength(true, 1);
        body.writeInt32(3);
        body.writeNullableBytes(true, std::nullopt);
        body.writeEmptyTaggedFields();
        body.writeEmptyTaggedFields();
        body.writeEmptyTaggedFields();
        auto r = call(0, 12, body);
        QVERIFY(r && r->frame && !r->closeConnection);
        ByteReader in = bodyOf(*r);
        in.skipTaggedFields(); // response header v1
        QCOMPARE(in.readArrayLength(true), 1);
        QCOMPARE(in.readString(true), std::string("orders"));
        QCOMPARE(in.readArrayLength(true), 1);
        QCOMPARE(in.readInt32(), 3);
        QCOMPARE(in.readInt16(), int16_t(35));
        QCOMPARE(in.readInt64(), int64_t(-1)); // base offset
        QVERIFY(in.ok());
        QVERIFY(!m_logs->topic("orders").has_value());
    }

    void unsupportedVersions()
    {
        ByteWriter body; // Metadata v13, beyond ours: answered in the v12 shape, the error on each topic
        const TopicId noId {};
        body.writeArrayLength(true, 1);
        body.writeUuid(noId.data());
        body.writeNullableString(true, std::string("orders"));
        body.writeEmptyTaggedFields();
        body.writeBool(true);
        body.writeBool(false);
        body.writeEmptyTaggedFields();
        auto r = call(3, 13, body);
        QVERIFY(r && r->frame && !r->closeConnection);
        ByteReader in = bodyOf(*r);
        in.skipTaggedFields(); // response header v1
        in.readInt32(); // throttle
        QCOMPARE(in.readArrayLength(true), 0); // brokers
        in.readNullableString(true); // cluster id
        in.readInt32(); // controller
        QCOMPARE(in.readArrayLength(true), 1);
        QCOMPARE(in.readInt16(), int16_t(35));
        QCOMPARE(in.readNullableString(true), std::optional<std::string>("orders"));
        QVERIFY(in.ok());
        QVERIFY(!m_logs->topic("orders").has_value()); // refused, so not auto-created

        auto j = call(24, 0, ByteWriter {}); // AddPartitionsToTxn, an API we do not know: closed, as Kafka does
        QVERIFY(j && !j->frame && j->closeConnection);

        auto a = call(18, 7, ByteWriter {});
        QVERIFY(a && a->frame);
        ByteReader ain = bodyOf(*a);
        QCOMPARE(ain.readInt16(), int16_t(35));
        QCOMPARE(ain.readArrayLength(false), int32_t(supportedApis().size())); // v0 layout
        bool listsApiVersions = false;
        for (size_t i = 0; i < supportedApis().size(); ++i) {
            listsApiVersions |= ain.readInt16() == int16_t(ApiKey::ApiVersions);
            ain.readInt16();
            ain.readInt16();
        }
        QVERIFY(listsApiVersions);
        QVERIFY(ain.ok() && ain.atEnd());

        ByteWriter describe; // DescribeConfigs v5, beyond ours: answered in the v4 shape, per resource
        describe.writeArrayLength(true, 1);
        describe.writeInt8(2);
        describe.writeString(true, "orders");
        describe.writeArrayLength(true, -1);
        describe.writeEmptyTaggedFields();
        describe.writeBool(false);
        describe.writeBool(false);
        describe.writeEmptyTaggedFields();
        auto d = call(32, 5, describe);
        QVERIFY(d && d->frame && !d->closeConnection);
        ByteReader din = bodyOf(*d);
        din.skipTaggedFields(); // response header v1
        din.readInt32(); // throttle
        QCOMPARE(din.readArrayLength(true), 1);
        QCOMPARE(din.readInt16(), int16_t(35));
        din.readNullableString(true);
        QCOMPARE(din.readInt8(), int8_t(2));
        QCOMPARE(din.readString(true), std::string("orders"));
        QVERIFY(din.ok());
    }

    void apiVersionsV3ListsEveryApi()
    {
        ByteWriter body;
        body.writeString(true, "samsa-test");
        body.writeString(true, "1.0");
        body.writeEmptyTaggedFields();
        auto r = call(18, 3, body);
        QVERIFY(r && r->frame && !r->closeConnection);
        ByteReader in = bodyOf(*r); // response header v0 even though the body is flexible
        QCOMPARE(in.readInt16(), int16_t(0));
        QCOMPARE(in.readArrayLength(true), int32_t(supportedApis().size()));
        for (const auto& api : supportedApis()) {
            QCOMPARE(in.readInt16(), int16_t(api.key));
            QCOMPARE(in.readInt16(), api.minVersion);
            QCOMPARE(in.readInt16(), api.maxVersion);
            in.skipTaggedFields();
        }
        QCOMPARE(in.readInt32(), 0); // throttle
        QCOMPARE(in.readUnsignedVarint(), 0u); // no feature tags
        QVERIFY(in.ok() && in.atEnd());
    }

    void describeTopicConfigs()
    {
        QCOMPARE(m_logs->createTopic("conf", 1, { { "cleanup.policy", "compact" } }, false).error, ErrorCode::None);
        ByteWriter body; // DescribeConfigs v1: one key of one topic, synonyms asked
        body.writeArrayLength(false, 1);
        body.writeInt8(2);
        body.writeString(false, "conf");
        body.writeArrayLength(false, 1);
        body.writeString(false, "cleanup.policy");
        body.writeBool(true);
        auto r = call(32, 1, body);
        QVERIFY(r && r->frame);
        ByteReader in = bodyOf(*r);
        in.readInt32(); // throttle
        QCOMPARE(in.readArrayLength(false), 1);
        QCOMPARE(in.readInt16(), int16_t(0));
        QVERIFY(!in.readNullableString(false).has_value());
        QCOMPARE(in.readInt8(), int8_t(2));
        QCOMPARE(in.readString(false), std::string("conf"));
        QCOMPARE(in.readArrayLength(false), 1);
        QCOMPARE(in.readString(false), std::string("cleanup.policy"));
        QCOMPARE(in.readNullableString(false), std::optional<std::string>("compact"));
        in.readBool(); // read only
        QCOMPARE(in.readInt8(), int8_t(1)); // DYNAMIC_TOPIC_CONFIG
        QCOMPARE(in.readBool(), false); // sensitive
        QVERIFY(in.readArrayLength(false) >= 1); // synonyms, the topic override first
        QCOMPARE(in.readString(false), std::string("cleanup.policy"));
        QVERIFY(in.ok());
    }

    void saslHandshakeWithoutSaslIsOutOfPlace()
    {
        ByteWriter body;
        body.writeString(false, "PLAIN");
        auto r = call(17, 1, body);
        QVERIFY(r && r->frame && !r->closeConnection);
        ByteReader in = bodyOf(*r);
        QCOMPARE(in.readInt16(), int16_t(ErrorCode::IllegalSaslState));
        QCOMPARE(in.readArrayLength(false), 0); // no mechanisms enabled
        QVERIFY(in.ok() && in.atEnd());
    }

    void malformedBodyClosesConnection_data()
    {
        QTest::addColumn<int>("apiKey");
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("metadata truncated") << 3 << 1 << QByteArray::fromHex("000000");
        QTest::addRow("metadata array too long") << 3 << 1 << QByteArray::fromHex("7fffffff");
        QTest::addRow("produce truncated") << 0 << 7 << QByteArray::fromHex("ffff0001");
        QTest::addRow("fetch truncated") << 1 << 11 << QByteArray::fromHex("ffffffff00");
        QTest::addRow("create topics bad string") << 19 << 4 << QByteArray::fromHex("0000000100ff");
        QTest::addRow("flexible bad varint") << 3 << 9 << QByteArray::fromHex("ffffffffff");
        QTest::addRow("sasl token past end") << 36 << 1 << QByteArray::fromHex("0000000a00");
        QTest::addRow("describe configs truncated") << 32 << 4 << QByteArray::fromHex("0203");
    }

    void malformedBodyClosesConnection()
    {
        QFETCH(int, apiKey);
        QFETCH(int, version);
        QFETCH(QByteArray, body);
        ByteWriter b;
        b.writeRaw({ reinterpret_cast<const uint8_t*>(body.constData()), static_cast<size_t>(body.size()) });
        auto r = call(int16_t(apiKey), int16_t(version), b);
        QVERIFY(r);
        QVERIFY(r->closeConnection);
        QVERIFY(!r->frame);
    }
};

SAMSA_TEST_MAIN(TestProtocolDispatch, QCoreApplication)
#include "tst_protocoldispatch.moc"

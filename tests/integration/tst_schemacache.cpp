// SchemaCache and PayloadDecoder against samsa-broker's Schema Registry: a framed message is
// Pending until its schema arrives and then decodes; a reader that cached v1 decodes a message of
// a newly registered v2; unknown ids and a dead registry show their reason without blocking; and a
// new cache on the same database decodes with the registry gone.

#include "brokerprocess.h"
#include "closedport.h"
#include "decoding/payloaddecoder.h"
#include "registry/schemacache.h"
#include "registrytestsupport.h"
#include "sampledata/avroencoder.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtEndian>

using namespace Samsa;
using Samsa::Test::BrokerProcess;
using Samsa::Test::RegistryReply;

namespace {

const QByteArray PaymentV1 = R"({"type":"record","name":"Payment","namespace":"shop","fields":[
    {"name":"id","type":"long"},{"name":"amount","type":"double"}]})";
const QByteArray PaymentV2 = R"({"type":"record","name":"Payment","namespace":"shop","fields":[
    {"name":"id","type":"long"},{"name":"amount","type":"double"},
    {"name":"currency","type":"string","default":"EUR"}]})";

QByteArray framedHeader(int id)
{
    QByteArray header(5, '\0');
    qToBigEndian(qint32(id), header.data() + 1);
    return header;
}

QJsonObject jsonObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

DecodeOptions format(MessageFormat messageFormat)
{
    DecodeOptions options;
    options.format = messageFormat;
    return options;
}

} // namespace

class TestSchemaCache : public QObject {
    Q_OBJECT

private:
    BrokerProcess m_broker;
    QTemporaryDir m_dir;
    QString m_database;
    int m_v1 = -1;

    SchemaCache::Options cacheOptions() const
    {
        SchemaCache::Options options;
        options.registryUrl = QUrl(m_broker.schemaRegistryUrl());
        options.databasePath = m_database;
        return options;
    }

    int registerSchema(const QString& subject, const QByteArray& schema)
    {
        SchemaRegistryClient client { QUrl(m_broker.schemaRegistryUrl()) };
        RegistryReply<int> reply;
        client.registerSchema(subject, schema, QString(), {}, reply.callback());
        if (!reply.wait() || reply.error.isError()) {
            qWarning("register failed: %s", qPrintable(reply.error.message));
            return -1;
        }
        return reply.value;
    }

    // Decodes until the schema is there: Pending first, then schemaArrived, then the answer. A
    // schema already persisted may be loaded (on the cache's thread) before the first decode, so
    // Pending is required only where nothing can be known yet.
    static DecodedPayload decodeAfterArrival(PayloadDecoder& decoder, const QByteArray& bytes, MessageFormat messageFormat,
        int expectedId, bool mustBePending = true)
    {
        QSignalSpy arrived(&decoder, &PayloadDecoder::schemaArrived);
        const DecodedPayload first = decoder.decode(bytes, false, format(messageFormat));
        if (!mustBePending && first.kind != DecodedPayload::Kind::Pending)
            return first;
        if (first.kind != DecodedPayload::Kind::Pending) {
            qWarning("expected Pending, got kind %d (%s)", int(first.kind), qPrintable(first.preview()));
            return {};
        }
        if (first.schemaId != expectedId) {
            qWarning("Pending for schema %d, expected %d", first.schemaId, expectedId);
            return {};
        }
        if (!QTest::qWaitFor([&] {
                for (const QList<QVariant>& signal : arrived) {
                    if (signal.at(0).toInt() == expectedId)
                        return true;
                }
                return false;
            },
                15000)) {
            qWarning("schemaArrived(%d) never came", expectedId);
            return {};
        }
        return decoder.decode(bytes, false, format(messageFormat));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = m_dir.filePath(QStringLiteral("samsa.db"));
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_v1 = registerSchema(QStringLiteral("payments-value"), PaymentV1);
        QVERIFY(m_v1 > 0);
    }

    void framedMessageDecodesOnceTheSchemaArrives()
    {
        auto cache = std::make_shared<SchemaCache>(cacheOptions());
        PayloadDecoder decoder(cache);
        AvroEncoder encoder(PaymentV1);
        const QByteArray message = encoder.encode(m_v1,
            { { QStringLiteral("id"), qint64(17) }, { QStringLiteral("amount"), 99.5 } });
        QVERIFY(!message.isEmpty());

        const DecodedPayload payload = decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, m_v1);
        QVERIFY2(payload.kind == DecodedPayload::Kind::Json, qPrintable(payload.preview()));
        QCOMPARE(jsonObject(payload.json),
            (QJsonObject { { QStringLiteral("id"), 17 }, { QStringLiteral("amount"), 99.5 } }));
        QCOMPARE(payload.formatName, QStringLiteral("avro"));
        QCOMPARE(payload.schemaId, m_v1);
        QCOMPARE(payload.subject, QStringLiteral("payments-value"));
        QCOMPARE(payload.schemaVersion, 1);
        QVERIFY(payload.writerSchema.contains("Payment"));

        // Auto picks Avro for the same bytes, at once now that the schema is known.
        const DecodedPayload automatic = decoder.decode(message, false, format(MessageFormat::Auto));
        QCOMPARE(automatic.formatName, QStringLiteral("avro"));
        QCOMPARE(automatic.json, payload.json);

        // A truncated datum names the byte, counted from the start of the message (header included).
        const DecodedPayload truncated = decoder.decode(message.left(8), false, format(MessageFormat::AvroRegistry));
        QCOMPARE(truncated.kind, DecodedPayload::Kind::Error);
        QVERIFY2(truncated.error.contains(QLatin1String("truncated")), qPrintable(truncated.error));
        QCOMPARE(truncated.schemaId, m_v1);
    }

    void readerOfV1DecodesANewV2()
    {
        auto cache = std::make_shared<SchemaCache>(cacheOptions());
        PayloadDecoder decoder(cache);
        AvroEncoder v1Encoder(PaymentV1);
        const QByteArray v1Message
            = v1Encoder.encode(m_v1, { { QStringLiteral("id"), qint64(1) }, { QStringLiteral("amount"), 1.0 } });
        QVERIFY(decodeAfterArrival(decoder, v1Message, MessageFormat::AvroRegistry, m_v1, false).kind
            == DecodedPayload::Kind::Json);

        // A producer registers v2 after the reader cached v1, then writes with it.
        const int v2 = registerSchema(QStringLiteral("payments-value"), PaymentV2);
        QVERIFY(v2 > 0);
        QVERIFY(v2 != m_v1);
        AvroEncoder v2Encoder(PaymentV2);
        const QByteArray v2Message = v2Encoder.encode(v2,
            { { QStringLiteral("id"), qint64(2) }, { QStringLiteral("amount"), 2.5 },
                { QStringLiteral("currency"), QStringLiteral("NOK") } });
        const DecodedPayload payload = decodeAfterArrival(decoder, v2Message, MessageFormat::Auto, v2);
        QVERIFY2(payload.kind == DecodedPayload::Kind::Json, qPrintable(payload.preview()));
        QCOMPARE(jsonObject(payload.json).value(QLatin1String("currency")).toString(), QStringLiteral("NOK"));
        QCOMPARE(payload.schemaVersion, 2);
        // v1 messages still decode with their own writer schema.
        QCOMPARE(jsonObject(decoder.decode(v1Message, false, format(MessageFormat::AvroRegistry)).json).size(), 2);
    }

    void unknownIdIsShownInTheRow()
    {
        auto cache = std::make_shared<SchemaCache>(cacheOptions());
        PayloadDecoder decoder(cache);
        const QByteArray message = framedHeader(4242) + QByteArray::fromHex("0201");
        const DecodedPayload payload = decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, 4242);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QCOMPARE(payload.error, QStringLiteral("unknown schema id 4242"));
        QCOMPARE(payload.preview(), QString(QChar(0x26A0)) + QStringLiteral(" unknown schema id 4242"));
        // Auto takes such bytes for what they are, and says why.
        const DecodedPayload automatic = decoder.decode(message, false, format(MessageFormat::Auto));
        QCOMPARE(automatic.formatName, QStringLiteral("hex"));
        QCOMPARE(automatic.text, QStringLiteral("00000010920201"));
        QVERIFY2(automatic.note.contains(QLatin1String("does not know schema id 4242")), qPrintable(automatic.note));
        // Remembered: asking again sends nothing and answers at once.
        QCOMPARE(decoder.decode(message, false, format(MessageFormat::AvroRegistry)).error,
            QStringLiteral("unknown schema id 4242"));
        QCOMPARE(cache->unknownIdCount(), 1);
    }

    void deadRegistryNeverBlocks()
    {
        SchemaCache::Options options;
        options.registryUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(Samsa::Test::closedLocalPort()));
        options.timeoutMs = 2000;
        auto cache = std::make_shared<SchemaCache>(options);
        PayloadDecoder decoder(cache);
        const QByteArray message = framedHeader(3) + QByteArray::fromHex("02");
        QElapsedTimer elapsed;
        elapsed.start();
        const DecodedPayload payload = decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, 3);
        QCOMPARE(payload.kind, DecodedPayload::Kind::Error);
        QVERIFY2(payload.error.startsWith(QLatin1String("registry unreachable: ")), qPrintable(payload.error));
        QVERIFY(elapsed.elapsed() < 10000);
        // Auto shows the failure too: these bytes look framed and the registry could not say.
        QCOMPARE(decoder.decode(message, false, format(MessageFormat::Auto)).kind, DecodedPayload::Kind::Error);

        // After retryFailed the next decode asks again (Pending), and fails again.
        cache->retryFailed();
        QVERIFY(decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, 3).error.startsWith(
            QLatin1String("registry unreachable: ")));
    }

    void slowRegistryNeverBlocks()
    {
        // A peer that accepts and never answers: decode returns at once, the row fails at the deadline.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        SchemaCache::Options options;
        options.registryUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        options.timeoutMs = 500;
        auto cache = std::make_shared<SchemaCache>(options);
        PayloadDecoder decoder(cache);
        const QByteArray message = framedHeader(8) + QByteArray::fromHex("02");
        QElapsedTimer elapsed;
        elapsed.start();
        QCOMPARE(decoder.decode(message, false, format(MessageFormat::AvroRegistry)).kind, DecodedPayload::Kind::Pending);
        QVERIFY(elapsed.elapsed() < 200);
        QTRY_COMPARE_WITH_TIMEOUT(decoder.decode(message, false, format(MessageFormat::AvroRegistry)).error,
            QStringLiteral("registry unreachable: no answer within 0.5 s"), 10000);
    }

    void credentialsNeverReachTheDatabase()
    {
        SchemaCache::Options options = cacheOptions();
        QUrl withUser(m_broker.schemaRegistryUrl());
        withUser.setUserName(QStringLiteral("alice"));
        withUser.setPassword(QStringLiteral("hunter2"));
        options.registryUrl = withUser;
        options.user = QStringLiteral("alice");
        options.password = QStringLiteral("hunter2");
        {
            auto cache = std::make_shared<SchemaCache>(options);
            PayloadDecoder decoder(cache);
            AvroEncoder encoder(PaymentV1);
            const QByteArray message
                = encoder.encode(m_v1, { { QStringLiteral("id"), qint64(3) }, { QStringLiteral("amount"), 3.0 } });
            QVERIFY(decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, m_v1, false).kind
                == DecodedPayload::Kind::Json);
        }
        QFile file(m_database);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("hunter2"));
        QFile wal(m_database + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains("hunter2"));
    }

    // Last: stops the broker.
    void persistedSchemasDecodeWithoutTheRegistry()
    {
        AvroEncoder encoder(PaymentV1);
        const QByteArray message
            = encoder.encode(m_v1, { { QStringLiteral("id"), qint64(5) }, { QStringLiteral("amount"), 5.0 } });
        const SchemaCache::Options options = cacheOptions();
        QVERIFY(m_broker.stop());

        auto cache = std::make_shared<SchemaCache>(options);
        PayloadDecoder decoder(cache);
        const DecodedPayload payload = decodeAfterArrival(decoder, message, MessageFormat::AvroRegistry, m_v1, false);
        QVERIFY2(payload.kind == DecodedPayload::Kind::Json, qPrintable(payload.preview()));
        QCOMPARE(jsonObject(payload.json).value(QLatin1String("id")).toInt(), 5);
        QCOMPARE(payload.subject, QStringLiteral("payments-value"));

        // Known by fingerprint too, for single-object encoding.
        const std::optional<CachedSchema> known = cache->peek(m_v1);
        QVERIFY(known && known->decoder);
        const std::optional<CachedSchema> byFingerprint = cache->lookupFingerprint(known->decoder->fingerprint());
        QVERIFY(byFingerprint);
        QCOMPARE(byFingerprint->id, m_v1);
        QByteArray single = QByteArray::fromHex("c301") + QByteArray(8, '\0') + message.mid(5);
        qToLittleEndian(known->decoder->fingerprint(), single.data() + 2);
        const DecodedPayload singleObject = decoder.decode(single, false, format(MessageFormat::AvroSingleObject));
        QVERIFY2(singleObject.kind == DecodedPayload::Kind::Json, qPrintable(singleObject.preview()));
        QCOMPARE(singleObject.json, payload.json);
    }
};

SAMSA_TEST_MAIN(TestSchemaCache, QCoreApplication)
#include "tst_schemacache.moc"

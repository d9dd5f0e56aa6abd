#include "sampledataworker.h"

#include "profiles/connectionconfig.h"
#include "registry/schemaregistryclient.h"
#include "sampledata/avroencoder.h"
#include "sampledata/samplerecords.h"

#include <QDateTime>
#include <QDeadlineTimer>

#include <librdkafka/rdkafka.h>

namespace Samsa {

namespace {

constexpr int TickMs = 100;
constexpr int StatsEveryMs = 1000;
// The falling-behind group reads this share of what arrives on its topic.
constexpr double FallingBehindShare = 0.4;

void onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque)
{
    auto* stats = static_cast<SampleDataStats*>(opaque);
    if (message->err)
        ++stats->failed;
    else
        ++stats->produced[QString::fromUtf8(rd_kafka_topic_name(message->rkt))];
}

rd_kafka_conf_t* newConf(const SampleDataOptions& options, QString* error)
{
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char errorBuffer[512];
    rd_kafka_conf_set(conf, "log_level", "3", errorBuffer, sizeof errorBuffer);
    rd_kafka_conf_set(conf, "client.id", "samsa-sample-data", errorBuffer, sizeof errorBuffer);
    for (const auto& [key, value] : ConnectionConfig::librdkafkaProperties(options.profile, options.secrets)) {
        if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), errorBuffer, sizeof errorBuffer)
            != RD_KAFKA_CONF_OK) {
            *error = QStringLiteral("Configuration property '%1': %2").arg(key, QString::fromUtf8(errorBuffer));
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    return conf;
}

bool set(rd_kafka_conf_t* conf, const char* key, const char* value)
{
    char errorBuffer[256];
    return rd_kafka_conf_set(conf, key, value, errorBuffer, sizeof errorBuffer) == RD_KAFKA_CONF_OK;
}

rd_kafka_t* newConsumer(const SampleDataOptions& options, const char* group, const QList<QByteArray>& topics,
    QString* error)
{
    rd_kafka_conf_t* conf = newConf(options, error);
    if (!conf)
        return nullptr;
    set(conf, "group.id", group);
    set(conf, "auto.offset.reset", "earliest");
    set(conf, "enable.auto.commit", "true");
    set(conf, "auto.commit.interval.ms", "1000");
    char errorBuffer[512];
    rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errorBuffer, sizeof errorBuffer);
    if (!consumer) {
        rd_kafka_conf_destroy(conf);
        *error = QString::fromUtf8(errorBuffer);
        return nullptr;
    }
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(int(topics.size()));
    for (const QByteArray& topic : topics)
        rd_kafka_topic_partition_list_add(subscription, topic.constData(), RD_KAFKA_PARTITION_UA);
    const rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer, subscription);
    rd_kafka_topic_partition_list_destroy(subscription);
    if (err) {
        *error = QStringLiteral("Subscribing %1: %2").arg(QString::fromLatin1(group), QString::fromUtf8(rd_kafka_err2str(err)));
        rd_kafka_destroy(consumer);
        return nullptr;
    }
    return consumer;
}

} // namespace

SampleDataWorker::SampleDataWorker(const SampleDataOptions& options)
    : m_options(options)
    , m_random(quint32(QDateTime::currentMSecsSinceEpoch()))
    , m_timer(this)
{
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &SampleDataWorker::tick);
}

SampleDataWorker::~SampleDataWorker() { destroyClients(); }

void SampleDataWorker::run()
{
    QString error;
    Q_EMIT progress(tr("Creating the sample topics…"));
    if (!createClients(&error) || !createTopics(&error)) {
        fail(error);
        return;
    }
    if (cancelled) {
        finish();
        return;
    }
    registerSchemas();
}

bool SampleDataWorker::createClients(QString* error)
{
    rd_kafka_conf_t* conf = newConf(m_options, error);
    if (!conf)
        return false;
    set(conf, "linger.ms", "20");
    rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
    rd_kafka_conf_set_opaque(conf, &m_stats);
    char errorBuffer[512];
    m_producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errorBuffer, sizeof errorBuffer);
    if (!m_producer) {
        rd_kafka_conf_destroy(conf);
        *error = QString::fromUtf8(errorBuffer);
        return false;
    }
    return true;
}

bool SampleDataWorker::createTopics(QString* error)
{
    using namespace SampleRecords;
    const struct {
        const char* name;
        int partitions;
    } topics[] = { { OrdersTopic, OrdersPartitions }, { ClickstreamTopic, ClickstreamPartitions },
        { TelemetryTopic, TelemetryPartitions } };
    rd_kafka_NewTopic_t* newTopics[3];
    char errorBuffer[512];
    for (int i = 0; i < 3; ++i)
        newTopics[i] = rd_kafka_NewTopic_new(topics[i].name, topics[i].partitions, -1, errorBuffer, sizeof errorBuffer);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(m_producer);
    rd_kafka_AdminOptions_t* adminOptions = rd_kafka_AdminOptions_new(m_producer, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_request_timeout(adminOptions, 15000, errorBuffer, sizeof errorBuffer);
    rd_kafka_CreateTopics(m_producer, newTopics, 3, adminOptions, queue);
    rd_kafka_NewTopic_destroy_array(newTopics, 3);
    rd_kafka_AdminOptions_destroy(adminOptions);

    rd_kafka_event_t* event = nullptr;
    const QDeadlineTimer deadline(20000);
    while (!event && !cancelled && !deadline.hasExpired())
        event = rd_kafka_queue_poll(queue, 100);
    rd_kafka_queue_destroy(queue);
    if (!event) {
        if (!cancelled)
            *error = tr("The cluster did not answer CreateTopics within 20 s.");
        return cancelled;
    }
    bool ok = true;
    if (rd_kafka_event_error(event)) {
        *error = tr("Creating the sample topics failed: %1").arg(QString::fromUtf8(rd_kafka_event_error_string(event)));
        ok = false;
    } else {
        size_t count = 0;
        const rd_kafka_topic_result_t** results
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        for (size_t i = 0; i < count && ok; ++i) {
            const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
            if (err && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
                *error = tr("Creating topic %1 failed: %2")
                             .arg(QString::fromUtf8(rd_kafka_topic_result_name(results[i])),
                                 QString::fromUtf8(rd_kafka_topic_result_error_string(results[i])));
                ok = false;
            }
        }
    }
    rd_kafka_event_destroy(event);
    return ok;
}

void SampleDataWorker::registerSchemas()
{
    Q_EMIT progress(tr("Registering the Avro schemas at %1…").arg(m_options.registryUrl.toString()));
    m_orders = std::make_unique<AvroEncoder>(SampleRecords::orderSchema());
    m_telemetry = std::make_unique<AvroEncoder>(SampleRecords::telemetrySchema());
    m_registry = new SchemaRegistryClient(m_options.registryUrl, this);
    m_registry->setBasicAuth(m_options.profile.schemaRegistryUsername, m_options.secrets.schemaRegistryPassword);
    const auto subject = [](const char* topic) -> QString { return QString::fromLatin1(topic) + QStringLiteral("-value"); };
    m_registry->registerSchema(subject(SampleRecords::OrdersTopic), SampleRecords::orderSchema(),
        [this](int id, const QString& error) { schemaRegistered(QString::fromLatin1(SampleRecords::OrdersTopic), id, error); });
    m_registry->registerSchema(subject(SampleRecords::TelemetryTopic), SampleRecords::telemetrySchema(),
        [this](int id, const QString& error) { schemaRegistered(QString::fromLatin1(SampleRecords::TelemetryTopic), id, error); });
}

void SampleDataWorker::schemaRegistered(const QString& topic, int id, const QString& error)
{
    if (m_done)
        return;
    if (!error.isEmpty()) {
        fail(error);
        return;
    }
    (topic == QLatin1String(SampleRecords::OrdersTopic) ? m_orderSchemaId : m_telemetrySchemaId) = id;
    if (m_orderSchemaId < 0 || m_telemetrySchemaId < 0)
        return;
    if (cancelled) {
        finish();
        return;
    }
    QString consumerError;
    m_keepingUp = newConsumer(m_options, SampleData::KeepingUpGroup,
        { SampleRecords::OrdersTopic, SampleRecords::ClickstreamTopic, SampleRecords::TelemetryTopic }, &consumerError);
    if (m_keepingUp)
        m_fallingBehind
            = newConsumer(m_options, SampleData::FallingBehindGroup, { SampleRecords::TelemetryTopic }, &consumerError);
    if (!m_fallingBehind) {
        fail(consumerError);
        return;
    }
    m_clock.start();
    m_timer.start();
    Q_EMIT progress(tr("Producing %1 messages per second.").arg(m_options.messagesPerSecond));
    Q_EMIT running();
}

void SampleDataWorker::tick()
{
    const qint64 elapsedMs = m_clock.elapsed();
    produceDue(QDateTime::currentMSecsSinceEpoch());
    rd_kafka_poll(m_producer, 0);
    consume(m_keepingUp, QString::fromLatin1(SampleData::KeepingUpGroup), 10000);
    const qint64 allowed = qint64(double(m_telemetryProduced) * FallingBehindShare)
        - m_stats.consumed.value(QString::fromLatin1(SampleData::FallingBehindGroup));
    consume(m_fallingBehind, QString::fromLatin1(SampleData::FallingBehindGroup), int(qBound(qint64(0), allowed, qint64(10000))));
    if (elapsedMs - m_lastStatsMs >= StatsEveryMs) {
        m_lastStatsMs = elapsedMs;
        Q_EMIT statsChanged(m_stats);
    }
    if (m_options.durationSeconds > 0 && elapsedMs >= qint64(m_options.durationSeconds) * 1000)
        finish();
}

void SampleDataWorker::produceDue(qint64 nowMs)
{
    m_due += double(m_options.messagesPerSecond) * TickMs / 1000.0;
    // A stalled tick (a busy machine) does not turn into a burst.
    m_due = qMin(m_due, double(m_options.messagesPerSecond));
    for (; m_due >= 1.0; m_due -= 1.0) {
        const int dice = m_random.bounded(10);
        if (dice < 5) {
            QByteArray key;
            const QByteArray value = SampleRecords::clickEvent(m_random, nowMs, &key);
            produceOne(SampleRecords::ClickstreamTopic, key, value);
        } else if (dice < 8) {
            const SampleRecords::Record record = SampleRecords::order(m_random, nowMs);
            produceOne(SampleRecords::OrdersTopic, record.key, m_orders->encode(m_orderSchemaId, record.value));
        } else {
            const SampleRecords::Record record = SampleRecords::telemetryReading(m_random, nowMs);
            produceOne(SampleRecords::TelemetryTopic, record.key, m_telemetry->encode(m_telemetrySchemaId, record.value));
            ++m_telemetryProduced;
        }
    }
}

void SampleDataWorker::produceOne(const char* topic, const QByteArray& key, const QByteArray& value)
{
    if (value.isEmpty()) {
        ++m_stats.failed; // an encoding bug; counted, not sent
        return;
    }
    rd_kafka_vu_t fields[4] = {};
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = topic;
    fields[1].vtype = RD_KAFKA_VTYPE_KEY;
    fields[1].u.mem.ptr = const_cast<char*>(key.constData());
    fields[1].u.mem.size = size_t(key.size());
    fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[2].u.mem.ptr = const_cast<char*>(value.constData());
    fields[2].u.mem.size = size_t(value.size());
    fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[3].u.i32 = RD_KAFKA_MSG_F_COPY;
    if (rd_kafka_error_t* error = rd_kafka_produceva(m_producer, fields, 4)) {
        ++m_stats.failed;
        rd_kafka_error_destroy(error);
    }
}

void SampleDataWorker::consume(rd_kafka_t* consumer, const QString& group, int budget)
{
    for (int i = 0; i < budget; ++i) {
        rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 0);
        if (!message)
            return;
        if (!message->err)
            ++m_stats.consumed[group];
        rd_kafka_message_destroy(message);
    }
}

void SampleDataWorker::fail(const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    Q_EMIT failed(error);
    destroyClients();
    Q_EMIT finished();
}

void SampleDataWorker::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    Q_EMIT progress(tr("Stopping the sample data…"));
    if (m_producer)
        rd_kafka_flush(m_producer, 5000);
    // The group that keeps up reads what the last flush delivered, so it stops caught up.
    if (m_keepingUp) {
        const QDeadlineTimer deadline(2000);
        while (!deadline.hasExpired()) {
            rd_kafka_message_t* message = rd_kafka_consumer_poll(m_keepingUp, 200);
            if (!message)
                break;
            if (!message->err)
                ++m_stats.consumed[QString::fromLatin1(SampleData::KeepingUpGroup)];
            rd_kafka_message_destroy(message);
        }
    }
    Q_EMIT statsChanged(m_stats);
    destroyClients();
    Q_EMIT finished();
}

void SampleDataWorker::destroyClients()
{
    for (rd_kafka_t** consumer : { &m_keepingUp, &m_fallingBehind }) {
        if (*consumer) {
            rd_kafka_consumer_close(*consumer); // commits what was read and leaves the group
            rd_kafka_destroy(*consumer);
            *consumer = nullptr;
        }
    }
    if (m_producer) {
        rd_kafka_destroy(m_producer);
        m_producer = nullptr;
    }
}

} // namespace Samsa

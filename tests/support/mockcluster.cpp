#include "mockcluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace Samsa::Test {

struct MockCluster::Private {
    rd_kafka_t* handle = nullptr; // owns the mock cluster
    rd_kafka_mock_cluster_t* cluster = nullptr;
    rd_kafka_t* producer = nullptr;
};

MockCluster::MockCluster(int brokerCount)
    : d(std::make_unique<Private>())
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof errstr);
    d->handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!d->handle) {
        m_error = QString::fromUtf8(errstr);
        return;
    }
    d->cluster = rd_kafka_mock_cluster_new(d->handle, brokerCount);
    if (!d->cluster)
        m_error = QStringLiteral("rd_kafka_mock_cluster_new failed");
}

MockCluster::~MockCluster()
{
    if (d->producer) {
        rd_kafka_flush(d->producer, 5000);
        rd_kafka_destroy(d->producer);
    }
    if (d->cluster)
        rd_kafka_mock_cluster_destroy(d->cluster);
    if (d->handle)
        rd_kafka_destroy(d->handle);
}

bool MockCluster::isValid() const { return d->cluster != nullptr; }

QString MockCluster::bootstrapServers() const
{
    return d->cluster ? QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(d->cluster)) : QString();
}

bool MockCluster::createTopic(const QString& name, int partitions, int replicationFactor)
{
    const rd_kafka_resp_err_t err
        = rd_kafka_mock_topic_create(d->cluster, name.toUtf8().constData(), partitions, replicationFactor);
    if (err)
        m_error = QString::fromUtf8(rd_kafka_err2str(err));
    return !err;
}

bool MockCluster::produce(const QString& topic, int partition, int count)
{
    char errstr[512];
    if (!d->producer) {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrapServers().toUtf8().constData(), errstr, sizeof errstr);
        rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof errstr);
        d->producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        if (!d->producer) {
            m_error = QString::fromUtf8(errstr);
            return false;
        }
    }
    const QByteArray topicName = topic.toUtf8();
    for (int i = 0; i < count; ++i) {
        const QByteArray value = "message " + QByteArray::number(i);
        rd_kafka_vu_t fields[4] = {};
        fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
        fields[0].u.cstr = topicName.constData();
        fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
        fields[1].u.i32 = partition;
        fields[2].vtype = RD_KAFKA_VTYPE_VALUE;
        fields[2].u.mem.ptr = const_cast<char*>(value.constData());
        fields[2].u.mem.size = static_cast<size_t>(value.size());
        fields[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
        fields[3].u.i32 = RD_KAFKA_MSG_F_COPY;
        rd_kafka_error_t* error = rd_kafka_produceva(d->producer, fields, 4);
        const rd_kafka_resp_err_t err = error ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (error)
            rd_kafka_error_destroy(error);
        if (err) {
            m_error = QString::fromUtf8(rd_kafka_err2str(err));
            return false;
        }
    }
    const rd_kafka_resp_err_t err = rd_kafka_flush(d->producer, 10000);
    if (err)
        m_error = QString::fromUtf8(rd_kafka_err2str(err));
    return !err;
}

void MockCluster::setBrokerDown(int brokerId, bool down)
{
    if (down)
        rd_kafka_mock_broker_set_down(d->cluster, brokerId);
    else
        rd_kafka_mock_broker_set_up(d->cluster, brokerId);
}

void MockCluster::setPartitionLeader(const QString& topic, int partition, int leaderId)
{
    rd_kafka_mock_partition_set_leader(d->cluster, topic.toUtf8().constData(), partition, leaderId);
}

} // namespace Samsa::Test

#pragma once

// One librdkafka admin request: owns its result queue and options, and polls the queue in short
// steps so that a cancelled session gives up soon. For RdKafkaClient's admin calls only.

#include "rdkafkaclient.h"

#include <QElapsedTimer>
#include <algorithm>
#include <librdkafka/rdkafka.h>

namespace Samsa {

// Owns the queue and options of one admin request and polls it in short steps.
class AdminRequest {
public:
    AdminRequest(rd_kafka_t* handle, rd_kafka_admin_op_t operation, int timeoutMs)
        : m_queue(rd_kafka_queue_new(handle))
        , m_options(rd_kafka_AdminOptions_new(handle, operation))
        , m_timeoutMs(timeoutMs)
    {
        char errorBuffer[256];
        rd_kafka_AdminOptions_set_request_timeout(m_options, std::max(timeoutMs, 1), errorBuffer, sizeof errorBuffer);
    }
    ~AdminRequest()
    {
        rd_kafka_AdminOptions_destroy(m_options);
        rd_kafka_queue_destroy(m_queue);
    }
    AdminRequest(const AdminRequest&) = delete;
    AdminRequest& operator=(const AdminRequest&) = delete;

    rd_kafka_queue_t* queue() const { return m_queue; }
    const rd_kafka_AdminOptions_t* options() const { return m_options; }
    // How long the broker may wait for the change to complete (CreateTopics, DeleteTopics,
    // CreatePartitions, DeleteRecords) before it answers.
    void setOperationTimeout(int timeoutMs)
    {
        char errorBuffer[256];
        rd_kafka_AdminOptions_set_operation_timeout(m_options, std::max(timeoutMs, 1), errorBuffer, sizeof errorBuffer);
    }

    // Next result event, or null on timeout or cancel. librdkafka answers within the request
    // timeout; the margin covers its own bookkeeping.
    rd_kafka_event_t* next(const CancelCheck& isCancelled, QElapsedTimer& timer)
    {
        while (timer.elapsed() < m_timeoutMs + 2000) {
            if (rd_kafka_event_t* event = rd_kafka_queue_poll(m_queue, 100))
                return event;
            if (isCancelled && isCancelled())
                return nullptr;
        }
        return nullptr;
    }

private:
    rd_kafka_queue_t* m_queue;
    rd_kafka_AdminOptions_t* m_options;
    int m_timeoutMs;
};

} // namespace Samsa

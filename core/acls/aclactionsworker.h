#pragma once

// AclActions' thread side: checks the input, runs each action through RdKafkaClient and answers
// with a signal.

#include "acls/acltypes.h"
#include "kafka/rdkafkaclient.h"

#include <QObject>
#include <memory>

namespace Samsa {

class AclActionsWorker : public QObject {
    Q_OBJECT
public:
    AclActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs);

    void list(int job, const AclFilter& filter);
    void create(int job, const QList<AclBinding>& bindings);
    void remove(int job, const QList<AclFilter>& filters);

Q_SIGNALS:
    void finished(int job, const Samsa::AclActionResult& result);

private:
    RdKafkaClient* client(AclActionResult* result);

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
    std::unique_ptr<RdKafkaClient> m_client;
};

} // namespace Samsa

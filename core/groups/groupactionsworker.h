#pragma once

// GroupActions' thread side: runs each action through RdKafkaClient and answers with a signal.

#include "groups/offsetreset.h"
#include "kafka/rdkafkaclient.h"

#include <QObject>

namespace Samsa {

class GroupActionsWorker : public QObject {
    Q_OBJECT
public:
    GroupActionsWorker(const QList<QPair<QString, QString>>& properties, int timeoutMs);

    Q_INVOKABLE void preview(const Samsa::OffsetResetRequest& request);
    Q_INVOKABLE void apply(Samsa::OffsetResetPlan plan);
    Q_INVOKABLE void deleteGroup(const QString& groupId);
    Q_INVOKABLE void deleteOffsets(const QString& groupId, const QString& topic);

Q_SIGNALS:
    void previewReady(const Samsa::OffsetResetPlan& plan);
    void applied(const Samsa::OffsetResetPlan& plan, const QString& error);
    void deleted(bool ok, const QString& error);

private:
    RdKafkaClient* client(QString* error);

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
    std::unique_ptr<RdKafkaClient> m_client;
};

} // namespace Samsa

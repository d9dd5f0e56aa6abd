#include "messageproducer.h"

#include "kafka/kafkathreads.h"
#include "messageproducerworker.h"
#include "messagereader.h"

namespace Samsa {

MessageProducer::MessageProducer(const QList<QPair<QString, QString>>& properties, QObject* parent)
    : QObject(parent)
    , m_properties(properties)
{
    registerMessageMetaTypes();
}

MessageProducer::~MessageProducer()
{
    detachWorker();
}

void MessageProducer::start(const QList<ProduceRecord>& records, int timeoutMs)
{
    detachWorker();
    m_running = true;
    const quint64 job = ++m_job;
    m_control = std::make_shared<ProducerControl>();
    m_worker = new MessageProducerWorker(m_properties, m_control);
    connect(m_worker, &MessageProducerWorker::resultsReady, this, [this, job](const QList<ProduceResult>& results) {
        if (job == m_job)
            Q_EMIT resultsReady(results);
    });
    connect(m_worker, &MessageProducerWorker::progress, this, [this, job](qint64 answered, qint64 total) {
        if (job == m_job)
            Q_EMIT progress(answered, total);
    });
    connect(m_worker, &MessageProducerWorker::connectionChanged, this, [this, job](bool lost, const QString& reason) {
        if (job == m_job)
            Q_EMIT connectionChanged(lost, reason);
    });
    connect(m_worker, &MessageProducerWorker::finished, this, [this, job](const ProduceSummary& summary) {
        if (job != m_job)
            return;
        m_running = false;
        detachWorker();
        Q_EMIT finished(summary);
    });
    connect(m_worker, &MessageProducerWorker::failed, this, [this, job](const QString& error) {
        if (job != m_job)
            return;
        m_running = false;
        detachWorker();
        Q_EMIT failed(error);
    });
    KafkaThreads::start(m_worker);
    MessageProducerWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, records, timeoutMs] { worker->run(records, timeoutMs); }, Qt::QueuedConnection);
}

void MessageProducer::cancel()
{
    if (m_control)
        m_control->cancelled = true;
}

void MessageProducer::detachWorker()
{
    if (m_control)
        m_control->cancelled = true;
    if (m_worker) {
        disconnect(m_worker, nullptr, this, nullptr);
        KafkaThreads::retire(m_worker);
        m_worker = nullptr;
    }
    m_control.reset();
    if (m_running) {
        m_running = false;
        ++m_job;
    }
}

} // namespace Samsa

#include "messagereader.h"

#include "kafka/kafkathreads.h"
#include "messageproducer.h"
#include "messagereaderworker.h"

#include <QTimer>
#include <mutex>

namespace Samsa {

void registerMessageMetaTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<Samsa::KafkaRecord>();
        qRegisterMetaType<QList<Samsa::KafkaRecord>>();
        qRegisterMetaType<Samsa::ReadRequest>();
        qRegisterMetaType<Samsa::ReadPlan>();
        qRegisterMetaType<Samsa::ReadProgress>();
        qRegisterMetaType<Samsa::ProduceRecord>();
        qRegisterMetaType<QList<Samsa::ProduceRecord>>();
        qRegisterMetaType<Samsa::ProduceResult>();
        qRegisterMetaType<QList<Samsa::ProduceResult>>();
        qRegisterMetaType<Samsa::ProduceSummary>();
    });
}

MessageReader::MessageReader(const QList<QPair<QString, QString>>& properties, QObject* parent)
    : QObject(parent)
    , m_properties(properties)
    , m_stopTimer(new QTimer(this))
{
    registerMessageMetaTypes();
    m_stopTimer->setSingleShot(true);
    m_stopTimer->setInterval(stopGraceMs);
    // The worker may be inside a blocking librdkafka call (an offsets lookup against a slow
    // cluster): the user's stop does not wait for it.
    connect(m_stopTimer, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        detachWorker();
        end();
        Q_EMIT finished(QStringLiteral("stopped"));
    });
}

MessageReader::~MessageReader()
{
    detachWorker();
}

void MessageReader::start(const ReadRequest& request)
{
    detachWorker();
    m_running = true;
    const quint64 job = ++m_job;
    m_control = std::make_shared<ReaderControl>();
    m_worker = new MessageReaderWorker(m_properties, m_control);
    // Every answer carries the job it belongs to: a read that was replaced or given up on is silent.
    connect(m_worker, &MessageReaderWorker::planned, this, [this, job](const ReadPlan& plan) {
        if (job == m_job && m_running)
            Q_EMIT planned(plan);
    });
    connect(m_worker, &MessageReaderWorker::recordsReady, this, [this, job](const QList<KafkaRecord>& records) {
        if (job == m_job && m_running)
            Q_EMIT recordsReady(records);
    });
    connect(m_worker, &MessageReaderWorker::progress, this, [this, job](const ReadProgress& progress) {
        if (job == m_job && m_running)
            Q_EMIT this->progress(progress);
    });
    connect(m_worker, &MessageReaderWorker::connectionChanged, this, [this, job](bool lost, const QString& cause) {
        if (job == m_job && m_running)
            Q_EMIT connectionChanged(lost, cause);
    });
    connect(m_worker, &MessageReaderWorker::finished, this, [this, job](const QString& reason) {
        if (job != m_job || !m_running)
            return;
        end();
        Q_EMIT finished(reason);
    });
    connect(m_worker, &MessageReaderWorker::failed, this, [this, job](const QString& error) {
        if (job != m_job || !m_running)
            return;
        end();
        Q_EMIT failed(error);
    });
    KafkaThreads::start(m_worker);
    MessageReaderWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, request] { worker->run(request); }, Qt::QueuedConnection);
}

void MessageReader::stop()
{
    if (!m_running || !m_control)
        return;
    m_control->stopRequested = true;
    if (!m_stopTimer->isActive())
        m_stopTimer->start();
}

void MessageReader::end()
{
    m_running = false;
    m_stopTimer->stop();
    ++m_job; // nothing more from this read
    detachWorker();
}

void MessageReader::detachWorker()
{
    if (m_control)
        m_control->stopRequested = true;
    if (m_worker) {
        disconnect(m_worker, nullptr, this, nullptr);
        KafkaThreads::retire(m_worker);
        m_worker = nullptr;
    }
    m_control.reset();
    if (m_running) {
        // Replaced or destroyed while running: no finished() for this read.
        m_running = false;
        ++m_job;
    }
}

} // namespace Samsa

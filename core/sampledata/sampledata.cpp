#include "sampledata.h"

#include "kafka/kafkathreads.h"
#include "sampledataworker.h"

namespace Samsa {

SampleData::SampleData(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<SampleDataStats>();
}

SampleData::~SampleData() { retireWorker(); }

void SampleData::start(const SampleDataOptions& options)
{
    if (m_worker)
        return;
    m_stats = {};
    auto* worker = new SampleDataWorker(options);
    m_worker = worker;
    connect(worker, &SampleDataWorker::progress, this, &SampleData::progress);
    connect(worker, &SampleDataWorker::running, this, [this] { setState(State::Running); });
    connect(worker, &SampleDataWorker::statsChanged, this, [this](const SampleDataStats& stats) {
        m_stats = stats;
        Q_EMIT statsChanged(stats);
    });
    connect(worker, &SampleDataWorker::failed, this, [this](const QString& error) { setState(State::Failed, error); });
    connect(worker, &SampleDataWorker::finished, this, [this, worker] {
        if (worker != m_worker)
            return;
        retireWorker();
        if (m_state != State::Failed)
            setState(State::Stopped);
    });
    setState(State::Preparing);
    KafkaThreads::start(worker);
    QMetaObject::invokeMethod(worker, &SampleDataWorker::run, Qt::QueuedConnection);
}

void SampleData::stop()
{
    if (!m_worker || m_state == State::Stopping)
        return;
    setState(State::Stopping);
    m_worker->cancelled = true;
    QMetaObject::invokeMethod(m_worker, &SampleDataWorker::finish, Qt::QueuedConnection);
}

void SampleData::setState(State state, const QString& error)
{
    if (state == m_state && error == m_error)
        return;
    m_state = state;
    m_error = error;
    Q_EMIT stateChanged(state);
}

void SampleData::retireWorker()
{
    if (!m_worker)
        return;
    m_worker->cancelled = true;
    disconnect(m_worker, nullptr, this, nullptr);
    KafkaThreads::retire(m_worker);
    m_worker = nullptr;
}

} // namespace Samsa

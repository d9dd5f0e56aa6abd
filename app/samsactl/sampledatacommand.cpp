#include "sampledatacommand.h"

#include "sampledata/sampledata.h"
#include "sampledata/samplerecords.h"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace Samsa::Ctl {

namespace {

std::atomic<bool> interrupted { false };

void onSignal(int) { interrupted = true; }

void printLine(const QString& text)
{
    std::fprintf(stdout, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stdout);
}

QString statsLine(const SampleDataStats& stats)
{
    using namespace SampleRecords;
    const auto produced = [&stats](const char* topic) { return stats.produced.value(QString::fromLatin1(topic)); };
    const auto consumed = [&stats](const char* group) { return stats.consumed.value(QString::fromLatin1(group)); };
    return QStringLiteral("produced orders %1, clickstream %2, telemetry %3; consumed by %4 %5, by %6 %7%8")
        .arg(produced(OrdersTopic))
        .arg(produced(ClickstreamTopic))
        .arg(produced(TelemetryTopic))
        .arg(QString::fromLatin1(SampleData::KeepingUpGroup))
        .arg(consumed(SampleData::KeepingUpGroup))
        .arg(QString::fromLatin1(SampleData::FallingBehindGroup))
        .arg(consumed(SampleData::FallingBehindGroup))
        .arg(stats.failed ? QStringLiteral("; %1 failed").arg(stats.failed) : QString());
}

} // namespace

SampleDataCommand::SampleDataCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_sample(new SampleData(this))
{
    connect(m_sample, &SampleData::progress, this, [](const QString& text) { printLine(text); });
    connect(m_sample, &SampleData::statsChanged, this, [](const SampleDataStats& stats) { printLine(statsLine(stats)); });
    connect(m_sample, &SampleData::stateChanged, this, [this](SampleData::State state) {
        if (state == SampleData::State::Failed) {
            std::fprintf(stderr, "samsactl: %s\n", m_sample->errorText().toLocal8Bit().constData());
            Q_EMIT finished(int(ExitCode::ClusterError));
        } else if (state == SampleData::State::Stopped) {
            printLine(tr("Stopped; the data stays in the topics."));
            Q_EMIT finished(int(ExitCode::Success));
        }
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    m_signalCheck.setInterval(100);
    connect(&m_signalCheck, &QTimer::timeout, this, [this] {
        if (interrupted.exchange(false))
            m_sample->stop();
    });
}

void SampleDataCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    SampleDataOptions options;
    options.profile = profile;
    options.secrets = secrets;
    options.registryUrl = QUrl(!m_options.registry.isEmpty() ? m_options.registry
            : !profile.schemaRegistryUrl.isEmpty()           ? profile.schemaRegistryUrl
                                                             : QStringLiteral("http://127.0.0.1:8081"));
    options.messagesPerSecond = m_options.rate;
    options.durationSeconds = m_options.durationSeconds;
    printLine(tr("Sample data for %1 at %2 messages/s, schemas at %3%4")
                  .arg(profile.bootstrapServers)
                  .arg(options.messagesPerSecond)
                  .arg(options.registryUrl.toString(),
                      options.durationSeconds ? tr(", for %1 s").arg(options.durationSeconds) : tr("; Ctrl+C stops")));
    m_signalCheck.start();
    m_sample->start(options);
}

} // namespace Samsa::Ctl

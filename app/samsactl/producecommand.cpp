#include "producecommand.h"

#include "consoleoutput.h"
#include "decoding/avrojsonencoder.h"
#include "messages/messageproducer.h"
#include "profiles/connectionconfig.h"
#include "registry/schemaregistryclient.h"
#include "registrychoice.h"
#include "signalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace Samsa::Ctl {

namespace {

// Records handed to the producer at once, and how many may wait beside them before reading pauses.
constexpr qsizetype BatchRecords = 20000;
constexpr qsizetype ReadChunk = 1 << 20;
// A line longer than this is refused rather than held in memory without end (no line break in a
// binary file piped in by mistake).
constexpr qsizetype MaxLineBytes = 64 * 1024 * 1024;

} // namespace

ProduceCommand::ProduceCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_topic(options.arguments.first())
{
}

ProduceCommand::~ProduceCommand() = default;

void ProduceCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_properties = ConnectionConfig::librdkafkaProperties(profile, secrets);
    m_signals = new SignalWatcher(this);
    connect(m_signals, &SignalWatcher::interrupted, this, [this] {
        // Stop reading; what is on its way gets its result, what waits is counted as not sent.
        m_interrupted = true;
        m_inputEnded = true;
        if (m_input)
            m_input->setEnabled(false);
        m_notSent += m_pending.size();
        m_pending.clear();
        m_pendingLines.clear();
        if (m_sending)
            m_producer->cancel();
        finishIfDone();
    });
    if (m_options.produce.valueFormat != MessageFormat::AvroRegistry) {
        m_encoder = std::make_unique<ProduceLineEncoder>(m_topic, m_options.produce);
        startReading();
        return;
    }
    const RegistryChoice registry = chooseRegistry(m_options, profile, secrets);
    if (registry.url.isEmpty()) {
        fail(QStringLiteral("--value-format avro needs a Schema Registry: give --registry URL"));
        return;
    }
    m_registry = new SchemaRegistryClient(registry.url, this);
    if (!registry.user.isEmpty())
        m_registry->setBasicAuth(registry.user, registry.password);
    m_registry->setTimeout(m_options.timeoutMs);
    const QString subject = m_options.produce.subject.isEmpty() ? m_topic + QStringLiteral("-value")
                                                                : m_options.produce.subject;
    m_registry->fetchVersion(subject, QStringLiteral("latest"), false,
        [this](const SchemaVersion& version, const RegistryError& error) { handleSchema(version, error); });
}

void ProduceCommand::handleSchema(const SchemaVersion& version, const RegistryError& error)
{
    if (error.isError()) {
        fail(QStringLiteral("no schema to encode with: %1")
                 .arg(error.message.isEmpty() ? error.reason : error.message));
        return;
    }
    if (version.schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0) {
        fail(QStringLiteral("subject %1 holds a %2 schema, not Avro").arg(version.subject, version.schemaType));
        return;
    }
    QString parseError;
    std::shared_ptr<const AvroJsonEncoder> encoder = AvroJsonEncoder::create(version.schema, &parseError);
    if (!encoder) {
        fail(QStringLiteral("schema %1 of subject %2 cannot be used: %3").arg(version.id).arg(version.subject, parseError));
        return;
    }
    m_encoder = std::make_unique<ProduceLineEncoder>(m_topic, m_options.produce, encoder, version.id);
    startReading();
}

void ProduceCommand::startReading()
{
    if (m_done || m_interrupted)
        return;
    m_producer = new MessageProducer(m_properties, this);
    connect(m_producer, &MessageProducer::resultsReady, this, &ProduceCommand::handleResults);
    connect(m_producer, &MessageProducer::finished, this, &ProduceCommand::handleBatchFinished);
    connect(m_producer, &MessageProducer::failed, this, &ProduceCommand::fail);
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &ProduceCommand::readInput);
}

void ProduceCommand::readInput()
{
    QByteArray chunk(ReadChunk, Qt::Uninitialized);
    const ssize_t count = ::read(STDIN_FILENO, chunk.data(), size_t(chunk.size()));
    if (count < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return;
        m_input->setEnabled(false);
        fail(QStringLiteral("cannot read standard input: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    if (count == 0) {
        m_input->setEnabled(false);
        m_inputEnded = true;
        if (!m_partialLine.isEmpty())
            takeLine(std::exchange(m_partialLine, QByteArray()));
    } else {
        chunk.truncate(count);
        qsizetype lineStart = 0;
        for (qsizetype end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', lineStart)) {
            if (m_partialLine.isEmpty()) {
                takeLine(QByteArrayView(chunk).sliced(lineStart, end - lineStart));
            } else {
                m_partialLine.append(QByteArrayView(chunk).sliced(lineStart, end - lineStart));
                takeLine(std::exchange(m_partialLine, QByteArray()));
            }
            lineStart = end + 1;
        }
        m_partialLine.append(QByteArrayView(chunk).sliced(lineStart));
        if (m_partialLine.size() > MaxLineBytes) {
            m_input->setEnabled(false);
            fail(QStringLiteral("line %1 is longer than %2 bytes").arg(m_lineNumber + 1).arg(MaxLineBytes));
            return;
        }
        // Backpressure: wait for the batch on its way before reading more.
        if (m_pending.size() >= BatchRecords)
            m_input->setEnabled(false);
    }
    sendNextBatch();
    finishIfDone();
}

void ProduceCommand::takeLine(QByteArrayView line)
{
    ++m_lineNumber;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    QString error;
    std::optional<ProduceRecord> record = m_encoder->encode(line, &error);
    if (!record) {
        lineFailed(m_lineNumber, error);
        return;
    }
    m_pending.append(std::move(*record));
    m_pendingLines.append(m_lineNumber);
}

void ProduceCommand::sendNextBatch()
{
    if (m_sending || m_pending.isEmpty() || m_done)
        return;
    m_sending = true;
    m_sendingLines = std::exchange(m_pendingLines, {});
    m_producer->start(std::exchange(m_pending, {}), m_options.timeoutMs);
    if (!m_inputEnded)
        m_input->setEnabled(true);
}

void ProduceCommand::handleResults(const QList<ProduceResult>& results)
{
    for (const ProduceResult& result : results) {
        if (result.ok()) {
            ++m_delivered;
            ++m_perPartition[result.partition];
        } else {
            lineFailed(m_sendingLines.value(result.index, -1), result.error);
        }
    }
}

void ProduceCommand::handleBatchFinished(const ProduceSummary& summary)
{
    m_sending = false;
    m_notSent += summary.notSent;
    sendNextBatch();
    finishIfDone();
}

void ProduceCommand::lineFailed(qint64 lineNumber, const QString& error)
{
    ++m_failed;
    printError(QStringLiteral("line %1: %2").arg(lineNumber).arg(error));
}

void ProduceCommand::fail(const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    printError(error);
    if (m_producer)
        m_producer->cancel();
    Q_EMIT finished(int(ExitCode::ClusterError));
}

void ProduceCommand::finishIfDone()
{
    if (m_done || !m_inputEnded || m_sending || !m_pending.isEmpty())
        return;
    m_done = true;
    QStringList partitions;
    for (auto it = m_perPartition.cbegin(); it != m_perPartition.cend(); ++it)
        partitions.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value()));
    QString summary = QStringLiteral("Produced %1 message(s) to %2").arg(m_delivered).arg(m_topic);
    if (!partitions.isEmpty())
        summary += QStringLiteral(" (partition %1)").arg(partitions.join(QStringLiteral(", ")));
    if (m_failed > 0)
        summary += QStringLiteral("; %1 line(s) failed (see stderr)").arg(m_failed);
    if (m_notSent > 0)
        summary += QStringLiteral("; %1 not sent (interrupted)").arg(m_notSent);
    std::fprintf(stdout, "%s.\n", summary.toLocal8Bit().constData());
    std::fflush(stdout);
    const bool failed = m_failed > 0 || m_notSent > 0;
    Q_EMIT finished(int(failed ? ExitCode::ClusterError : ExitCode::Success));
}

} // namespace Samsa::Ctl

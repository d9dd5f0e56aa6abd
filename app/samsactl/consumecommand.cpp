#include "consumecommand.h"

#include "consoleoutput.h"
#include "messages/messagelinewriter.h"
#include "messages/messagereader.h"
#include "profiles/connectionconfig.h"
#include "registrychoice.h"
#include "signalwatcher.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace Samsa::Ctl {

namespace {

// Output is collected and written in large blocks: one write per message would cost more than
// decoding it.
constexpr qsizetype OutputBlock = 1 << 20;

ReadRequest readRequest(const CtlOptions& options)
{
    const ConsumeOptions& consume = options.consume;
    ReadRequest request;
    request.topic = options.arguments.first();
    request.partitions = consume.partitions;
    switch (consume.from) {
    case ConsumeOptions::From::Beginning:
        request.start = ReadStart::Beginning;
        break;
    case ConsumeOptions::From::End:
        request.start = ReadStart::LastPerPartition;
        request.lastCount = 0;
        break;
    case ConsumeOptions::From::Offset:
        request.start = ReadStart::Offset;
        request.offset = consume.fromValue;
        break;
    case ConsumeOptions::From::Timestamp:
        request.start = ReadStart::Timestamp;
        request.timestampMs = consume.fromValue;
        break;
    }
    request.maxMessages = consume.count; // 0: no limit
    request.liveTail = consume.follow;
    request.timeoutMs = options.timeoutMs;
    return request;
}

} // namespace

ConsumeCommand::ConsumeCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    m_keyOptions.format = options.consume.keyFormat;
    m_keyOptions.avroSchemaFile = options.consume.schemaFile;
    m_valueOptions.format = options.consume.valueFormat;
    m_valueOptions.avroSchemaFile = options.consume.schemaFile;
    m_schemaWait.setSingleShot(true);
    // The cache gives up on a fetch after the same timeout; this is only the backstop.
    m_schemaWait.setInterval(options.timeoutMs + 1000);
    connect(&m_schemaWait, &QTimer::timeout, this, &ConsumeCommand::giveUpWaiting);
    m_output.reserve(OutputBlock + 64 * 1024);
}

ConsumeCommand::~ConsumeCommand() = default;

void ConsumeCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    registerMessageMetaTypes();
    m_cache = makeSchemaCache(chooseRegistry(m_options, profile, secrets), m_options.timeoutMs);
    m_decoder = std::make_unique<PayloadDecoder>(m_cache);
    m_writer = std::make_unique<MessageLineWriter>(m_options.arguments.first(), m_decoder.get(), m_keyOptions, m_valueOptions);
    connect(m_decoder.get(), &PayloadDecoder::schemaArrived, this, [this](int id) {
        if (id == m_waitingFor)
            drain();
    });
    m_reader = new MessageReader(ConnectionConfig::librdkafkaProperties(profile, secrets), this);
    connect(m_reader, &MessageReader::planned, this, &ConsumeCommand::handlePlan);
    connect(m_reader, &MessageReader::recordsReady, this, &ConsumeCommand::handleRecords);
    connect(m_reader, &MessageReader::finished, this, [this] { handleReadEnd({}); });
    connect(m_reader, &MessageReader::failed, this, &ConsumeCommand::handleReadEnd);
    m_signals = new SignalWatcher(this);
    connect(m_signals, &SignalWatcher::interrupted, this, [this] {
        // Records already read are still printed; finished("stopped") follows them.
        if (!m_readEnded)
            m_reader->stop();
    });
    m_reader->start(readRequest(m_options));
}

void ConsumeCommand::handlePlan(const ReadPlan& plan)
{
    for (const QString& note : plan.notes)
        printError(note);
}

void ConsumeCommand::handleRecords(const QList<KafkaRecord>& records)
{
    if (m_outputBroken)
        return;
    m_queue.push_back(records); // shared, not copied
    if (m_waitingFor < 0)
        drain();
}

void ConsumeCommand::handleReadEnd(const QString& error)
{
    m_readEnded = true;
    m_readError = error;
    finishIfDone();
}

void ConsumeCommand::drain()
{
    m_waitingFor = -1;
    while (!m_queue.empty() && !m_outputBroken) {
        const KafkaRecord& record = m_queue.front().at(m_queuePosition);
        int schemaId = -1;
        const auto outcome = m_writer->append(m_output, record, true, &schemaId);
        if (outcome == MessageLineWriter::Outcome::Pending && !m_abandonedSchemas.contains(schemaId)) {
            m_waitingFor = schemaId;
            m_schemaWait.start();
            break; // schemaArrived (or the timeout) resumes here
        }
        if (outcome == MessageLineWriter::Outcome::Pending) // its wait timed out: the line says so
            m_writer->append(m_output, record, false);
        if (outcome != MessageLineWriter::Outcome::Written)
            ++m_failedLines;
        if (++m_queuePosition == m_queue.front().size()) {
            m_queue.pop_front();
            m_queuePosition = 0;
        }
        if (m_output.size() >= OutputBlock && !writeOut())
            break;
    }
    if (m_waitingFor < 0)
        m_schemaWait.stop();
    writeOut(); // whatever is complete goes out now, so --follow shows messages as they come
    finishIfDone();
}

void ConsumeCommand::giveUpWaiting()
{
    if (m_waitingFor < 0)
        return;
    m_abandonedSchemas.append(m_waitingFor);
    drain();
}

bool ConsumeCommand::writeOut()
{
    if (m_output.isEmpty() || m_outputBroken)
        return !m_outputBroken;
    const size_t written = std::fwrite(m_output.constData(), 1, size_t(m_output.size()), stdout);
    if (written != size_t(m_output.size()) || std::fflush(stdout) != 0) {
        // A reader that went away (`| head`) is no error worth a message; anything else is.
        if (errno != EPIPE)
            printError(QStringLiteral("cannot write the output: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        m_outputBroken = true;
        m_queue.clear();
        m_queuePosition = 0;
        if (!m_readEnded)
            m_reader->stop();
    }
    m_output.resize(0); // keeps the block: a fresh one per write costs page faults
    return !m_outputBroken;
}

void ConsumeCommand::finishIfDone()
{
    if (m_done || !m_readEnded || m_waitingFor >= 0 || !m_queue.empty())
        return;
    m_done = true;
    writeOut();
    if (!m_readError.isEmpty())
        printError(m_readError);
    if (m_failedLines > 0)
        printError(QStringLiteral("%1 message(s) could not be decoded (see their \"error\" field)").arg(m_failedLines));
    const bool failed = !m_readError.isEmpty() || m_failedLines > 0 || m_outputBroken;
    Q_EMIT finished(int(failed ? ExitCode::ClusterError : ExitCode::Success));
}

} // namespace Samsa::Ctl

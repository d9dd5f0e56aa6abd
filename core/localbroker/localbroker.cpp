#include "localbroker.h"

#include "directorysizer.h"
#include "freeport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Samsa {

namespace {
const QString portKey = QStringLiteral("localBroker/port");
const QByteArray readyPrefix = QByteArrayLiteral("samsa-broker ready ");

// Lines without a time of their own (stdout, early errors) get the time they were read, in the
// broker's format, so the log reads as one column.
QString now()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QStringList takeLines(QByteArray* partial, const QByteArray& data)
{
    partial->append(data);
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype end = partial->indexOf('\n'); end >= 0; end = partial->indexOf('\n', start)) {
        QByteArray line = partial->mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(QString::fromUtf8(line));
        start = end + 1;
    }
    partial->remove(0, start);
    return lines;
}
} // namespace

LocalBroker::LocalBroker(QObject* parent)
    : QObject(parent)
    , m_killTimer(new QTimer(this))
    , m_sizer(new DirectorySizer(this))
    , m_program(defaultProgram())
    , m_dataDir(defaultDataDir())
{
    const uint stored = QSettings().value(portKey, defaultPort).toUInt();
    m_port = stored > 0 && stored <= 65535 ? quint16(stored) : defaultPort;
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_process)
            return;
        appendNote(tr("samsa-broker did not stop within %1 s; killing it.").arg(m_stopTimeoutMs / 1000),
            BrokerLogLine::Level::Warning);
        m_process->kill();
    });
    connect(m_sizer, &DirectorySizer::measured, this, [this](const QString& path, qint64 bytes) {
        if (path != m_dataDir || bytes == m_diskUsage)
            return;
        m_diskUsage = bytes;
        Q_EMIT diskUsageChanged(bytes);
    });
}

LocalBroker::~LocalBroker()
{
    if (!m_process)
        return;
    // The app waits for stop() before it gets here; this is the last resort when it could not.
    disconnect(m_process, nullptr, this, nullptr);
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString LocalBroker::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("SAMSA_BROKER_BIN");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/samsa-broker");
}

QString LocalBroker::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/samsa/broker");
}

void LocalBroker::setPort(quint16 port)
{
    if (port == 0 || port == m_port)
        return;
    m_port = port;
    QSettings().setValue(portKey, port);
    Q_EMIT portChanged(port);
}

bool LocalBroker::isActive() const
{
    return m_state == State::Starting || m_state == State::Running || m_state == State::Stopping;
}

quint16 LocalBroker::runningPort() const
{
    if (m_state != State::Running)
        return 0;
    return quint16(m_address.section(QLatin1Char(':'), -1).toUInt());
}

qint64 LocalBroker::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QStringList LocalBroker::lastLogLines(int count) const
{
    QStringList lines;
    for (qsizetype i = std::max<qsizetype>(0, m_log.size() - count); i < m_log.size(); ++i)
        lines.append(m_log.at(i).toString());
    return lines;
}

void LocalBroker::refreshDiskUsage()
{
    m_sizer->measure(m_dataDir);
}

void LocalBroker::start()
{
    if (isActive()) {
        if (m_state == State::Stopping)
            m_startAfterExit = true;
        return;
    }
    m_failure = Failure::None;
    m_errorText.clear();
    m_suggestedPort = 0;
    m_address.clear();
    m_stopRequested = false;
    m_stdoutPartial.clear();
    m_stderrPartial.clear();
    if (!QFileInfo(m_program).isExecutable()) {
        fail(Failure::CannotStart, tr("samsa-broker was not found at %1.").arg(QDir::toNativeSeparators(m_program)));
        return;
    }
    m_startedPort = m_port;
    m_process = new QProcess(this);
#ifdef Q_OS_LINUX
    // If Samsa itself dies, the broker gets SIGTERM and flushes instead of holding the port.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalBroker::readStandardOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &LocalBroker::readStandardError);
    connect(m_process, &QProcess::finished, this, &LocalBroker::handleFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalBroker::handleProcessError);
    const QString listen = listenHost() + QLatin1Char(':') + QString::number(m_port);
    appendNote(tr("Starting samsa-broker on %1, data in %2").arg(listen, QDir::toNativeSeparators(m_dataDir)));
    setState(State::Starting);
    m_process->start(m_program, { QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"), listen });
}

void LocalBroker::stop()
{
    m_startAfterExit = false;
    if (m_state != State::Starting && m_state != State::Running)
        return;
    m_stopRequested = true;
    setState(State::Stopping);
    m_process->terminate();
    m_killTimer->start(m_stopTimeoutMs);
}

void LocalBroker::restart()
{
    if (m_state == State::Starting || m_state == State::Running) {
        stop();
        m_startAfterExit = true;
    } else if (m_state == State::Stopping) {
        m_startAfterExit = true;
    } else {
        start();
    }
}

void LocalBroker::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LocalBroker::fail(Failure failure, const QString& text)
{
    m_failure = failure;
    m_errorText = text;
    appendNote(text, BrokerLogLine::Level::Error);
    setState(State::Failed);
}

void LocalBroker::readStandardOutput()
{
    if (!m_process)
        return;
    QStringList others;
    for (const QString& line : takeLines(&m_stdoutPartial, m_process->readAllStandardOutput())) {
        // The ready line is not logged: the state says it, and stdout and stderr arrive on two pipes,
        // so it could not be put in its place among the broker's log lines anyway.
        if (line.toUtf8().startsWith(readyPrefix)) {
            if (m_state == State::Starting) {
                m_address = line.mid(readyPrefix.size()).trimmed();
                m_startedAt = QDateTime::currentDateTimeUtc();
                setState(State::Running);
                refreshDiskUsage();
            }
            continue;
        }
        others.append(line);
    }
    appendLines(others, false);
}

void LocalBroker::readStandardError()
{
    if (m_process)
        appendLines(takeLines(&m_stderrPartial, m_process->readAllStandardError()), true);
}

void LocalBroker::appendLines(const QStringList& rawLines, bool fromStderr)
{
    if (rawLines.isEmpty())
        return;
    QList<BrokerLogLine> added;
    added.reserve(rawLines.size());
    for (const QString& raw : rawLines) {
        if (raw.isEmpty())
            continue;
        BrokerLogLine line = parseBrokerLogLine(raw);
        if (!fromStderr)
            line.level = BrokerLogLine::Level::Info;
        if (line.time.isEmpty())
            line.time = now();
        added.append(line);
    }
    if (added.isEmpty())
        return;
    m_log.append(added);
    if (m_log.size() > logCapacity)
        m_log.remove(0, m_log.size() - logCapacity);
    Q_EMIT logLinesAdded(added);
}

void LocalBroker::appendNote(const QString& text, BrokerLogLine::Level level)
{
    // Samsa's own notes about the process, told apart from the broker's lines by the "samsa:" prefix.
    BrokerLogLine line;
    line.level = level;
    line.time = now();
    line.text = QStringLiteral("samsa: ") + text;
    m_log.append(line);
    if (m_log.size() > logCapacity)
        m_log.removeFirst();
    Q_EMIT logLinesAdded({ line });
}

QString LocalBroker::lastErrorLine() const
{
    for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
        const BrokerLogLine& line = m_log.at(i);
        if (line.level == BrokerLogLine::Level::Error && !line.text.startsWith(QLatin1String("samsa: ")))
            return line.text.startsWith(QLatin1String("samsa-broker: ")) ? line.text.mid(14) : line.text;
    }
    return QString();
}

void LocalBroker::handleFinished(int exitCode, QProcess::ExitStatus status)
{
    readStandardOutput();
    readStandardError();
    const QByteArray restOut = std::exchange(m_stdoutPartial, {});
    const QByteArray restErr = std::exchange(m_stderrPartial, {});
    appendLines({ QString::fromUtf8(restOut) }, false);
    appendLines({ QString::fromUtf8(restErr) }, true);
    m_killTimer->stop();
    m_process->deleteLater();
    m_process = nullptr;
    const State previous = m_state;
    m_exitCode = status == QProcess::NormalExit ? exitCode : -1;
    m_address.clear();
    m_startedAt = {};

    if (m_stopRequested) {
        appendNote(status == QProcess::CrashExit ? tr("samsa-broker was killed.")
                                                 : tr("samsa-broker stopped (exit code %1).").arg(exitCode));
        setState(State::Stopped);
    } else if (status == QProcess::CrashExit) {
        fail(Failure::Crashed, tr("samsa-broker stopped unexpectedly: it crashed or was killed."));
    } else if (previous == State::Starting && exitCode == 2) {
        const QString reason = lastErrorLine();
        // "cannot listen on HOST:PORT: Address already in use"; a data directory can be "in use" too.
        if (reason.startsWith(QLatin1String("cannot listen on")) && reason.contains(QLatin1String("in use"))) {
            m_suggestedPort = findFreePort(m_startedPort);
            fail(Failure::PortInUse,
                tr("Port %1 is already in use by another program, so the local broker cannot listen on it.")
                    .arg(m_startedPort));
        } else {
            fail(Failure::Other,
                reason.isEmpty() ? tr("samsa-broker could not start (exit code 2).")
                                 : tr("samsa-broker could not start: %1").arg(reason));
        }
    } else {
        fail(Failure::Crashed, tr("samsa-broker stopped unexpectedly with exit code %1.").arg(exitCode));
    }
    if (std::exchange(m_startAfterExit, false) && m_state == State::Stopped)
        start();
}

void LocalBroker::handleProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return; // other errors are followed by finished()
    const QString reason = m_process->errorString();
    m_process->deleteLater();
    m_process = nullptr;
    m_killTimer->stop();
    fail(Failure::CannotStart, tr("samsa-broker could not be started: %1").arg(reason));
}

} // namespace Samsa

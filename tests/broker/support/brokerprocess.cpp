#include "brokerprocess.h"

#include <sys/prctl.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <csignal>
#include <sys/types.h>

namespace Samsa::Test {

namespace {

constexpr QLatin1String readyPrefix("samsa-broker ready ");

} // namespace

BrokerProcess::BrokerProcess()
    : m_dataDir(m_temp.path() + QStringLiteral("/data"))
    , m_stderrPath(m_temp.path() + QStringLiteral("/broker.stderr"))
{
}

BrokerProcess::~BrokerProcess()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString BrokerProcess::binaryPath()
{
    return qEnvironmentVariable("SAMSA_BROKER_BIN");
}

bool BrokerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 BrokerProcess::pid() const
{
    return isRunning() ? m_process->processId() : 0;
}

QByteArray BrokerProcess::standardError() const
{
    QFile file(m_stderrPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    file.seek(m_stderrStart);
    return file.readAll();
}

void BrokerProcess::fail(const QString& what)
{
    QByteArray tail = standardError();
    if (tail.size() > 4000)
        tail = "..." + tail.right(4000);
    m_error = what + QStringLiteral("\n--- broker stdout:\n") + QString::fromUtf8(m_stdout)
        + QStringLiteral("\n--- broker stderr:\n") + QString::fromUtf8(tail);
}

bool BrokerProcess::launch(const QStringList& arguments)
{
    m_error.clear();
    m_stdout.clear();
    m_bootstrap.clear();
    m_exitCode = -1;
    const QString binary = binaryPath();
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
        m_error = QStringLiteral("SAMSA_BROKER_BIN is not an executable: '%1'").arg(binary);
        return false;
    }
    if (isRunning()) {
        m_error = QStringLiteral("the broker is already running");
        return false;
    }
    m_stderrStart = QFileInfo(m_stderrPath).exists() ? QFileInfo(m_stderrPath).size() : 0;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binary);
    m_process->setArguments(arguments);
    m_process->setStandardErrorFile(m_stderrPath, QIODevice::Append);
    // A test that crashes or is killed by ctest's timeout takes its broker with it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->setReadChannel(QProcess::StandardOutput);
    m_process->start(QIODevice::ReadOnly);
    if (!m_process->waitForStarted(10000)) {
        fail(QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString()));
        return false;
    }
    ++m_runs;
    return true;
}

bool BrokerProcess::waitForReady(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)))) {
            while (m_process->canReadLine()) {
                const QByteArray line = m_process->readLine();
                m_stdout += line;
                const QString text = QString::fromUtf8(line).trimmed();
                if (!text.startsWith(readyPrefix)) {
                    fail(QStringLiteral("unexpected stdout line before the ready line: '%1'").arg(text));
                    return false;
                }
                m_bootstrap = text.mid(readyPrefix.size());
                const qsizetype colon = m_bootstrap.lastIndexOf(QLatin1Char(':'));
                bool ok = false;
                m_port = colon > 0 ? m_bootstrap.mid(colon + 1).toUShort(&ok) : 0;
                if (!ok || m_port == 0) {
                    fail(QStringLiteral("ready line without a usable port: '%1'").arg(text));
                    return false;
                }
                return true;
            }
        }
        if (m_process->state() == QProcess::NotRunning) {
            m_stdout += m_process->readAllStandardOutput();
            m_exitCode = m_process->exitCode();
            fail(QStringLiteral("the broker exited with code %1 before it was ready").arg(m_exitCode));
            return false;
        }
    }
    fail(QStringLiteral("no ready line within %1 ms").arg(timeoutMs));
    m_process->kill();
    m_process->waitForFinished(5000);
    return false;
}

bool BrokerProcess::start(int timeoutMs)
{
    QStringList arguments { QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"), m_listen };
    // Off unless asked for, so test brokers never contend for the default port 8081.
    arguments += { QStringLiteral("--schema-registry"),
                   m_schemaRegistryListen.isEmpty() ? QStringLiteral("off") : m_schemaRegistryListen };
    arguments += m_extraArguments;
    m_schemaRegistryUrl.clear();
    return launch(arguments) && waitForReady(timeoutMs) && readSchemaRegistryAddress();
}

bool BrokerProcess::readSchemaRegistryAddress()
{
    if (m_schemaRegistryListen.isEmpty())
        return true;
    // Logged before the ready line, so it is in the file by now.
    static const QRegularExpression line(QStringLiteral("schema registry listening on (\\S+):(\\d+)"));
    const auto match = line.match(QString::fromUtf8(standardError()));
    if (!match.hasMatch()) {
        fail(QStringLiteral("no 'schema registry listening on HOST:PORT' line on stderr"));
        return false;
    }
    m_schemaRegistryListen = QStringLiteral("127.0.0.1:") + match.captured(2);
    m_schemaRegistryUrl = QStringLiteral("http://%1:%2").arg(match.captured(1), match.captured(2));
    return true;
}

quint16 BrokerProcess::listenerPort(const QString& protocol) const
{
    // Logged before the ready line, so it is in the file once start() returned.
    const QRegularExpression line(
        QStringLiteral("listening on %1://(\\S+):(\\d+)").arg(QRegularExpression::escape(protocol)));
    const auto match = line.match(QString::fromUtf8(standardError()));
    return match.hasMatch() ? match.captured(2).toUShort() : 0;
}

bool BrokerProcess::restart(int timeoutMs)
{
    if (isRunning() && !stop()) {
        const QString reason = m_error;
        fail(QStringLiteral("restart: the previous run did not stop cleanly: ") + reason);
        return false;
    }
    if (m_listen.contains(QLatin1String("://"))) {
        // Several listeners: each keeps the port it had.
        static const QRegularExpression entry(QStringLiteral("([A-Z_]+)://([^,]+):(\\d+)"));
        QStringList entries;
        for (const auto& match : entry.globalMatch(m_listen)) {
            const quint16 port = listenerPort(match.captured(1));
            entries += QStringLiteral("%1://%2:%3").arg(match.captured(1), match.captured(2),
                port != 0 ? QString::number(port) : match.captured(3));
        }
        m_listen = entries.join(QLatin1Char(','));
    } else if (m_port != 0) {
        m_listen = QStringLiteral("127.0.0.1:%1").arg(m_port);
    }
    return start(timeoutMs);
}

bool BrokerProcess::stop(int timeoutMs, int signal)
{
    if (!isRunning()) {
        m_error = QStringLiteral("stop: the broker is not running");
        return false;
    }
    ::kill(pid_t(m_process->processId()), signal);
    if (!m_process->waitForFinished(timeoutMs)) {
        fail(QStringLiteral("the broker did not exit within %1 ms of signal %2").arg(timeoutMs).arg(signal));
        m_process->kill();
        m_process->waitForFinished(5000);
        return false;
    }
    m_stdout += m_process->readAllStandardOutput();
    m_exitCode = m_process->exitCode();
    if (m_process->exitStatus() != QProcess::NormalExit || m_exitCode != 0) {
        fail(QStringLiteral("signal %1 gave exit status %2, code %3")
                 .arg(signal)
                 .arg(m_process->exitStatus() == QProcess::NormalExit ? QStringLiteral("normal") : QStringLiteral("crash"))
                 .arg(m_exitCode));
        return false;
    }
    return true;
}

void BrokerProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_stdout += m_process->readAllStandardOutput();
    m_exitCode = -1;
}

int BrokerProcess::runToExit(const QStringList& arguments, int timeoutMs)
{
    if (!launch(arguments))
        return -1;
    if (!m_process->waitForFinished(timeoutMs)) {
        fail(QStringLiteral("the broker did not exit within %1 ms").arg(timeoutMs));
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    m_stdout += m_process->readAllStandardOutput();
    m_exitCode = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    fail(QStringLiteral("exit code %1").arg(m_exitCode));
    return m_exitCode;
}

} // namespace Samsa::Test

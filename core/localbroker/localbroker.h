#pragma once

// samsa-broker run by the app as a child process: started and stopped on request, its output kept in
// a bounded log, its state followed from "samsa-broker ready HOST:PORT" on stdout to its exit. The
// broker is a separate process so that a fault in it cannot take the window down, and so that the
// window can close while the broker flushes. Nothing here blocks the calling thread.

#include "brokerlogline.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QProcess>

class QTimer;

namespace Samsa {

class DirectorySizer;

class LocalBroker : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping, Failed };
    Q_ENUM(State)
    enum class Failure { None, PortInUse, Crashed, CannotStart, Other };
    Q_ENUM(Failure)

    static constexpr quint16 defaultPort = 9092;
    static constexpr int logCapacity = 5000; // lines kept; older ones are dropped
    static constexpr int defaultStopTimeoutMs = 15000; // SIGTERM, then SIGKILL after this

    explicit LocalBroker(QObject* parent = nullptr);
    ~LocalBroker() override; // a broker still running gets SIGTERM and a few seconds to flush

    static QString defaultProgram(); // $SAMSA_BROKER_BIN, else samsa-broker next to the application
    static QString defaultDataDir(); // $XDG_DATA_HOME/samsa/broker, beside samsa.db
    static QString listenHost() { return QStringLiteral("127.0.0.1"); }

    QString program() const { return m_program; }
    void setProgram(const QString& program) { m_program = program; }
    QString dataDir() const { return m_dataDir; }
    void setDataDir(const QString& dataDir) { m_dataDir = dataDir; }
    // The port of the next start, kept in QSettings ("localBroker/port").
    quint16 port() const { return m_port; }
    void setPort(quint16 port);
    void setStopTimeout(int milliseconds) { m_stopTimeoutMs = milliseconds; }

    State state() const { return m_state; }
    bool isActive() const; // Starting, Running or Stopping: a process is there
    QString address() const { return m_address; } // "127.0.0.1:9092" while running
    quint16 runningPort() const; // the port of address(), 0 when not running
    QDateTime startedAt() const { return m_startedAt; } // when it became ready; invalid when not running
    qint64 processId() const;
    int lastExitCode() const { return m_exitCode; } // of the last process that exited normally; -1 before

    // Why the broker failed (state Failed): a sentence for the user, and the last lines it wrote.
    Failure failure() const { return m_failure; }
    QString errorText() const { return m_errorText; }
    QStringList lastLogLines(int count = 12) const;
    // After Failure::PortInUse: a port that was free when the failure was seen, 0 when none.
    quint16 suggestedPort() const { return m_suggestedPort; }

    const QList<BrokerLogLine>& logLines() const { return m_log; }

    // Bytes under dataDir(), measured on a worker thread: diskUsageChanged() follows. -1 until known.
    void refreshDiskUsage();
    qint64 diskUsage() const { return m_diskUsage; }

public Q_SLOTS:
    void start(); // ignored while a process is running; after stop() under way, starts once it has exited
    void stop(); // SIGTERM, then SIGKILL after the stop timeout
    void restart();

Q_SIGNALS:
    void stateChanged(Samsa::LocalBroker::State state);
    void portChanged(quint16 port);
    void logLinesAdded(const QList<Samsa::BrokerLogLine>& lines); // one batch per read from the process
    void logCleared();
    void diskUsageChanged(qint64 bytes);

private:
    void setState(State state);
    void fail(Failure failure, const QString& text);
    void readStandardOutput();
    void readStandardError();
    void appendLines(const QStringList& rawLines, bool fromStderr);
    void appendNote(const QString& text, BrokerLogLine::Level level = BrokerLogLine::Level::Info);
    void handleFinished(int exitCode, QProcess::ExitStatus status);
    void handleProcessError(QProcess::ProcessError error);
    QString lastErrorLine() const;

    QProcess* m_process = nullptr;
    QTimer* m_killTimer;
    DirectorySizer* m_sizer;
    QString m_program;
    QString m_dataDir;
    quint16 m_port;
    int m_stopTimeoutMs = defaultStopTimeoutMs;
    State m_state = State::Stopped;
    Failure m_failure = Failure::None;
    QString m_errorText;
    QString m_address;
    QDateTime m_startedAt;
    quint16 m_suggestedPort = 0;
    quint16 m_startedPort = 0;
    bool m_stopRequested = false;
    bool m_startAfterExit = false;
    QByteArray m_stdoutPartial;
    QByteArray m_stderrPartial;
    QList<BrokerLogLine> m_log;
    qint64 m_diskUsage = -1;
    int m_exitCode = -1;
};

} // namespace Samsa

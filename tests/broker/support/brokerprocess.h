#pragma once

// Runs the real samsa-broker executable ($SAMSA_BROKER_BIN) as a child process for conformance
// tests: a fresh temporary data dir, a free port, and the "samsa-broker ready HOST:PORT" line as
// the only sign that it serves. The broker's stderr goes to a file in the temporary dir (never a
// pipe: a test blocked inside a client library would otherwise stall a chatty broker).

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <csignal>

#include <memory>

namespace Samsa::Test {

class BrokerProcess {
public:
    BrokerProcess();
    ~BrokerProcess();
    BrokerProcess(const BrokerProcess&) = delete;
    BrokerProcess& operator=(const BrokerProcess&) = delete;

    // $SAMSA_BROKER_BIN, empty when unset.
    static QString binaryPath();

    // Extra arguments for every later start, e.g. {"--set", "flush.messages=1"}.
    void setExtraArguments(const QStringList& arguments) { m_extraArguments = arguments; }
    // Overrides the data dir (default: <temporary dir>/data, created fresh per BrokerProcess).
    void setDataDir(const QString& path) { m_dataDir = path; }
    // Overrides the listen address (default 127.0.0.1:0, or the previous port on a restart).
    void setListen(const QString& hostPort) { m_listen = hostPort; }

    // Also serve the schema registry, on a free port (--schema-registry 127.0.0.1:0) and on the
    // same port again after a restart; the address is read from the broker's stderr.
    void enableSchemaRegistry() { m_schemaRegistryListen = QStringLiteral("127.0.0.1:0"); }
    // http://HOST:PORT of the running broker's schema registry; empty when not enabled.
    QString schemaRegistryUrl() const { return m_schemaRegistryUrl; }

    // Starts the broker and waits up to timeoutMs for its ready line. False with error() set
    // when it exits first, prints something else, or stays silent.
    bool start(int timeoutMs = 20000);
    // Starts again on the same data dir and the same port, so connected clients can reconnect.
    bool restart(int timeoutMs = 20000);
    // Sends `signal` (SIGTERM by default, or SIGINT), then waits for the exit; true only for a
    // normal exit with code 0.
    bool stop(int timeoutMs = 15000, int signal = SIGTERM);
    // SIGKILL, as a power cut would leave things (minus the page cache).
    void kill();
    // Runs the broker with arbitrary arguments (no defaults added) until it exits; for CLI error
    // paths. Returns the exit code, or -1 when it did not exit within timeoutMs (it is killed).
    int runToExit(const QStringList& arguments, int timeoutMs = 15000);

    bool isRunning() const;
    qint64 pid() const;
    QString bootstrapServers() const { return m_bootstrap; }
    quint16 port() const { return m_port; }
    // The bound port of the running broker's listener with this security protocol (PLAINTEXT,
    // SSL, SASL_PLAINTEXT, SASL_SSL), from its "listening on PROTOCOL://HOST:PORT" lines on
    // stderr; 0 when it has none. For brokers started with several listeners (setListen()).
    quint16 listenerPort(const QString& protocol) const;
    QString dataDir() const { return m_dataDir; }
    QString temporaryPath() const { return m_temp.path(); }
    int exitCode() const { return m_exitCode; }
    // Everything the broker wrote to stdout / stderr during the current (or last) run.
    QByteArray standardOutput() const { return m_stdout; }
    QByteArray standardError() const;
    // The last failure, with the tail of stderr, for QVERIFY2.
    QString error() const { return m_error; }
    QByteArray errorText() const { return m_error.toUtf8(); }

private:
    bool launch(const QStringList& arguments);
    bool waitForReady(int timeoutMs);
    bool readSchemaRegistryAddress();
    void fail(const QString& what);

    QTemporaryDir m_temp;
    QString m_dataDir;
    QString m_listen = QStringLiteral("127.0.0.1:0");
    QStringList m_extraArguments;
    QString m_schemaRegistryListen; // empty: --schema-registry off
    QString m_schemaRegistryUrl;
    std::unique_ptr<QProcess> m_process;
    QString m_bootstrap;
    quint16 m_port = 0;
    QByteArray m_stdout;
    QString m_stderrPath;
    qint64 m_stderrStart = 0;
    int m_exitCode = -1;
    int m_runs = 0;
    QString m_error;
};

} // namespace Samsa::Test

#pragma once

// Runs a client program (kcat, /usr/bin/python3 with a script, node with kafkajs) to its end and
// keeps what it printed: the conformance tests of SASL and TLS drive real clients this way.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Samsa::Test {

struct ClientRun {
    int exitCode = -1; // -1: did not start, timed out or crashed
    QString output; // stdout and stderr together
};

// `input` goes to the client's stdin, which is then closed.
ClientRun runClient(const QString& program, const QStringList& arguments, const QByteArray& input = {},
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(), int timeoutMs = 60000);

// The system environment with NODE_PATH at the npm peers the setup script installs (kafkajs).
QProcessEnvironment nodeEnvironment();

} // namespace Samsa::Test

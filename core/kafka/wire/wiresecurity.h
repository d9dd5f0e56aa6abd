#pragma once

// How a connection of Samsa's own (WireConnection) reaches a broker, read from the same librdkafka
// properties the profile gives librdkafka, so both connect the same way.

#include <QList>
#include <QPair>
#include <QString>

namespace Samsa {

struct WireSecurity {
    bool tls = false;
    bool sasl = false;
    QString mechanism; // upper case: PLAIN, SCRAM-SHA-256, ...
    QString username;
    QString password;
    QString caFile;
    QString certificateFile;
    QString keyFile;
    QString keyPassword;
    bool verifyHostname = true;
    QString protocolProblem; // an unknown security.protocol

    static WireSecurity fromProperties(const QList<QPair<QString, QString>>& properties);

    // Why WireConnection cannot connect this way (empty when it can). It speaks PLAINTEXT, SSL and
    // SASL PLAIN; other SASL mechanisms are librdkafka's alone so far.
    QString unsupportedReason() const;
};

} // namespace Samsa

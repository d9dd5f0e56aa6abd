#pragma once

// Turns a profile and its secrets into librdkafka configuration, and checks it with librdkafka
// itself so that the user sees librdkafka's own error text.

#include "connectionprofile.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Samsa {

class ConnectionConfig {
public:
    // key=value pairs for rd_kafka_conf_set, extra properties last (they win).
    static QList<QPair<QString, QString>> librdkafkaProperties(const ConnectionProfile& profile,
        const ProfileSecrets& secrets);

    // Problems a user must fix before saving: empty name, empty or malformed bootstrap servers
    // ("host:port" each, port 1-65535), SASL without user name, unreadable CA/cert/key files,
    // malformed Schema Registry URL, and every extra property that librdkafka rejects
    // ("extra property 'foo': No such configuration property: \"foo\"").
    static QStringList validate(const ConnectionProfile& profile, const ProfileSecrets& secrets = {});

    // Parses the "key=value" lines of the extra-properties editor. Blank lines and lines starting
    // with # are skipped; a line without '=' is reported in errors as "line N: ...".
    static QList<QPair<QString, QString>> parseExtraProperties(const QString& text, QStringList* errors);
    static QString formatExtraProperties(const QList<QPair<QString, QString>>& properties);
};

} // namespace Samsa

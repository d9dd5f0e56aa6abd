#pragma once

// The one-entry JAAS text Kafka clients take in sasl.jaas.config:
//   org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="...";

#include <QHash>
#include <QString>

namespace Samsa {

struct JaasConfig {
    QString loginModule; // fully qualified class name
    QString controlFlag; // required, requisite, sufficient or optional
    QHash<QString, QString> options;
    QString error; // empty when parsed; never quotes the text (it holds a password)
};

JaasConfig parseJaasConfig(const QString& text);

} // namespace Samsa

#pragma once

// Asks librdkafka itself whether it accepts a property, so that users see librdkafka's own error
// text and we never keep a list of its property names that goes stale.

#include <QString>

namespace Samsa {

struct LibrdkafkaPropertyCheck {
    enum class Result { Accepted, UnknownKey, InvalidValue, Refused };
    Result result = Result::Accepted;
    QString error; // librdkafka's text, or ours for Refused
};

// Sets key=value on a scratch configuration that is thrown away afterwards.
LibrdkafkaPropertyCheck checkLibrdkafkaProperty(const QString& key, const QString& value);

// Properties that carry a password or key material: they belong in the SecretStore, never in a
// profile's extra properties (which are stored in SQLite).
bool isSecretProperty(const QString& key);

} // namespace Samsa

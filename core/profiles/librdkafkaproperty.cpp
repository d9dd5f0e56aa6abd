#include "librdkafkaproperty.h"

#include <librdkafka/rdkafka.h>

#include <memory>

namespace Samsa {

namespace {

struct ConfDeleter {
    void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};

} // namespace

LibrdkafkaPropertyCheck checkLibrdkafkaProperty(const QString& key, const QString& value)
{
    LibrdkafkaPropertyCheck check;
    // Setting plugin.library.paths loads the named shared libraries immediately: a text file
    // being imported or validated must never be able to run code.
    if (key.trimmed() == QLatin1String("plugin.library.paths")) {
        check.result = LibrdkafkaPropertyCheck::Result::Refused;
        check.error = QStringLiteral("plugins are not supported (setting it would load code into Samsa)");
        return check;
    }
    const std::unique_ptr<rd_kafka_conf_t, ConfDeleter> conf(rd_kafka_conf_new());
    char errorText[512] = {};
    const QByteArray keyBytes = key.toUtf8();
    const QByteArray valueBytes = value.toUtf8();
    const rd_kafka_conf_res_t result
        = rd_kafka_conf_set(conf.get(), keyBytes.constData(), valueBytes.constData(), errorText, sizeof errorText);
    switch (result) {
    case RD_KAFKA_CONF_OK:
        check.result = LibrdkafkaPropertyCheck::Result::Accepted;
        return check;
    case RD_KAFKA_CONF_UNKNOWN:
        check.result = LibrdkafkaPropertyCheck::Result::UnknownKey;
        break;
    case RD_KAFKA_CONF_INVALID:
        check.result = LibrdkafkaPropertyCheck::Result::InvalidValue;
        break;
    }
    check.error = QString::fromUtf8(errorText);
    if (check.error.isEmpty())
        check.error = QStringLiteral("rejected by librdkafka");
    return check;
}

bool isSecretProperty(const QString& key)
{
    const QString lower = key.trimmed().toLower();
    return lower.contains(QLatin1String("password")) || lower.contains(QLatin1String("secret"))
        || lower == QLatin1String("ssl.key.pem") || lower == QLatin1String("ssl_key")
        || lower == QLatin1String("sasl.oauthbearer.config") || lower == QLatin1String("basic.auth.user.info")
        || lower == QLatin1String("sasl.jaas.config");
}

} // namespace Samsa

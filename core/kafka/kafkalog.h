#pragma once

// Logging category of the Kafka layer ("samsa.kafka"); info and debug are off unless enabled with
// QT_LOGGING_RULES. Nothing logged here may contain a secret.

#include <QLoggingCategory>

namespace Samsa {
Q_DECLARE_LOGGING_CATEGORY(lcKafka)
}

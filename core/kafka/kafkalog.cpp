#include "kafkalog.h"

namespace Samsa {
Q_LOGGING_CATEGORY(lcKafka, "samsa.kafka", QtWarningMsg)
}

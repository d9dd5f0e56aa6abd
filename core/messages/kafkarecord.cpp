#include "kafkarecord.h"

#include <QString>

namespace Samsa {

qint64 KafkaRecord::size() const
{
    qint64 total = (key ? key->size() : 0) + (value ? value->size() : 0);
    for (const RecordHeader& header : headers)
        total += header.key.size() + (header.value ? header.value->size() : 0);
    return total;
}

QString timestampTypeName(TimestampType type)
{
    switch (type) {
    case TimestampType::CreateTime:
        return QStringLiteral("CreateTime");
    case TimestampType::LogAppendTime:
        return QStringLiteral("LogAppendTime");
    case TimestampType::NotAvailable:
        break;
    }
    return QStringLiteral("NotAvailable");
}

} // namespace Samsa

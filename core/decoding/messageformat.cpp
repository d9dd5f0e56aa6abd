#include "messageformat.h"

namespace Samsa {

namespace {

struct FormatInfo {
    MessageFormat format;
    const char* name;
    const char* title;
};

// One table for names and titles, so the three lookups cannot disagree.
constexpr FormatInfo Formats[] = {
    { MessageFormat::Auto, "auto", "Auto" },
    { MessageFormat::String, "string", "String (UTF-8)" },
    { MessageFormat::Json, "json", "JSON" },
    { MessageFormat::AvroRegistry, "avro", "Avro (Schema Registry)" },
    { MessageFormat::AvroFile, "avro-file", "Avro (schema file)" },
    { MessageFormat::AvroSingleObject, "avro-single-object", "Avro (single-object encoding)" },
    { MessageFormat::Hex, "hex", "Hex" },
    { MessageFormat::Base64, "base64", "Base64" },
    { MessageFormat::Int32, "int32", "Integer (32-bit, big-endian)" },
    { MessageFormat::Int64, "int64", "Integer (64-bit, big-endian)" },
    { MessageFormat::Double, "double", "Double (big-endian)" },
};

const FormatInfo& info(MessageFormat format)
{
    for (const FormatInfo& candidate : Formats) {
        if (candidate.format == format)
            return candidate;
    }
    return Formats[0];
}

} // namespace

QString messageFormatName(MessageFormat format)
{
    return QString::fromLatin1(info(format).name);
}

bool parseMessageFormat(const QString& name, MessageFormat* format)
{
    const QString wanted = name.trimmed();
    for (const FormatInfo& candidate : Formats) {
        if (wanted.compare(QLatin1String(candidate.name), Qt::CaseInsensitive) == 0) {
            *format = candidate.format;
            return true;
        }
    }
    return false;
}

QString messageFormatTitle(MessageFormat format)
{
    return QString::fromLatin1(info(format).title);
}

QList<MessageFormat> allMessageFormats()
{
    QList<MessageFormat> result;
    for (const FormatInfo& candidate : Formats)
        result.append(candidate.format);
    return result;
}

} // namespace Samsa

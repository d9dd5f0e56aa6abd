// The client.properties importer (core/profiles/propertiesimport.h): any bytes, decoded as
// parseFile decodes a file (UTF-8, else ISO-8859-1), then read into a profile.

#include "profiles/propertiesimport.h"

#include <QByteArray>
#include <QStringDecoder>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    const auto result = Samsa::PropertiesImport::parse(text, QStringLiteral("fuzz"));
    // Touch what the dialog shows, so that a dangling or uninitialised value would be read.
    qsizetype total = result.profile.name.size() + result.errors.size() + result.unknownKeys.size();
    for (const QString& line : result.unsupported)
        total += line.size();
    return total < 0 ? 1 : 0;
}

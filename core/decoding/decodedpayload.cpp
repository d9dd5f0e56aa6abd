#include "decodedpayload.h"

namespace Samsa {

namespace {

// The table shows one line: line breaks and tabs become spaces, so a multi-line text does not
// make a row taller or hide what follows.
QString oneLine(QStringView text, int maxChars)
{
    const bool cut = maxChars >= 0 && text.size() > maxChars;
    QString line = (cut ? text.first(maxChars) : text).toString();
    for (QChar& c : line) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    if (cut)
        line.append(QChar(0x2026)); // …
    return line;
}

} // namespace

QString DecodedPayload::preview(int maxChars) const
{
    switch (kind) {
    case Kind::Null:
        return {};
    case Kind::Text:
        return oneLine(text, maxChars);
    case Kind::Json: {
        // Only the start is needed: convert no more than the preview can show.
        const qsizetype bytes = maxChars >= 0 ? std::min<qsizetype>(json.size(), qsizetype(maxChars) * 4 + 4) : json.size();
        QString start = QString::fromUtf8(json.constData(), bytes);
        if (bytes < json.size() && start.size() <= maxChars)
            start.append(QChar(0x2026));
        return oneLine(start, maxChars);
    }
    case Kind::Pending:
        return schemaId >= 0 ? QStringLiteral("waiting for schema %1 from the registry").arg(schemaId)
                             : QStringLiteral("waiting for the schema");
    case Kind::Error:
        return oneLine(QString(QString(QChar(0x26A0)) + QLatin1Char(' ') + error), maxChars);
    }
    return {};
}

} // namespace Samsa

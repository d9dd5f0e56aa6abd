#include "javaproperties.h"

namespace Samsa {

namespace {

bool isPropertiesSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\f');
}

bool endsWithContinuation(const QString& line)
{
    qsizetype backslashes = 0;
    for (qsizetype i = line.size() - 1; i >= 0 && line.at(i) == QLatin1Char('\\'); --i)
        ++backslashes;
    return backslashes % 2 == 1;
}

qsizetype skipSpaces(const QString& text, qsizetype position)
{
    while (position < text.size() && isPropertiesSpace(text.at(position)))
        ++position;
    return position;
}

// Undoes the escapes of a key or value; \uXXXX is decoded, any other escaped char stands for itself.
QString unescape(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= text.size()) {
            result.append(c);
            continue;
        }
        const QChar next = text.at(++i);
        switch (next.unicode()) {
        case 't':
            result.append(QLatin1Char('\t'));
            break;
        case 'n':
            result.append(QLatin1Char('\n'));
            break;
        case 'r':
            result.append(QLatin1Char('\r'));
            break;
        case 'f':
            result.append(QLatin1Char('\f'));
            break;
        case 'u': {
            bool ok = false;
            const ushort code = text.mid(i + 1, 4).toUShort(&ok, 16);
            if (ok && i + 4 < text.size()) {
                result.append(QChar(code));
                i += 4;
            } else {
                result.append(next);
            }
            break;
        }
        default:
            result.append(next);
        }
    }
    return result;
}

} // namespace

QList<JavaProperty> parseJavaProperties(const QString& text, QStringList* errors)
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    normalized.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = normalized.split(QLatin1Char('\n'));

    QList<JavaProperty> properties;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int startLine = int(index + 1);
        QString logical = lines.at(index).mid(skipSpaces(lines.at(index), 0));
        if (logical.isEmpty() || logical.startsWith(QLatin1Char('#')) || logical.startsWith(QLatin1Char('!')))
            continue; // a comment never continues onto the next line
        while (endsWithContinuation(logical) && index + 1 < lines.size()) {
            logical.chop(1);
            ++index;
            logical += lines.at(index).mid(skipSpaces(lines.at(index), 0));
        }
        if (endsWithContinuation(logical))
            logical.chop(1); // continuation on the last line of the file

        // The key ends at the first unescaped '=', ':' or whitespace.
        qsizetype keyEnd = 0;
        while (keyEnd < logical.size()) {
            const QChar c = logical.at(keyEnd);
            if (c == QLatin1Char('\\')) {
                keyEnd += 2;
                continue;
            }
            if (c == QLatin1Char('=') || c == QLatin1Char(':') || isPropertiesSpace(c))
                break;
            ++keyEnd;
        }
        keyEnd = qMin(keyEnd, logical.size());
        qsizetype valueStart = skipSpaces(logical, keyEnd);
        if (valueStart < logical.size()
            && (logical.at(valueStart) == QLatin1Char('=') || logical.at(valueStart) == QLatin1Char(':')))
            valueStart = skipSpaces(logical, valueStart + 1);

        JavaProperty property;
        property.line = startLine;
        property.key = unescape(logical.left(keyEnd)).trimmed();
        property.value = unescape(logical.mid(valueStart)).trimmed();
        if (property.key.isEmpty()) {
            if (errors)
                errors->append(QStringLiteral("line %1: no key before the value").arg(startLine));
            continue;
        }
        properties.append(property);
    }
    return properties;
}

} // namespace Samsa

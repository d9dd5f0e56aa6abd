#include "producepayload.h"

#include "decoding/jsontext.h"

#include <QRegularExpression>

#include <algorithm>

namespace Samsa {

PayloadResult encodeTextPayload(const QString& text) { return { text.toUtf8(), {} }; }

TextPosition textPosition(const QString& text, qsizetype offset)
{
    TextPosition position;
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

PayloadResult encodeJsonPayload(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    // JsonText keeps numbers and strings byte for byte (QJsonDocument would turn 1.10 into 1.1).
    const JsonText::Result parsed = JsonText::normalize(utf8, false);
    if (parsed.ok)
        return { parsed.json, {} };
    // The parser counts UTF-8 bytes; the user counts characters.
    const qsizetype characters = QString::fromUtf8(utf8.left(std::max<qsizetype>(0, parsed.errorOffset))).size();
    const TextPosition at = textPosition(text, characters);
    QString reason = parsed.error;
    reason.remove(QRegularExpression(QStringLiteral(" at byte \\d+$")));
    return { {}, QStringLiteral("line %1, column %2: %3").arg(at.line).arg(at.column).arg(reason) };
}

PayloadResult encodeHexPayload(const QString& text)
{
    QByteArray bytes;
    bytes.reserve(text.size() / 2);
    qsizetype start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    if (text.mid(start, 2).compare(QLatin1String("0x"), Qt::CaseInsensitive) == 0)
        start += 2;
    int pending = -1; // high nibble waiting for its low one
    int digits = 0;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isSpace())
            continue;
        int value = -1;
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            value = c.unicode() - '0';
        else if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
            value = c.unicode() - 'a' + 10;
        else if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
            value = c.unicode() - 'A' + 10;
        if (value < 0)
            return { {}, QStringLiteral("character %1 ('%2') is not a hex digit").arg(i + 1).arg(c) };
        ++digits;
        if (pending < 0) {
            pending = value;
        } else {
            bytes.append(char(pending * 16 + value));
            pending = -1;
        }
    }
    if (pending >= 0)
        return { {}, QStringLiteral("odd number of hex digits (%1)").arg(digits) };
    return { bytes, {} };
}

QString subjectNameStrategyName(SubjectNameStrategy strategy)
{
    switch (strategy) {
    case SubjectNameStrategy::TopicName:
        return QStringLiteral("TopicNameStrategy");
    case SubjectNameStrategy::RecordName:
        return QStringLiteral("RecordNameStrategy");
    case SubjectNameStrategy::TopicRecordName:
        return QStringLiteral("TopicRecordNameStrategy");
    }
    return {};
}

QString subjectName(SubjectNameStrategy strategy, const QString& topic, const QString& recordFullName, bool isKey)
{
    switch (strategy) {
    case SubjectNameStrategy::TopicName:
        return topic + (isKey ? QStringLiteral("-key") : QStringLiteral("-value"));
    case SubjectNameStrategy::RecordName:
        return recordFullName;
    case SubjectNameStrategy::TopicRecordName:
        return recordFullName.isEmpty() ? QString() : topic + QLatin1Char('-') + recordFullName;
    }
    return {};
}

QStringList candidateSubjects(SubjectNameStrategy strategy, const QString& topic, const QStringList& subjects, bool isKey)
{
    const QString keySubject = topic + QStringLiteral("-key");
    const QString valueSubject = topic + QStringLiteral("-value");
    QStringList result;
    for (const QString& subject : subjects) {
        bool fits = false;
        switch (strategy) {
        case SubjectNameStrategy::TopicName:
            fits = subject == (isKey ? keySubject : valueSubject);
            break;
        case SubjectNameStrategy::TopicRecordName:
            fits = subject.startsWith(topic + QLatin1Char('-')) && subject.size() > topic.size() + 1
                && subject != keySubject && subject != valueSubject;
            break;
        case SubjectNameStrategy::RecordName:
            fits = !subject.endsWith(QLatin1String("-value")) && !subject.endsWith(QLatin1String("-key"));
            break;
        }
        if (fits)
            result.append(subject);
    }
    result.sort();
    return result;
}

} // namespace Samsa

#include "brokerlogline.h"

#include <QRegularExpression>

namespace Samsa {

QString brokerLogLevelName(BrokerLogLine::Level level)
{
    switch (level) {
    case BrokerLogLine::Level::Debug:
        return QStringLiteral("DEBUG");
    case BrokerLogLine::Level::Info:
        return QStringLiteral("INFO");
    case BrokerLogLine::Level::Warning:
        return QStringLiteral("WARN");
    case BrokerLogLine::Level::Error:
        return QStringLiteral("ERROR");
    }
    return QString();
}

QString BrokerLogLine::toString() const
{
    const QString levelText = brokerLogLevelName(level).leftJustified(5);
    if (time.isEmpty())
        return levelText + QLatin1Char(' ') + text;
    return time + QLatin1Char(' ') + levelText + QLatin1Char(' ') + text;
}

BrokerLogLine parseBrokerLogLine(const QString& line)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)\\s+(DEBUG|INFO|WARN|WARNING|ERROR)\\s*(.*)$"));
    BrokerLogLine parsed;
    const QRegularExpressionMatch match = pattern.match(line);
    if (!match.hasMatch()) {
        // Errors before logging is set up come as "samsa-broker: reason".
        parsed.level = line.startsWith(QLatin1String("samsa-broker: ")) ? BrokerLogLine::Level::Error
                                                                        : BrokerLogLine::Level::Info;
        parsed.text = line;
        return parsed;
    }
    parsed.time = match.captured(1);
    const QString level = match.captured(2);
    if (level == QLatin1String("DEBUG"))
        parsed.level = BrokerLogLine::Level::Debug;
    else if (level.startsWith(QLatin1String("WARN")))
        parsed.level = BrokerLogLine::Level::Warning;
    else if (level == QLatin1String("ERROR"))
        parsed.level = BrokerLogLine::Level::Error;
    parsed.text = match.captured(3);
    return parsed;
}

} // namespace Samsa

#pragma once

// One line of samsa-broker's output. The broker writes "2026-11-23T11:06:34.123Z INFO  text" to stderr
// (broker/src/common/log.cpp); a few early errors are plain "samsa-broker: reason" lines.

#include <QList>
#include <QMetaType>
#include <QString>

namespace Samsa {

struct BrokerLogLine {
    enum class Level { Debug, Info, Warning, Error };

    Level level = Level::Info;
    QString time; // as the broker wrote it (UTC, ISO 8601); empty for lines without a timestamp
    QString text; // the message, without time and level

    QString toString() const; // "time LEVEL text", as it would appear in a terminal
};

BrokerLogLine parseBrokerLogLine(const QString& line);
QString brokerLogLevelName(BrokerLogLine::Level level); // "DEBUG", "INFO", "WARN", "ERROR"

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::BrokerLogLine)

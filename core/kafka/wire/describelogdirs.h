#pragma once

// DescribeLogDirs (API key 35) version 1, the oldest one Kafka 4 still answers: the size on disk of
// every partition replica a broker holds. Encoding and decoding only; WireConnection sends it.

#include <QByteArray>
#include <QList>
#include <QString>

namespace Samsa {

struct LogDirPartition {
    QString topic;
    int partition = -1;
    qint64 bytes = -1;
    bool future = false; // a copy being moved between directories, not the live log
};

struct LogDirsAnswer {
    QList<LogDirPartition> partitions; // of the directories that answered without error
    QStringList directoryErrors; // "/var/kafka: KAFKA_STORAGE_ERROR (56): ..."
};

namespace DescribeLogDirs {

constexpr qint16 ApiKey = 35;
constexpr qint16 Version = 1;

// All topics (a null array).
QByteArray encodeRequestAll();

// False with *error set when the body is malformed; counts are checked against its size.
bool decodeResponse(const QByteArray& body, LogDirsAnswer* answer, QString* error);

} // namespace DescribeLogDirs

} // namespace Samsa

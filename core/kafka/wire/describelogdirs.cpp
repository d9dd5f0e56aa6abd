#include "describelogdirs.h"

#include "wirecodec.h"
#include "wireconnection.h"

namespace Samsa::DescribeLogDirs {

QByteArray encodeRequestAll()
{
    WireWriter writer;
    writer.nullArray();
    return writer.data();
}

bool decodeResponse(const QByteArray& body, LogDirsAnswer* answer, QString* error)
{
    WireReader in(body);
    qint32 throttleMs = 0;
    qint32 directories = 0;
    const auto broken = [&] {
        *error = QStringLiteral("The DescribeLogDirs answer is broken: %1").arg(in.error());
        return false;
    };
    // Smallest entries: a directory is code, empty string, empty array (8 bytes); a topic an empty
    // name and an empty array (6); a partition 21 bytes.
    if (!in.int32(&throttleMs) || !in.arrayCount(8, &directories))
        return broken();
    for (qint32 d = 0; d < directories; ++d) {
        qint16 code = 0;
        QString directory;
        qint32 topics = 0;
        if (!in.int16(&code) || !in.string(&directory) || !in.arrayCount(6, &topics))
            return broken();
        if (code != 0)
            answer->directoryErrors.append(QStringLiteral("%1: %2").arg(directory, kafkaErrorText(code)));
        for (qint32 t = 0; t < topics; ++t) {
            QString topic;
            qint32 partitions = 0;
            if (!in.string(&topic) || !in.arrayCount(21, &partitions))
                return broken();
            for (qint32 p = 0; p < partitions; ++p) {
                LogDirPartition entry;
                qint32 index = 0;
                qint64 offsetLag = 0;
                entry.topic = topic;
                if (!in.int32(&index) || !in.int64(&entry.bytes) || !in.int64(&offsetLag) || !in.boolean(&entry.future))
                    return broken();
                entry.partition = index;
                if (code == 0)
                    answer->partitions.append(entry);
            }
        }
    }
    if (!in.atEnd()) {
        *error = QStringLiteral("The DescribeLogDirs answer has bytes left over after its last field");
        return false;
    }
    return true;
}

} // namespace Samsa::DescribeLogDirs

#pragma once

// Kafka's default partitioner for records with a key: murmur2 of the serialized key bytes, made
// positive, modulo the partition count. The same function as Java's Utils.murmur2 with
// Utils.toPositive (DefaultPartitioner, BuiltInPartitioner) and librdkafka's "murmur2_random"
// partitioner for non-null keys, so "where does key k go" has one answer for every client.

#include <QByteArrayView>
#include <QString>

namespace Samsa {

class Murmur2Partitioner {
public:
    // Java's Utils.murmur2: seed 0x9747b28c, signed 32-bit result.
    static qint32 murmur2(QByteArrayView data);
    // Utils.toPositive(murmur2(key)) % partitionCount; -1 when partitionCount < 1.
    static int partitionFor(QByteArrayView key, int partitionCount);
    // Why reading stops at that partition, for the user:
    // key "k" hashes to partition 3 of 6 (murmur2, as Java's default partitioner and librdkafka)
    // (a binary key is shown in hex: key 0x00ff hashes to ...)
    static QString explain(QByteArrayView key, int partitionCount);
};

} // namespace Samsa

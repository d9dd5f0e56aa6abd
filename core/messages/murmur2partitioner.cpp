#include "murmur2partitioner.h"

#include <QStringDecoder>
#include <algorithm>

namespace Samsa {

qint32 Murmur2Partitioner::murmur2(QByteArrayView data)
{
    // Unsigned arithmetic gives Java's wrapping int multiplication and >>> without undefined
    // behaviour; the bytes are read little-endian, as Java assembles them.
    constexpr quint32 seed = 0x9747b28c;
    constexpr quint32 m = 0x5bd1e995;
    constexpr int r = 24;
    const auto* bytes = reinterpret_cast<const quint8*>(data.data());
    const qsizetype length = data.size();
    quint32 h = seed ^ quint32(length);
    const qsizetype blocks = length / 4;
    for (qsizetype i = 0; i < blocks; ++i) {
        const quint8* at = bytes + i * 4;
        quint32 k = quint32(at[0]) | (quint32(at[1]) << 8) | (quint32(at[2]) << 16) | (quint32(at[3]) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const quint8* tail = bytes + blocks * 4;
    switch (length % 4) {
    case 3:
        h ^= quint32(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= quint32(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= quint32(tail[0]);
        h *= m;
        break;
    default:
        break;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return qint32(h);
}

int Murmur2Partitioner::partitionFor(QByteArrayView key, int partitionCount)
{
    if (partitionCount < 1)
        return -1;
    // Utils.toPositive: clear the sign bit (not abs(), which Kafka 0.8 used and got wrong for MIN_VALUE).
    const quint32 positive = quint32(murmur2(key)) & 0x7fffffffu;
    return int(positive % quint32(partitionCount));
}

QString Murmur2Partitioner::explain(QByteArrayView key, int partitionCount)
{
    // Text keys are quoted as typed; binary ones (not UTF-8, or with control bytes) shown in hex.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(key);
    const bool printable = !decoder.hasError()
        && std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
    const QString shown = printable ? QString(QLatin1Char('"') + text + QLatin1Char('"'))
                                    : QString(QStringLiteral("0x") + QString::fromLatin1(key.toByteArray().toHex()));
    return QStringLiteral("key %1 hashes to partition %2 of %3 (murmur2, as Java's default partitioner and librdkafka)")
        .arg(shown)
        .arg(partitionFor(key, partitionCount))
        .arg(partitionCount);
}

} // namespace Samsa

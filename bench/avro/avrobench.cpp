// Avro decoding speed on one core: the fixtures' `orders` messages (tests/data/avro, schema 1)
// decoded to plain JSON by AvroDatumDecoder, beside the peer: avro-c's own avro_value_read into a
// reused generic value, with no JSON at all (the floor any avro-c based decoder stands on).
// Rates are per second of the thread's CPU time, so other work on the machine does not count.
//
// avro-bench [--seconds S] [--data DIR]

#include "decoding/avrodatumdecoder.h"
#include "decoding/avroframing.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <avro.h>

#include <cstdio>
#include <ctime>
#include <vector>

#ifdef __linux__
#include <sched.h>
#endif

using namespace Samsa;

namespace {

struct Figure {
    double messagesPerSecond = 0;
    qint64 messages = 0;
    qint64 bytes = 0;
};

// CPU time of this thread: on a busy machine wall time mostly measures the other processes.
double threadSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

template<typename Decode>
Figure run(const std::vector<QByteArray>& datums, double seconds, Decode decode)
{
    // Warm up caches and pools, then decode the whole set again and again until the time is up.
    for (const QByteArray& datum : datums)
        decode(datum);
    Figure figure;
    const double start = threadSeconds();
    while (threadSeconds() - start < seconds) {
        for (int round = 0; round < 100; ++round) {
            for (const QByteArray& datum : datums) {
                figure.bytes += decode(datum);
                ++figure.messages;
            }
        }
    }
    figure.messagesPerSecond = double(figure.messages) / (threadSeconds() - start);
    return figure;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    double seconds = 3;
    QString dataDir = QStringLiteral(SAMSA_BENCH_SOURCE_DIR "/tests/data/avro");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QStringLiteral("--seconds"))
            seconds = args[i + 1].toDouble();
        else if (args[i] == QStringLiteral("--data"))
            dataDir = args[i + 1];
    }
#ifdef __linux__
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    sched_setaffinity(0, sizeof one, &one); // one core, as the target says
#endif

    QFile schemaFile(dataDir + QStringLiteral("/schemas/1.avsc"));
    QFile messagesFile(dataDir + QStringLiteral("/messages.jsonl"));
    if (!schemaFile.open(QIODevice::ReadOnly) || !messagesFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the fixtures in %s\n", qPrintable(dataDir));
        return 1;
    }
    const QByteArray schema = schemaFile.readAll();
    std::vector<QByteArray> datums;
    while (!messagesFile.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(messagesFile.readLine()).object();
        if (line.value(QStringLiteral("schema_id")).toInt() != 1)
            continue;
        const QByteArray wire = QByteArray::fromHex(line.value(QStringLiteral("wire_hex")).toString().toLatin1());
        quint32 id = 0;
        QByteArrayView datum;
        if (AvroFraming::readConfluent(wire, &id, &datum))
            datums.push_back(datum.toByteArray());
    }
    qint64 totalBytes = 0;
    for (const QByteArray& datum : datums)
        totalBytes += datum.size();

    QString error;
    const auto decoder = AvroDatumDecoder::create(schema, &error);
    if (!decoder) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const Figure ours = run(datums, seconds, [&](const QByteArray& datum) {
        const auto result = decoder->decode(datum, true);
        return result.ok ? result.json.size() : -1000000;
    });

    avro_schema_t avroSchema = nullptr;
    if (avro_schema_from_json_length(schema.constData(), size_t(schema.size()), &avroSchema) != 0) {
        std::fprintf(stderr, "avro-c: %s\n", avro_strerror());
        return 1;
    }
    avro_value_iface_t* avroClass = avro_generic_class_from_schema(avroSchema);
    avro_value_t value;
    avro_generic_value_new(avroClass, &value);
    avro_reader_t reader = avro_reader_memory(nullptr, 0);
    const Figure peer = run(datums, seconds, [&](const QByteArray& datum) {
        avro_reader_memory_set_source(reader, datum.constData(), datum.size());
        return avro_value_read(reader, &value) == 0 ? qint64(datum.size()) : -1000000;
    });
    avro_reader_free(reader);
    avro_value_decref(&value);
    avro_value_iface_decref(avroClass);
    avro_schema_decref(avroSchema);

    if (ours.bytes < 0 || peer.bytes < 0) {
        std::fprintf(stderr, "a fixture failed to decode\n");
        return 1;
    }
    std::printf("orders fixtures: %zu messages, %.1f bytes on average, %.1f s of CPU per side, one thread on one core\n",
        datums.size(),
        double(totalBytes) / double(datums.size()), seconds);
    std::printf("samsa AvroDatumDecoder (to plain JSON): %12.0f messages/s\n", ours.messagesPerSecond);
    std::printf("avro-c avro_value_read (no JSON):       %12.0f messages/s\n", peer.messagesPerSecond);
    std::printf("ratio samsa / avro-c: %.2f   target >= 300,000 messages/s: %s\n",
        ours.messagesPerSecond / peer.messagesPerSecond, ours.messagesPerSecond >= 300000 ? "met" : "NOT met");
    return 0;
}

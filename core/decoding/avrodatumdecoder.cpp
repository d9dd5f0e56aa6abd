#include "avrodatumdecoder.h"

#include "avrodatumvalidator.h"
#include "avrojsonwriter.h"
#include "avroschemabinding.h"

#include <avro.h>

#include <mutex>
#include <vector>

namespace Samsa {

namespace {

// An avro-c value and reader for one decode at a time. avro-c values are not thread-safe, and
// making one costs far more than reading a small datum, so they are pooled and reused.
struct DecodeSlot {
    avro_value_t value {};
    avro_reader_t reader = nullptr;
    std::string json;
    std::vector<AvroJsonWriter::Step> path;

    ~DecodeSlot()
    {
        if (reader)
            avro_reader_free(reader);
        if (value.iface)
            avro_value_decref(&value);
    }
};

constexpr size_t MaxIdleSlots = 16;

} // namespace

struct AvroDatumDecoder::Private {
    std::shared_ptr<const AvroSchemaBinding> schema;
    mutable std::mutex poolMutex;
    mutable std::vector<std::unique_ptr<DecodeSlot>> pool;

    std::unique_ptr<DecodeSlot> acquire() const
    {
        {
            std::lock_guard lock(poolMutex);
            if (!pool.empty()) {
                auto slot = std::move(pool.back());
                pool.pop_back();
                return slot;
            }
        }
        auto slot = std::make_unique<DecodeSlot>();
        if (avro_generic_value_new(schema->avroClass(), &slot->value) != 0) {
            slot->value = {};
            return nullptr;
        }
        slot->reader = avro_reader_memory(nullptr, 0);
        if (!slot->reader)
            return nullptr;
        return slot;
    }

    void release(std::unique_ptr<DecodeSlot> slot) const
    {
        // A huge datum leaves huge buffers behind; do not keep them.
        if (slot->json.capacity() > 1 << 20)
            return;
        std::lock_guard lock(poolMutex);
        if (pool.size() < MaxIdleSlots)
            pool.push_back(std::move(slot));
    }
};

AvroDatumDecoder::AvroDatumDecoder()
    : d(std::make_unique<Private>())
{
}

AvroDatumDecoder::~AvroDatumDecoder() = default;

std::shared_ptr<const AvroDatumDecoder> AvroDatumDecoder::create(const QByteArray& schemaJson, QString* error)
{
    auto schema = AvroSchemaBinding::create(schemaJson, error);
    if (!schema)
        return nullptr;
    std::shared_ptr<AvroDatumDecoder> decoder(new AvroDatumDecoder());
    decoder->d->schema = std::move(schema);
    return decoder;
}

AvroDatumDecoder::Result AvroDatumDecoder::decode(QByteArrayView datum, bool readableLogicalTypes, bool pretty) const
{
    Result result;
    const auto* data = reinterpret_cast<const uint8_t*>(datum.data());
    const auto size = static_cast<size_t>(datum.size());
    // avro-c believes every length and count it reads; check them against the bytes first.
    const AvroDatumCheck check = AvroDatumValidator::check(*d->schema, data, size);
    result.bytesRead = check.bytesRead;
    if (!check.ok) {
        result.error = check.error;
        return result;
    }
    std::unique_ptr<DecodeSlot> slot = d->acquire();
    if (!slot) {
        result.error = QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror()));
        return result;
    }
    avro_reader_memory_set_source(slot->reader, reinterpret_cast<const char*>(data), static_cast<int64_t>(size));
    if (avro_value_read(slot->reader, &slot->value) != 0) {
        result.error = QStringLiteral("avro-c: %1").arg(QString::fromUtf8(avro_strerror()));
        return result;
    }
    slot->json.clear();
    AvroJsonWriter writer(*d->schema, readableLogicalTypes, slot->json, &result.unionBranches, slot->path);
    if (!writer.write(slot->value, d->schema->model().root())) {
        result.error = QStringLiteral("avro-c could not return a part of the value");
        result.unionBranches.clear();
        return result;
    }
    if (pretty) {
        const std::string indented = AvroJsonWriter::indent(slot->json);
        result.json = QByteArray(indented.data(), static_cast<qsizetype>(indented.size()));
    } else {
        result.json = QByteArray(slot->json.data(), static_cast<qsizetype>(slot->json.size()));
    }
    result.ok = true;
    d->release(std::move(slot));
    return result;
}

QByteArray AvroDatumDecoder::schemaJson() const
{
    return d->schema->schemaJson();
}

QString AvroDatumDecoder::fullName() const
{
    return d->schema->fullName();
}

quint64 AvroDatumDecoder::fingerprint() const
{
    return d->schema->fingerprint();
}

} // namespace Samsa

// The app's Avro decoder (core/decoding/avrodatumdecoder.h): the input is a schema text, a NUL
// byte, then one datum. The schema is parsed by both the shared model and avro-c; the datum is
// decoded with and without readable logical types, compact and indented. A decode that succeeds
// must have read exactly the datum and produced non-empty JSON.

#include "decoding/avrodatumdecoder.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstring>
#include <memory>

using Samsa::AvroDatumDecoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const char* text = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(text, 0, size);
    if (!nul)
        return 0;
    const size_t schemaSize = size_t(static_cast<const char*>(nul) - text);
    const QByteArray schema(text, qsizetype(schemaSize));
    const QByteArrayView datum(text + schemaSize + 1, qsizetype(size - schemaSize - 1));

    // Mutations mostly touch the datum: keep the decoder of the last schema.
    static QByteArray lastSchema;
    static std::shared_ptr<const AvroDatumDecoder> decoder;
    if (!decoder || schema != lastSchema) {
        QString error;
        decoder = AvroDatumDecoder::create(schema, &error);
        lastSchema = schema;
        if (!decoder)
            return 0;
        (void)decoder->fullName();
        (void)decoder->fingerprint();
    }
    for (const bool readable : { true, false }) {
        const auto result = decoder->decode(datum, readable, !readable);
        if (result.ok && (result.bytesRead != datum.size() || result.json.isEmpty()))
            __builtin_trap();
    }
    return 0;
}

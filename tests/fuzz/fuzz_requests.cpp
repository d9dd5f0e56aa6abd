// Request decoding: one whole frame (size prefix removed, as the connection hands it to the
// dispatcher), header and body, for every API key and version we serve, through the same
// header parser and message descriptions the dispatcher uses. A body that decodes must encode,
// and that encoding must decode and encode again to the same bytes (the description reads what it
// writes). A key we know at a version we do not serve is read as the dispatcher's
// UNSUPPORTED_VERSION answer reads it.
//
// SAMSA_FUZZ_WRITE_SEEDS=<dir> writes an empty request of every API at every version there (the
// seeds in corpus/requests/ beside the captured client requests).

#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"
#include "protocol/messages/servedapis.h"
#include "protocol/requestheader.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <span>
#include <string>
#include <vector>

using namespace samsa::broker::protocol;

namespace {

template <class Api> constexpr bool flexibleAt(int16_t version)
{
    return Api::firstFlexible >= 0 && version >= Api::firstFlexible;
}

template <class Api> void checkRoundTrip(std::span<const uint8_t> body, int16_t version)
{
    typename Api::Request request;
    if (!decodeMessage(body, version, flexibleAt<Api>(version), request))
        return;
    ByteWriter first;
    encodeMessage(first, version, flexibleAt<Api>(version), request);
    typename Api::Request again;
    if (!decodeMessage(first.buffer(), version, flexibleAt<Api>(version), again))
        __builtin_trap(); // we wrote something we cannot read
    ByteWriter second;
    encodeMessage(second, version, flexibleAt<Api>(version), again);
    if (first.buffer() != second.buffer())
        __builtin_trap();
}

void writeSeeds(const char* dir)
{
    for (const ApiRange& api : supportedApis()) {
        for (int16_t version = api.minVersion; version <= api.maxVersion; ++version) {
            ServedApis::visit(static_cast<int16_t>(api.key), [&]<class Api>() {
                ByteWriter frame;
                frame.writeInt16(static_cast<int16_t>(Api::key));
                frame.writeInt16(version);
                frame.writeInt32(7);
                frame.writeNullableString(false, std::string("fuzz"));
                if (requestHeaderVersion(static_cast<int16_t>(Api::key), version) >= 2)
                    frame.writeEmptyTaggedFields();
                encodeMessage(frame, version, flexibleAt<Api>(version), typename Api::Request {});
                std::ofstream out(std::string(dir) + "/" + std::to_string(int(api.key)) + "-v" + std::to_string(version)
                        + ".bin",
                    std::ios::binary);
                out.write(reinterpret_cast<const char*>(frame.buffer().data()), std::streamsize(frame.buffer().size()));
            });
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    if (const char* dir = std::getenv("SAMSA_FUZZ_WRITE_SEEDS"))
        writeSeeds(dir);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::span<const uint8_t> frame(data, size);
    ByteReader reader(frame);
    const auto header = parseRequestHeader(reader);
    if (!header)
        return 0;
    const auto body = frame.subspan(reader.position());
    if (isSupported(header->apiKey, header->apiVersion)) {
        ServedApis::visit(header->apiKey, [&]<class Api>() { checkRoundTrip<Api>(body, header->apiVersion); });
        return 0;
    }
    ServedApis::visit(header->apiKey, [&]<class Api>() {
        // As answerUnsupportedVersion reads it: our newest version, the header's tagged fields skipped.
        ByteReader in(body);
        if (flexibleAt<Api>(Api::maxVersion))
            in.skipTaggedFields();
        if (in.ok())
            checkRoundTrip<Api>(body.subspan(in.position()), Api::maxVersion);
    });
    return 0;
}

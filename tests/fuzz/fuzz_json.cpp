// The JSON reader shared by the registry and the Avro schema model (libs/avroschema/json.h): any
// bytes, read with the default nesting limit and a small one. A document that parses must dump to
// text that parses again to an equal value, and dump to the same text again.

#include "avroschema/json.h"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    (void)samsa::parseJson(text, &error, 4);
    const auto value = samsa::parseJson(text, &error);
    if (!value)
        return 0;
    const std::string dumped = value->dump();
    const auto again = samsa::parseJson(dumped, &error);
    if (!again || !(*again == *value) || again->dump() != dumped)
        __builtin_trap();
    (void)samsa::quoteJson(text);
    return 0;
}

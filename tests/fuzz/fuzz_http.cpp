// The registry's HTTP/1.1 request parser (broker/src/registry/httprequestparser.h), fed as a
// connection feeds it: the input split into reads whose sizes come from its first bytes, requests taken off
// the front as they complete. Whatever the split, the requests and the final state must be those
// of parsing the whole input at once.

#include "registry/httprequestparser.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace samsa::broker::registry;

namespace {

struct Outcome {
    std::vector<std::string> requests; // method, target, headers and body of each, flattened
    HttpRequestParser::State last = HttpRequestParser::State::NeedMore;
    int status = 0;
    bool operator==(const Outcome&) const = default;
};

std::string flatten(const HttpRequest& request)
{
    std::string text = request.method + ' ' + request.target + ' ' + std::to_string(request.minorVersion) + '\n';
    for (const auto& [name, value] : request.headers)
        text += name + ": " + value + '\n';
    for (const auto& [name, value] : request.query)
        text += name + '=' + value + '\n';
    std::vector<std::string> segments;
    if (pathSegments(request.path, &segments)) {
        for (const auto& segment : segments)
            text += '/' + segment;
    }
    text += '\n' + std::to_string(request.keepAlive()) + std::to_string(request.expectsContinue()) + request.body;
    return text;
}

// Feeds `input` in reads of the given sizes (the rest at once when they run out), as the server
// feeds the parser: requests taken off as they complete, until the first error.
Outcome feed(std::string_view input, const std::vector<size_t>& reads)
{
    HttpRequestParser parser(4096, 64 * 1024);
    Outcome outcome;
    size_t at = 0;
    size_t read = 0;
    bool last = false;
    while (!last) {
        last = at == input.size(); // one empty read at the end: completes what needs no more bytes
        const size_t n = read < reads.size() ? std::min(reads[read++], input.size() - at) : input.size() - at;
        std::string_view rest = input.substr(at, n);
        at += n;
        int idle = 0;
        for (;;) {
            size_t used = 0;
            const auto state = parser.feed(rest, &used);
            if (used > rest.size())
                __builtin_trap();
            rest.remove_prefix(used);
            if (state == HttpRequestParser::State::Complete) {
                if (used == 0 && ++idle > 1)
                    __builtin_trap(); // completes again without reading: the server would spin
                outcome.requests.push_back(flatten(parser.takeRequest()));
                continue;
            }
            if (state == HttpRequestParser::State::Error) {
                outcome.last = state;
                outcome.status = parser.errorStatus();
                return outcome; // the server answers and closes
            }
            if (!rest.empty())
                __builtin_trap(); // NeedMore takes everything
            if (parser.headComplete())
                (void)parser.request().expectsContinue();
            break;
        }
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    // First byte: how many read sizes follow (0-7), one byte each.
    const size_t count = std::min<size_t>(data[0] & 7, size - 1);
    std::vector<size_t> reads;
    for (size_t i = 0; i < count; ++i)
        reads.push_back(size_t(data[1 + i]) + 1);
    const std::string_view input(reinterpret_cast<const char*>(data + 1 + count), size - 1 - count);
    const Outcome whole = feed(input, {});
    const Outcome split = feed(input, reads);
    if (!(whole == split))
        __builtin_trap();
    return 0;
}

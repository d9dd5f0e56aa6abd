// Replay of _schemas at start-up: the input becomes the topic's segment (see replaysupport.h) and
// the Schema Registry opens on it, as the broker does when it starts. Every subject, version and
// schema it then claims to have must be answerable, and the id of the next registration must be
// new (the registry must never hand out an id already in use).

#include "common/log.h"
#include "registry/schemaregistry.h"
#include "replaysupport.h"
#include "storage/logreplay.h"

#include <cstdint>
#include <optional>
#include <set>

using namespace samsa::broker;
using namespace samsa::broker::registry;
using samsa::Json;

namespace {

std::optional<Json> bodyOf(const RegistryReply& reply)
{
    std::string error;
    auto json = samsa::parseJson(reply.body, &error);
    if (!json)
        __builtin_trap(); // the registry answers JSON, always
    return reply.status == 200 ? json : std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    setLogLevel(LogLevel::Error);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> segment = samsa::fuzz::segmentBytes(data, size);

    std::vector<DecodedRecord> records;
    decodeReplayChunk(segment, 0, SchemaLog::TopicName, &records);

    BrokerConfig config;
    auto logs = samsa::fuzz::logWith(config, SchemaLog::TopicName, segment);
    if (!logs)
        return 0;
    std::string error;
    if (auto registry = SchemaRegistry::open(*logs, &error)) {
        std::set<int64_t> ids;
        const auto subjects = bodyOf(registry->subjects(true, ""));
        if (subjects && subjects->isArray()) {
            for (const Json& subject : subjects->items()) {
                if (!subject.isString())
                    __builtin_trap();
                const auto versions = bodyOf(registry->versions(subject.string(), true));
                if (!versions || !versions->isArray())
                    continue;
                for (const Json& version : versions->items()) {
                    const auto one = bodyOf(registry->version(subject.string(), version.dump(), true, false));
                    if (one && one->isObject()) {
                        if (const Json* id = one->find("id"); id && id->isInteger())
                            ids.insert(id->integer());
                    }
                }
            }
        }
        (void)registry->config(std::nullopt, true);
        // A schema no replayed record can hold (its name is new): it must get an id of its own.
        Json body = Json::object();
        body.set("schema", Json(std::string(R"({"type":"record","name":"FuzzNew","fields":[]})")));
        const auto registered = bodyOf(registry->registerSchema("fuzz-new-subject", body));
        if (registered && registered->isObject()) {
            const Json* id = registered->find("id");
            if (id && id->isInteger() && ids.count(id->integer())) {
                // Only right when that id already holds this very schema.
                const auto existing = bodyOf(registry->schemaById(id->integer(), false));
                const Json* text = existing && existing->isObject() ? existing->find("schema") : nullptr;
                if (!text || !text->isString() || text->string().find("FuzzNew") == std::string::npos)
                    __builtin_trap(); // an id handed out twice
            }
        }
    }
    logs->shutdown();
    return 0;
}

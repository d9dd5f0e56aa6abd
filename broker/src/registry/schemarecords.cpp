// SchemaRegistry's side of the _schemas topic: replaying its records into the in-memory state.
// Keys and values are JSON as Confluent's registry writes them:
//   {"keytype":"SCHEMA","subject":S,"version":N,"magic":1} -> {"subject","version","id","schema","deleted"}
//   {"keytype":"CONFIG","subject":S|null,"magic":0}        -> {"compatibilityLevel":L}
//   {"keytype":"DELETE_SUBJECT","subject":S,"magic":0}     -> {"subject":S,"version":N}
// A null value (tombstone) removes what its key names.

#include "common/log.h"
#include "registry/schemaregistry.h"

namespace samsa::broker::registry {

namespace {

std::optional<Json> parseBytes(const std::optional<Bytes>& bytes)
{
    if (!bytes)
        return std::nullopt;
    std::string error;
    return parseJson(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), &error);
}

int versionNumber(const Json* value)
{
    return value && value->isInteger() && value->integer() > 0 && value->integer() <= INT32_MAX
        ? static_cast<int>(value->integer())
        : 0;
}

} // namespace

std::unique_ptr<SchemaRegistry> SchemaRegistry::open(LogManager& logs, std::string* error)
{
    auto log = SchemaLog::open(logs, error);
    if (!log)
        return nullptr;
    std::unique_ptr<SchemaRegistry> registry(new SchemaRegistry(std::move(log)));
    std::lock_guard lock(registry->m_mutex);
    if (!registry->catchUp(error))
        return nullptr;
    return registry;
}

bool SchemaRegistry::catchUp(std::string* error)
{
    std::vector<DecodedRecord> records;
    bool replaced = false;
    const bool ok = m_log->readNew(&records, &replaced, error);
    for (const auto& record : records)
        apply(record);
    if (ok && replaced) {
        // A client deleted the topic: write back what it held, or a restart would lose every
        // schema (and the ids that messages in other topics refer to).
        log(LogLevel::Warning, "schema registry: the %s topic was deleted; writing its %zu subject(s) back",
            SchemaLog::TopicName, m_subjects.size());
        return m_log->append(stateRecords(), error) && catchUp(error);
    }
    return ok;
}

bool SchemaRegistry::write(std::vector<KeyValue> records, std::string* error)
{
    return m_log->append(records, error) && catchUp(error);
}

void SchemaRegistry::apply(const DecodedRecord& record)
{
    const auto key = parseBytes(record.key);
    const auto value = parseBytes(record.value);
    // An id is taken as used wherever it appears, even in a record that is not applied below:
    // messages may carry it, so it must never be handed out again.
    if (value && value->isObject())
        noteId(value->find("id"), record.offset);
    if (!key || !key->isObject()) {
        log(LogLevel::Warning, "schema registry: ignoring a record of %s at offset %lld without a JSON key",
            SchemaLog::TopicName, static_cast<long long>(record.offset));
        return;
    }
    if (record.value && !value) {
        log(LogLevel::Warning, "schema registry: ignoring a record of %s at offset %lld without a JSON value",
            SchemaLog::TopicName, static_cast<long long>(record.offset));
        return;
    }
    const Json* type = key->find("keytype");
    const std::string keyType = type && type->isString() ? type->string() : std::string();
    if (keyType == "SCHEMA")
        applySchema(*key, value ? &*value : nullptr, record.offset);
    else if (keyType == "CONFIG")
        applyConfig(*key, value ? &*value : nullptr);
    else if (keyType == "DELETE_SUBJECT")
        applyDeleteSubject(*key, value ? &*value : nullptr);
    // NOOP, MODE and others carry nothing this registry keeps.
}

void SchemaRegistry::noteId(const Json* id, int64_t offset)
{
    if (!id || !id->isInteger())
        return;
    if (id->integer() <= 0 || id->integer() > MaxId) {
        // Such an id fits no message (the wire format holds 4 bytes), so it blocks nothing.
        log(LogLevel::Warning, "schema registry: ignoring id %lld at offset %lld of %s: ids are 1 to 2^31-1",
            static_cast<long long>(id->integer()), static_cast<long long>(offset), SchemaLog::TopicName);
        return;
    }
    m_usedIds.insert(id->integer());
    m_maxId = std::max(m_maxId, id->integer());
}

void SchemaRegistry::applySchema(const Json& key, const Json* value, int64_t offset)
{
    const Json* subjectName = key.find("subject");
    const int version = versionNumber(key.find("version"));
    if (!subjectName || !subjectName->isString() || version == 0)
        return;
    const std::string& name = subjectName->string();
    if (!value) {
        auto it = m_subjects.find(name);
        if (it != m_subjects.end()) {
            it->second.versions.erase(version);
            if (it->second.versions.empty() && !it->second.level)
                m_subjects.erase(it);
        }
        return;
    }
    const Json* id = value->find("id");
    const Json* schema = value->find("schema");
    const Json* deleted = value->find("deleted");
    if (!id || !id->isInteger() || id->integer() <= 0 || id->integer() > MaxId || !schema || !schema->isString())
        return;
    // Records written by another registry hold its own text of the schema: store ours.
    std::string canonical = schema->string();
    if (const auto parsedSchema = AvroSchema::parse(schema->string(), nullptr))
        canonical = parsedSchema->canonical();
    if (auto known = m_schemaById.find(id->integer()); known != m_schemaById.end() && known->second != canonical) {
        // Another schema already has this id: serving this one under it would decode messages wrongly.
        log(LogLevel::Warning, "schema registry: ignoring the record at offset %lld of %s: id %lld already names "
            "another schema", static_cast<long long>(offset), SchemaLog::TopicName,
            static_cast<long long>(id->integer()));
        return;
    }
    m_schemaById.emplace(id->integer(), canonical);
    m_idBySchema.emplace(canonical, id->integer());
    m_subjects[name].versions[version] = Version { id->integer(), deleted && deleted->isBool() && deleted->boolean() };
}

void SchemaRegistry::applyConfig(const Json& key, const Json* value)
{
    const Json* subjectName = key.find("subject");
    std::optional<Compatibility> level;
    if (value) {
        const Json* name = value->find("compatibilityLevel");
        if (!name || !name->isString() || !(level = compatibilityFromName(name->string())))
            return;
    }
    if (!subjectName || subjectName->isNull()) {
        m_globalLevel = level.value_or(Compatibility::Backward);
        return;
    }
    if (!subjectName->isString())
        return;
    if (level) {
        m_subjects[subjectName->string()].level = level;
        return;
    }
    auto it = m_subjects.find(subjectName->string());
    if (it != m_subjects.end()) {
        it->second.level.reset();
        if (it->second.versions.empty())
            m_subjects.erase(it);
    }
}

void SchemaRegistry::applyDeleteSubject(const Json& key, const Json* value)
{
    const Json* subjectName = key.find("subject");
    if (!value || !subjectName || !subjectName->isString())
        return;
    auto it = m_subjects.find(subjectName->string());
    const int upTo = versionNumber(value->find("version"));
    if (it == m_subjects.end())
        return;
    for (auto& [number, entry] : it->second.versions) {
        if (number <= upTo)
            entry.deleted = true;
    }
}

} // namespace samsa::broker::registry

#include "registry/schemaregistry.h"

#include <algorithm>
#include <charconv>

namespace samsa::broker::registry {

namespace {

Bytes toBytes(const Json& json)
{
    const std::string text = json.dump();
    return Bytes(text.begin(), text.end());
}

Bytes schemaKey(const std::string& subject, int version)
{
    return toBytes(
        Json(Json::Object { { "keytype", "SCHEMA" }, { "subject", subject }, { "version", version }, { "magic", 1 } }));
}

Bytes schemaValue(const std::string& subject, int version, int64_t id, const std::string& schema, bool deleted)
{
    return toBytes(Json(Json::Object {
        { "subject", subject }, { "version", version }, { "id", id }, { "schema", schema }, { "deleted", deleted } }));
}

Bytes configKey(const std::optional<std::string>& subject)
{
    return toBytes(Json(
        Json::Object { { "keytype", "CONFIG" }, { "subject", subject ? Json(*subject) : Json() }, { "magic", 0 } }));
}

std::string subjectNotFound(const std::string& subject)
{
    return "Subject '" + subject + "' not found.";
}

RegistryReply storeError(const std::string& detail)
{
    return RegistryReply::error(errors::StoreError, "Error in the backend data store: " + detail);
}

std::string upper(std::string text)
{
    for (auto& c : text)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return text;
}

} // namespace

std::vector<KeyValue> SchemaRegistry::stateRecords() const
{
    std::vector<KeyValue> records;
    const Json global(Json::Object { { "compatibilityLevel", compatibilityName(m_globalLevel) } });
    records.push_back({ configKey(std::nullopt), toBytes(global) });
    for (const auto& [name, subject] : m_subjects) {
        for (const auto& [number, entry] : subject.versions) {
            auto schema = m_schemaById.find(entry.id);
            if (schema != m_schemaById.end())
                records.push_back(
                    { schemaKey(name, number), schemaValue(name, number, entry.id, schema->second, entry.deleted) });
        }
        if (subject.level) {
            const Json level(Json::Object { { "compatibilityLevel", compatibilityName(*subject.level) } });
            records.push_back({ configKey(name), toBytes(level) });
        }
    }
    return records;
}

std::optional<int64_t> SchemaRegistry::nextId() const
{
    if (m_maxId < MaxId)
        return m_maxId + 1;
    // A record claimed the largest id: fill the gaps below it rather than wrap into ids in use.
    int64_t candidate = 1;
    for (const int64_t used : m_usedIds) {
        if (used != candidate)
            return candidate;
        ++candidate;
    }
    return candidate <= MaxId ? std::optional<int64_t>(candidate) : std::nullopt;
}

const SchemaRegistry::Subject* SchemaRegistry::findSubject(const std::string& subject, bool includeDeleted) const
{
    auto it = m_subjects.find(subject);
    if (it == m_subjects.end())
        return nullptr;
    for (const auto& [number, entry] : it->second.versions) {
        if (includeDeleted || !entry.deleted)
            return &it->second;
    }
    return nullptr;
}

std::optional<int> SchemaRegistry::parseVersion(const std::string& text, const Subject* subject, RegistryReply* failure)
{
    const std::string invalid = "The specified version '" + text
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"";
    if (text == "latest" || text == "-1") {
        int latest = 0;
        if (subject) {
            for (const auto& [number, entry] : subject->versions) {
                if (!entry.deleted)
                    latest = number;
            }
        }
        if (latest == 0)
            *failure = RegistryReply::error(errors::VersionNotFound, "Version latest not found.");
        return latest == 0 ? std::nullopt : std::optional<int>(latest);
    }
    int number = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), number);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || number <= 0) {
        *failure = RegistryReply::error(errors::InvalidVersion, invalid);
        return std::nullopt;
    }
    return number;
}

std::optional<std::pair<int, SchemaRegistry::Version>> SchemaRegistry::findVersion(
    const std::string& subject, const std::string& versionText, bool includeDeleted, RegistryReply* failure) const
{
    const Subject* found = findSubject(subject, includeDeleted);
    const auto number = parseVersion(versionText, found, failure);
    if (!found && failure->status != 422) {
        *failure = RegistryReply::error(errors::SubjectNotFound, subjectNotFound(subject));
        return std::nullopt;
    }
    if (!number)
        return std::nullopt;
    auto it = found->versions.find(*number);
    if (it == found->versions.end() || (it->second.deleted && !includeDeleted)) {
        *failure = RegistryReply::error(errors::VersionNotFound, "Version " + versionText + " not found.");
        return std::nullopt;
    }
    return std::pair { *number, it->second };
}

std::optional<SchemaRegistry::Candidate> SchemaRegistry::candidate(const Json& body, RegistryReply* failure) const
{
    const Json* schema = body.isObject() ? body.find("schema") : nullptr;
    if (!schema || !schema->isString()) {
        *failure = RegistryReply::error(errors::InvalidSchema, "Invalid schema: the request needs a string 'schema'");
        return std::nullopt;
    }
    if (const Json* type = body.find("schemaType");
        type && !type->isNull() && !(type->isString() && upper(type->string()) == "AVRO")) {
        *failure = RegistryReply::error(
            errors::InvalidSchema, "Invalid schema: only AVRO schemas are supported, got schemaType " + type->dump());
        return std::nullopt;
    }
    if (const Json* references = body.find("references");
        references && references->isArray() && !references->items().empty()) {
        *failure = RegistryReply::error(errors::InvalidSchema, "Invalid schema: schema references are not supported");
        return std::nullopt;
    }
    std::string error;
    Candidate result;
    result.schema = AvroSchema::parse(schema->string(), &error);
    if (!result.schema) {
        *failure = RegistryReply::error(errors::InvalidSchema, "Invalid schema " + schema->string() + ": " + error);
        return std::nullopt;
    }
    result.canonical = result.schema->canonical();
    return result;
}

const AvroSchema* SchemaRegistry::parsed(int64_t id)
{
    auto it = m_parsedById.find(id);
    if (it != m_parsedById.end())
        return &it->second;
    auto text = m_schemaById.find(id);
    if (text == m_schemaById.end())
        return nullptr;
    auto schema = AvroSchema::parse(text->second, nullptr);
    if (!schema)
        return nullptr;
    return &m_parsedById.emplace(id, std::move(*schema)).first->second;
}

Compatibility SchemaRegistry::levelOf(const std::string& subject) const
{
    auto it = m_subjects.find(subject);
    return it != m_subjects.end() && it->second.level ? *it->second.level : m_globalLevel;
}

std::vector<std::string> SchemaRegistry::problemsAgainst(
    const std::string& subject, const AvroSchema& schema, Compatibility level, std::optional<int> onlyVersion)
{
    std::vector<const AvroSchema*> existing;
    auto it = m_subjects.find(subject);
    if (it != m_subjects.end()) {
        for (const auto& [number, entry] : it->second.versions) {
            if (entry.deleted || (onlyVersion && number != *onlyVersion))
                continue;
            if (const AvroSchema* old = parsed(entry.id))
                existing.push_back(old);
        }
    }
    return compatibilityProblems(level, schema, existing);
}

Json SchemaRegistry::versionJson(const std::string& subject, int version, const Version& entry) const
{
    auto schema = m_schemaById.find(entry.id);
    return Json(Json::Object { { "subject", subject }, { "version", version }, { "id", entry.id },
        { "schema", schema != m_schemaById.end() ? schema->second : std::string() } });
}

RegistryReply SchemaRegistry::subjects(bool includeDeleted, const std::string& prefix)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    Json list = Json::array();
    for (const auto& [name, subject] : m_subjects) {
        if (name.rfind(prefix, 0) == 0 && findSubject(name, includeDeleted))
            list.push(name);
    }
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::schemas(bool includeDeleted, const std::string& prefix, bool latestOnly)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    Json list = Json::array();
    for (const auto& [name, subject] : m_subjects) {
        if (name.rfind(prefix, 0) != 0)
            continue;
        std::vector<std::pair<int, Version>> shown;
        for (const auto& [number, entry] : subject.versions) {
            if (includeDeleted || !entry.deleted)
                shown.emplace_back(number, entry);
        }
        if (latestOnly && shown.size() > 1)
            shown.erase(shown.begin(), shown.end() - 1);
        for (const auto& [number, entry] : shown)
            list.push(versionJson(name, number, entry));
    }
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::versions(const std::string& subject, bool includeDeleted)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    const Subject* found = findSubject(subject, includeDeleted);
    if (!found)
        return RegistryReply::error(errors::SubjectNotFound, subjectNotFound(subject));
    Json list = Json::array();
    for (const auto& [number, entry] : found->versions) {
        if (includeDeleted || !entry.deleted)
            list.push(number);
    }
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::version(
    const std::string& subject, const std::string& versionText, bool includeDeleted, bool rawSchema)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    RegistryReply failure;
    const auto found = findVersion(subject, versionText, includeDeleted, &failure);
    if (!found)
        return failure;
    const auto& [number, entry] = *found;
    if (rawSchema)
        return RegistryReply::text(m_schemaById[entry.id]);
    return RegistryReply::ok(versionJson(subject, number, entry));
}

RegistryReply SchemaRegistry::registerSchema(const std::string& subject, const Json& body)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    RegistryReply failure;
    const auto schema = candidate(body, &failure);
    if (!schema)
        return failure;
    int nextVersion = 1;
    if (auto it = m_subjects.find(subject); it != m_subjects.end()) {
        for (const auto& [number, entry] : it->second.versions) {
            if (!entry.deleted && m_schemaById[entry.id] == schema->canonical)
                return RegistryReply::ok(Json(Json::Object { { "id", entry.id } }));
            nextVersion = std::max(nextVersion, number + 1);
        }
    }
    const auto problems = problemsAgainst(subject, *schema->schema, levelOf(subject), std::nullopt);
    if (!problems.empty()) {
        std::string details;
        for (const auto& p : problems)
            details += (details.empty() ? "" : "; ") + p;
        return RegistryReply::error(errors::Incompatible,
            "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\", details: ["
                + details + "]");
    }
    auto known = m_idBySchema.find(schema->canonical);
    const std::optional<int64_t> fresh = known != m_idBySchema.end() ? known->second : nextId();
    if (!fresh)
        return storeError("every schema id from 1 to 2^31-1 is in use");
    const int64_t id = *fresh;
    if (!write({ { schemaKey(subject, nextVersion), schemaValue(subject, nextVersion, id, schema->canonical, false) } },
            &error))
        return storeError(error);
    return RegistryReply::ok(Json(Json::Object { { "id", id } }));
}

RegistryReply SchemaRegistry::lookup(const std::string& subject, const Json& body, bool includeDeleted)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    const Subject* found = findSubject(subject, includeDeleted);
    if (!found)
        return RegistryReply::error(errors::SubjectNotFound, subjectNotFound(subject));
    RegistryReply failure;
    const auto schema = candidate(body, &failure);
    if (!schema)
        return failure;
    for (auto it = found->versions.rbegin(); it != found->versions.rend(); ++it) {
        if ((includeDeleted || !it->second.deleted) && m_schemaById[it->second.id] == schema->canonical)
            return RegistryReply::ok(versionJson(subject, it->first, it->second));
    }
    return RegistryReply::error(errors::SchemaNotFound, "Schema not found");
}

RegistryReply SchemaRegistry::deleteSubject(const std::string& subject, bool permanent)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    const Subject* found = findSubject(subject, true);
    if (!found)
        return RegistryReply::error(errors::SubjectNotFound, subjectNotFound(subject));
    const bool live = findSubject(subject, false) != nullptr;
    if (permanent && live)
        return RegistryReply::error(errors::SubjectNotSoftDeleted,
            "Subject '" + subject + "' was not deleted first before being permanently deleted");
    if (!permanent && !live)
        return RegistryReply::error(errors::SubjectSoftDeleted,
            "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    Json list = Json::array();
    std::vector<KeyValue> records;
    for (const auto& [number, entry] : found->versions) {
        if (permanent) {
            records.push_back({ schemaKey(subject, number), std::nullopt });
        } else if (!entry.deleted) {
            records.push_back(
                { schemaKey(subject, number), schemaValue(subject, number, entry.id, m_schemaById[entry.id], true) });
        } else {
            continue;
        }
        list.push(number);
    }
    if (permanent && found->level)
        records.push_back({ configKey(subject), std::nullopt });
    if (!write(std::move(records), &error))
        return storeError(error);
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::deleteVersion(const std::string& subject, const std::string& versionText, bool permanent)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    RegistryReply failure;
    const auto found = findVersion(subject, versionText, true, &failure);
    if (!found)
        return failure;
    const auto [number, entry] = *found;
    if (permanent && !entry.deleted)
        return RegistryReply::error(errors::VersionNotSoftDeleted,
            "Subject '" + subject + "' Version " + std::to_string(number)
                + " was not deleted first before being permanently deleted");
    if (!permanent && entry.deleted)
        return RegistryReply::error(errors::VersionSoftDeleted,
            "Subject '" + subject + "' Version " + std::to_string(number)
                + " was soft deleted.Set permanent=true to delete permanently");
    std::optional<Bytes> value;
    if (!permanent)
        value = schemaValue(subject, number, entry.id, m_schemaById[entry.id], true);
    if (!write({ { schemaKey(subject, number), value } }, &error))
        return storeError(error);
    return RegistryReply::ok(Json(number));
}

RegistryReply SchemaRegistry::schemaById(int64_t id, bool rawSchema)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    auto it = m_schemaById.find(id);
    if (it == m_schemaById.end())
        return RegistryReply::error(errors::SchemaNotFound, "Schema " + std::to_string(id) + " not found");
    if (rawSchema)
        return RegistryReply::text(it->second);
    return RegistryReply::ok(Json(Json::Object { { "schema", it->second } }));
}

RegistryReply SchemaRegistry::subjectsById(int64_t id)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    if (!m_schemaById.count(id))
        return RegistryReply::error(errors::SchemaNotFound, "Schema " + std::to_string(id) + " not found");
    Json list = Json::array();
    for (const auto& [name, subject] : m_subjects) {
        for (const auto& [number, entry] : subject.versions) {
            if (entry.id == id && !entry.deleted) {
                list.push(name);
                break;
            }
        }
    }
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::versionsById(int64_t id)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    if (!m_schemaById.count(id))
        return RegistryReply::error(errors::SchemaNotFound, "Schema " + std::to_string(id) + " not found");
    Json list = Json::array();
    for (const auto& [name, subject] : m_subjects) {
        for (const auto& [number, entry] : subject.versions) {
            if (entry.id == id && !entry.deleted)
                list.push(Json(Json::Object { { "subject", name }, { "version", number } }));
        }
    }
    return RegistryReply::ok(list);
}

RegistryReply SchemaRegistry::config(const std::optional<std::string>& subject, bool defaultToGlobal)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    Compatibility level = m_globalLevel;
    if (subject) {
        auto it = m_subjects.find(*subject);
        if (it != m_subjects.end() && it->second.level)
            level = *it->second.level;
        else if (!defaultToGlobal)
            return RegistryReply::error(errors::SubjectLevelCompatibilityNotConfigured,
                "Subject '" + *subject + "' does not have subject-level compatibility configured");
    }
    return RegistryReply::ok(Json(Json::Object { { "compatibilityLevel", compatibilityName(level) } }));
}

RegistryReply SchemaRegistry::setConfig(const std::optional<std::string>& subject, const Json& body)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    const Json* name = body.isObject() ? body.find("compatibility") : nullptr;
    if (name == nullptr && body.isObject())
        name = body.find("compatibilityLevel");
    const auto level = name && name->isString() ? compatibilityFromName(upper(name->string())) : std::nullopt;
    if (!level)
        return RegistryReply::error(errors::InvalidCompatibilityLevel,
            "Invalid compatibility level. Valid values are none, backward, forward, full, "
            "backward_transitive, forward_transitive, and full_transitive");
    const Json value(Json::Object { { "compatibilityLevel", compatibilityName(*level) } });
    if (!write({ { configKey(subject), toBytes(value) } }, &error))
        return storeError(error);
    return RegistryReply::ok(Json(Json::Object { { "compatibility", compatibilityName(*level) } }));
}

RegistryReply SchemaRegistry::deleteConfig(const std::optional<std::string>& subject)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    Compatibility previous = m_globalLevel;
    if (subject) {
        auto it = m_subjects.find(*subject);
        if (it == m_subjects.end() || !it->second.level)
            return RegistryReply::error(errors::SubjectNotFound, subjectNotFound(*subject));
        previous = *it->second.level;
    }
    if (!write({ { configKey(subject), std::nullopt } }, &error))
        return storeError(error);
    return RegistryReply::ok(Json(Json::Object { { "compatibilityLevel", compatibilityName(previous) } }));
}

RegistryReply SchemaRegistry::testCompatibility(
    const std::string& subject, const std::optional<std::string>& versionText, const Json& body, bool verbose)
{
    std::lock_guard lock(m_mutex);
    std::string error;
    if (!catchUp(&error))
        return storeError(error);
    RegistryReply failure;
    const auto schema = candidate(body, &failure);
    if (!schema)
        return failure;
    std::optional<int> onlyVersion;
    const Compatibility level = levelOf(subject);
    if (versionText) {
        const auto found = findVersion(subject, *versionText, false, &failure);
        if (!found)
            return failure;
        const int number = found->first;
        // "latest" under a transitive level still means every version, as registering would.
        const bool transitive = level == Compatibility::BackwardTransitive || level == Compatibility::ForwardTransitive
            || level == Compatibility::FullTransitive;
        if (*versionText != "latest" && *versionText != "-1")
            onlyVersion = number;
        else if (!transitive)
            onlyVersion = number;
    }
    const auto problems = problemsAgainst(subject, *schema->schema, level, onlyVersion);
    Json result(Json::Object { { "is_compatible", problems.empty() } });
    if (verbose) {
        Json messages = Json::array();
        for (const auto& p : problems)
            messages.push(p);
        result.set("messages", std::move(messages));
    }
    return RegistryReply::ok(result);
}

} // namespace samsa::broker::registry

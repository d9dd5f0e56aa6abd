#pragma once

// The schema registry's state and operations (Confluent Schema Registry semantics, Avro only).
// Every change is first appended to the _schemas topic and then applied by reading the topic
// back, so the state after a restart is the state before it, ids included.
//
// Thread safety: every method may be called from any thread (one mutex).

#include "avroschema/avrocompatibility.h"
#include "avroschema/json.h"
#include "registry/registryreply.h"
#include "registry/schemalog.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace samsa::broker::registry {

// The schema model lives in the shared library (libs/avroschema).
using avro::AvroSchema;
using avro::Compatibility;
using avro::compatibilityFromName;
using avro::compatibilityName;
using avro::compatibilityProblems;

class SchemaRegistry {
public:
    // Opens (creating when missing) the _schemas topic and replays it.
    static std::unique_ptr<SchemaRegistry> open(LogManager& logs, std::string* error);

    RegistryReply subjects(bool includeDeleted, const std::string& prefix);
    // GET /schemas: every version of the subjects with that prefix (only the latest ones if asked).
    RegistryReply schemas(bool includeDeleted, const std::string& prefix, bool latestOnly);
    RegistryReply versions(const std::string& subject, bool includeDeleted);
    // versionText: a positive number, "latest" or -1. rawSchema: answer the schema text only.
    RegistryReply version(
        const std::string& subject, const std::string& versionText, bool includeDeleted, bool rawSchema);
    // body: {"schema": "...", "schemaType": "AVRO", "references": []}
    RegistryReply registerSchema(const std::string& subject, const Json& body);
    RegistryReply lookup(const std::string& subject, const Json& body, bool includeDeleted);
    RegistryReply deleteSubject(const std::string& subject, bool permanent);
    RegistryReply deleteVersion(const std::string& subject, const std::string& versionText, bool permanent);

    RegistryReply schemaById(int64_t id, bool rawSchema);
    RegistryReply subjectsById(int64_t id);
    RegistryReply versionsById(int64_t id);

    // subject nullopt: the global level.
    RegistryReply config(const std::optional<std::string>& subject, bool defaultToGlobal);
    RegistryReply setConfig(const std::optional<std::string>& subject, const Json& body);
    RegistryReply deleteConfig(const std::optional<std::string>& subject);

    // versionText nullopt: check as registering would (every version the level asks for).
    RegistryReply testCompatibility(
        const std::string& subject, const std::optional<std::string>& versionText, const Json& body, bool verbose);

private:
    struct Version {
        int64_t id = 0;
        bool deleted = false;
    };
    struct Subject {
        std::map<int, Version> versions;
        std::optional<Compatibility> level;
    };
    struct Candidate {
        std::optional<AvroSchema> schema;
        std::string canonical;
    };

    explicit SchemaRegistry(std::unique_ptr<SchemaLog> log)
        : m_log(std::move(log))
    {
    }

    // Applies what the topic gained since the last call; false on a store error.
    bool catchUp(std::string* error);
    void apply(const DecodedRecord& record);
    // Marks an id found in a record as used (ids outside 1..MaxId are ignored with a warning).
    void noteId(const Json* id, int64_t offset);
    void applySchema(const Json& key, const Json* value, int64_t offset);
    void applyConfig(const Json& key, const Json* value);
    void applyDeleteSubject(const Json& key, const Json* value);
    bool write(std::vector<KeyValue> records, std::string* error);
    // An id never seen in the topic: above the largest one, or once that reached MaxId the lowest
    // one still unused; nullopt when every id is taken.
    std::optional<int64_t> nextId() const;
    // Records that rebuild the whole current state.
    std::vector<KeyValue> stateRecords() const;

    // The live (or all) versions of a subject; null when it has none.
    const Subject* findSubject(const std::string& subject, bool includeDeleted) const;
    // Parses a request's schema; an error reply in *failure when invalid.
    std::optional<Candidate> candidate(const Json& body, RegistryReply* failure) const;
    const AvroSchema* parsed(int64_t id);
    Compatibility levelOf(const std::string& subject) const;
    std::vector<std::string> problemsAgainst(
        const std::string& subject, const AvroSchema& schema, Compatibility level, std::optional<int> onlyVersion);
    static std::optional<int> parseVersion(const std::string& text, const Subject* subject, RegistryReply* failure);
    // The subject's version named by `versionText` (a number, "latest" or -1), or the registry's
    // error in *failure: subject not found, invalid version, version not found.
    std::optional<std::pair<int, Version>> findVersion(
        const std::string& subject, const std::string& versionText, bool includeDeleted, RegistryReply* failure) const;
    Json versionJson(const std::string& subject, int version, const Version& entry) const;

    std::mutex m_mutex;
    std::unique_ptr<SchemaLog> m_log;
    std::map<std::string, Subject> m_subjects;
    std::map<int64_t, std::string> m_schemaById; // canonical text
    std::map<std::string, int64_t> m_idBySchema;
    std::map<int64_t, AvroSchema> m_parsedById;
    Compatibility m_globalLevel = Compatibility::Backward;
    // Confluent's wire format carries the id in 4 bytes.
    static constexpr int64_t MaxId = INT32_MAX;
    // Every id seen in the topic, applied or not; m_maxId is the largest.
    std::set<int64_t> m_usedIds;
    int64_t m_maxId = 0;
};

} // namespace samsa::broker::registry

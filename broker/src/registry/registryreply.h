#pragma once

// What a registry operation answers: an HTTP status and a JSON body, in the Confluent Schema
// Registry's forms (errors are {"error_code":N,"message":"..."}).

#include "avroschema/json.h"

#include <string>

namespace samsa::broker::registry {

struct RegistryReply {
    int status = 200;
    std::string body;

    static RegistryReply ok(const Json& json) { return { 200, json.dump() }; }
    static RegistryReply text(std::string jsonText) { return { 200, std::move(jsonText) }; }
    // errorCode 40401 gives HTTP 404, 42201 gives 422, 50001 gives 500; codes of three digits
    // (409, 400...) are the HTTP status themselves.
    static RegistryReply error(int errorCode, const std::string& message)
    {
        Json body = Json::object();
        body.set("error_code", errorCode);
        body.set("message", message);
        return { errorCode >= 1000 ? errorCode / 100 : errorCode, body.dump() };
    }
};

// The registry's error codes.
namespace errors {
constexpr int SubjectNotFound = 40401;
constexpr int VersionNotFound = 40402;
constexpr int SchemaNotFound = 40403;
constexpr int SubjectSoftDeleted = 40404;
constexpr int SubjectNotSoftDeleted = 40405;
constexpr int VersionSoftDeleted = 40406;
constexpr int VersionNotSoftDeleted = 40407;
constexpr int SubjectLevelCompatibilityNotConfigured = 40408;
constexpr int Incompatible = 409;
constexpr int InvalidSchema = 42201;
constexpr int InvalidVersion = 42202;
constexpr int InvalidCompatibilityLevel = 42203;
constexpr int InvalidSubject = 42208;
constexpr int StoreError = 50001;
} // namespace errors

} // namespace samsa::broker::registry

#include "registry/registryroutes.h"

#include "registry/schemaregistry.h"

#include <charconv>

namespace samsa::broker::registry {

namespace {

using Segments = std::vector<std::string>;

RegistryReply notFound()
{
    return RegistryReply::error(404, "HTTP 404 Not Found");
}

RegistryReply methodNotAllowed()
{
    return RegistryReply::error(405, "HTTP 405 Method Not Allowed");
}

// The request body as JSON; an error reply in *failure when it is not.
std::optional<Json> jsonBody(const HttpRequest& request, RegistryReply* failure)
{
    std::string error;
    auto body = parseJson(request.body, &error);
    if (!body)
        *failure = RegistryReply::error(400, "Malformed JSON in the request body: " + error);
    else if (!body->isObject()) {
        *failure = RegistryReply::error(400, "The request body must be a JSON object");
        return std::nullopt;
    }
    return body;
}

std::optional<int64_t> parseId(const std::string& text)
{
    int64_t id = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), id);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return id;
}

// A subject that is stored must be UTF-8 without control characters (Confluent refuses control
// characters too): a name that is not text makes GET /subjects unreadable for every client.
// Reading and deleting by such a name stay allowed, so one written by an older version can go.
bool validSubject(std::string_view subject)
{
    size_t i = 0;
    while (i < subject.size()) {
        const auto lead = static_cast<unsigned char>(subject[i]);
        uint32_t code = 0;
        size_t length = 1;
        if (lead < 0x80) {
            code = lead;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            code = lead & 0x1Fu;
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            code = lead & 0x0Fu;
            length = 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            code = lead & 0x07u;
            length = 4;
        } else {
            return false;
        }
        if (subject.size() - i < length)
            return false;
        for (size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(subject[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
        const bool control = code < 0x20 || (code >= 0x7F && code <= 0x9F);
        if (overlong || surrogate || code > 0x10FFFF || control)
            return false;
        i += length;
    }
    return true;
}

RegistryReply invalidSubject()
{
    return RegistryReply::error(errors::InvalidSubject,
        "The specified subject is not valid: it must be UTF-8 text without control characters.");
}

RegistryReply subjectRoutes(SchemaRegistry& registry, const HttpRequest& request, const Segments& s)
{
    const std::string& m = request.method;
    const bool deleted = request.queryFlag("deleted");
    const bool permanent = request.queryFlag("permanent");
    if (s.size() == 1)
        return m == "GET" ? registry.subjects(deleted, request.queryValue("subjectPrefix")) : methodNotAllowed();
    const std::string& subject = s[1];
    RegistryReply failure;
    if (s.size() == 2) {
        if (m == "POST") {
            const auto body = jsonBody(request, &failure);
            return body ? registry.lookup(subject, *body, deleted) : failure;
        }
        return m == "DELETE" ? registry.deleteSubject(subject, permanent) : methodNotAllowed();
    }
    if (s[2] != "versions")
        return notFound();
    if (s.size() == 3) {
        if (m == "GET")
            return registry.versions(subject, deleted);
        if (m != "POST")
            return methodNotAllowed();
        if (!validSubject(subject))
            return invalidSubject();
        const auto body = jsonBody(request, &failure);
        return body ? registry.registerSchema(subject, *body) : failure;
    }
    if (s.size() == 4) {
        if (m == "GET")
            return registry.version(subject, s[3], deleted, false);
        return m == "DELETE" ? registry.deleteVersion(subject, s[3], permanent) : methodNotAllowed();
    }
    if (s.size() == 5 && s[4] == "schema")
        return m == "GET" ? registry.version(subject, s[3], deleted, true) : methodNotAllowed();
    if (s.size() == 5 && s[4] == "referencedby") {
        // Schema references are not supported, so nothing refers to a version that exists.
        if (m != "GET")
            return methodNotAllowed();
        const RegistryReply found = registry.version(subject, s[3], deleted, false);
        return found.status == 200 ? RegistryReply::ok(Json::array()) : found;
    }
    return notFound();
}

RegistryReply schemaRoutes(SchemaRegistry& registry, const HttpRequest& request, const Segments& s)
{
    if (s.size() == 1)
        return request.method == "GET" ? registry.schemas(
                   request.queryFlag("deleted"), request.queryValue("subjectPrefix"), request.queryFlag("latestOnly"))
                                       : methodNotAllowed();
    if (s.size() == 2 && s[1] == "types")
        return request.method == "GET" ? RegistryReply::ok(Json(Json::Array { "AVRO" })) : methodNotAllowed();
    if (s.size() < 3 || s.size() > 4 || s[1] != "ids")
        return notFound();
    if (request.method != "GET")
        return methodNotAllowed();
    const auto id = parseId(s[2]);
    if (!id)
        return notFound();
    if (s.size() == 3)
        return registry.schemaById(*id, false);
    if (s[3] == "schema")
        return registry.schemaById(*id, true);
    if (s[3] == "subjects")
        return registry.subjectsById(*id);
    if (s[3] == "versions")
        return registry.versionsById(*id);
    return notFound();
}

RegistryReply configRoutes(SchemaRegistry& registry, const HttpRequest& request, const Segments& s)
{
    if (s.size() > 2)
        return notFound();
    const std::optional<std::string> subject = s.size() == 2 ? std::optional<std::string>(s[1]) : std::nullopt;
    if (request.method == "GET")
        return registry.config(subject, request.queryFlag("defaultToGlobal"));
    if (request.method == "DELETE")
        return registry.deleteConfig(subject);
    if (request.method != "PUT")
        return methodNotAllowed();
    if (subject && !validSubject(*subject))
        return invalidSubject();
    RegistryReply failure;
    const auto body = jsonBody(request, &failure);
    return body ? registry.setConfig(subject, *body) : failure;
}

RegistryReply compatibilityRoutes(SchemaRegistry& registry, const HttpRequest& request, const Segments& s)
{
    // /compatibility/subjects/{subject}/versions[/{version}]
    if (s.size() < 4 || s.size() > 5 || s[1] != "subjects" || s[3] != "versions")
        return notFound();
    if (request.method != "POST")
        return methodNotAllowed();
    RegistryReply failure;
    const auto body = jsonBody(request, &failure);
    if (!body)
        return failure;
    const std::optional<std::string> version = s.size() == 5 ? std::optional<std::string>(s[4]) : std::nullopt;
    return registry.testCompatibility(s[2], version, *body, request.queryFlag("verbose"));
}

RegistryReply route(SchemaRegistry& registry, const HttpRequest& request)
{
    Segments s;
    if (!pathSegments(request.path, &s))
        return RegistryReply::error(400, "malformed percent-encoding in the path");
    if (s.empty())
        return request.method == "GET" ? RegistryReply::ok(Json::object()) : methodNotAllowed();
    if (s[0] == "subjects")
        return subjectRoutes(registry, request, s);
    if (s[0] == "schemas")
        return schemaRoutes(registry, request, s);
    if (s[0] == "config")
        return configRoutes(registry, request, s);
    if (s[0] == "compatibility")
        return compatibilityRoutes(registry, request, s);
    if (s[0] == "mode" && s.size() <= 2)
        return request.method == "GET" ? RegistryReply::ok(Json(Json::Object { { "mode", "READWRITE" } }))
                                       : methodNotAllowed();
    return notFound();
}

} // namespace

HttpResponse handleRegistryRequest(SchemaRegistry& registry, const HttpRequest& request)
{
    HttpRequest effective = request;
    if (effective.method == "HEAD")
        effective.method = "GET";
    const RegistryReply reply = route(registry, effective);
    HttpResponse response;
    response.status = reply.status;
    response.body = reply.body;
    const std::string accept = request.header("accept");
    if (accept.find("vnd.schemaregistry") == std::string::npos && accept.find("application/json") != std::string::npos)
        response.contentType = "application/json";
    return response;
}

} // namespace samsa::broker::registry

#include "security/aclstore.h"

#include "storage/fileutil.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <sys/stat.h>

namespace samsa::broker::security {

namespace {

constexpr int FormatVersion = 1;

nlohmann::json toJson(const AclBinding& binding)
{
    return nlohmann::json { { "resourceType", toString(binding.pattern.type) },
        { "resourceName", binding.pattern.name }, { "patternType", toString(binding.pattern.patternType) },
        { "principal", binding.entry.principal }, { "host", binding.entry.host },
        { "operation", toString(binding.entry.operation) }, { "permission", toString(binding.entry.permission) } };
}

std::optional<std::string> stringField(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

// One entry of the "acls" array, or an error saying what is wrong with it.
std::optional<AclBinding> fromJson(const nlohmann::json& object, std::string* error)
{
    if (!object.is_object()) {
        *error = "an entry is not an object";
        return std::nullopt;
    }
    const auto resourceType = stringField(object, "resourceType");
    const auto resourceName = stringField(object, "resourceName");
    const auto patternType = stringField(object, "patternType");
    const auto principal = stringField(object, "principal");
    const auto host = stringField(object, "host");
    const auto operation = stringField(object, "operation");
    const auto permission = stringField(object, "permission");
    if (!resourceType || !resourceName || !patternType || !principal || !host || !operation || !permission) {
        *error = "an entry lacks one of resourceType, resourceName, patternType, principal, host, operation, "
                 "permission";
        return std::nullopt;
    }
    AclBinding binding;
    const auto type = resourceTypeFromString(*resourceType);
    const auto pattern = patternTypeFromString(*patternType);
    const auto op = operationFromString(*operation);
    const auto perm = permissionFromString(*permission);
    if (!type || !pattern || !op || !perm) {
        *error = "an entry has an unknown resource type, pattern type, operation or permission";
        return std::nullopt;
    }
    binding.pattern = { *type, *resourceName, *pattern };
    binding.entry = { *principal, *host, *op, *perm };
    if (auto reason = invalidBindingReason(binding)) {
        *error = "an entry is invalid: " + *reason;
        return std::nullopt;
    }
    return binding;
}

} // namespace

AclStore::AclStore(std::string dataDir)
    : m_dataDir(std::move(dataDir))
    , m_path(m_dataDir + "/" + FileName)
{
}

std::optional<std::vector<AclBinding>> AclStore::load(std::string* error) const
{
    struct stat info { };
    if (::stat(m_path.c_str(), &info) != 0 && errno == ENOENT)
        return std::vector<AclBinding> {};
    const auto text = fileutil::readFile(m_path);
    if (!text) {
        *error = fileutil::errnoMessage("cannot read the ACL file " + m_path);
        return std::nullopt;
    }
    const auto document = nlohmann::json::parse(*text, nullptr, false);
    const auto fail = [&](const std::string& problem) {
        *error = "the ACL file " + m_path + " is damaged: " + problem
            + "; repair or remove it (removing it drops every ACL)";
        return std::nullopt;
    };
    if (document.is_discarded())
        return fail("not valid JSON");
    if (!document.is_object() || !document.contains("acls") || !document["acls"].is_array())
        return fail("no \"acls\" array");
    const auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer() || version->get<int>() != FormatVersion)
        return fail("unknown format version (expected " + std::to_string(FormatVersion) + ")");
    std::vector<AclBinding> acls;
    for (const auto& entry : document["acls"]) {
        std::string problem;
        auto binding = fromJson(entry, &problem);
        if (!binding)
            return fail(problem);
        acls.push_back(std::move(*binding));
    }
    return acls;
}

bool AclStore::save(const std::vector<AclBinding>& acls, std::string* error) const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& binding : acls)
        list.push_back(toJson(binding));
    const nlohmann::json document { { "version", FormatVersion }, { "acls", std::move(list) } };
    return fileutil::writeFileAtomically(m_path, document.dump(2) + "\n", error);
}

} // namespace samsa::broker::security

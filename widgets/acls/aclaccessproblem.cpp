#include "aclaccessproblem.h"

#include <QLatin1StringView>

namespace Samsa {

namespace {
bool containsAny(const QString& text, std::initializer_list<QLatin1StringView> needles)
{
    for (QLatin1StringView needle : needles) {
        if (text.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}
} // namespace

AclAccessProblem aclAccessProblem(const QString& error)
{
    if (error.isEmpty())
        return AclAccessProblem::None;
    // librdkafka: "Broker: Security features are disabled"; Kafka's own message: "No Authorizer is
    // configured on the broker"; samsa-broker's: "no authorizer is configured (...)".
    if (containsAny(error,
            { QLatin1StringView("SECURITY_DISABLED"), QLatin1StringView("security features are disabled"),
                QLatin1StringView("no authorizer") }))
        return AclAccessProblem::SecurityDisabled;
    // librdkafka: "Broker: Cluster authorization failed"; the broker's CLUSTER_AUTHORIZATION_FAILED.
    if (containsAny(error,
            { QLatin1StringView("CLUSTER_AUTHORIZATION_FAILED"), QLatin1StringView("authorization failed"),
                QLatin1StringView("not authorized") }))
        return AclAccessProblem::NotAuthorized;
    return AclAccessProblem::None;
}

} // namespace Samsa

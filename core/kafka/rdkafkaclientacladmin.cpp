// RdKafkaClient's ACL administration with librdkafka 2.0.2's admin API: DescribeAcls, CreateAcls and
// DeleteAcls. librdkafka 2.0.2 knows the resource types TOPIC, GROUP and BROKER (Kafka's CLUSTER)
// only: an ACL of a transactional id cannot be sent and gets its own outcome saying so.

#include "acls/aclcodes.h"
#include "rdkafkaadminrequest.h"
#include "rdkafkaclient.h"

#include <vector>

namespace Samsa {

namespace {

const QString TimedOut = QStringLiteral("The cluster did not answer in time.");

QString errorText(rd_kafka_resp_err_t code, const char* text)
{
    return AclCodes::errorText(
        code, text && *text ? QString::fromUtf8(text) : QString::fromUtf8(rd_kafka_err2str(code)));
}

QString errorText(const rd_kafka_error_t* error)
{
    return error ? errorText(rd_kafka_error_code(error), rd_kafka_error_string(error)) : QString();
}

// librdkafka's enums carry Kafka's own codes.
rd_kafka_ResourceType_t toRdKafka(AclResourceType type)
{
    return rd_kafka_ResourceType_t(AclCodes::code(type)); // CLUSTER is librdkafka's BROKER (4)
}

rd_kafka_ResourcePatternType_t toRdKafka(AclPatternType type)
{
    return rd_kafka_ResourcePatternType_t(AclCodes::code(type));
}

rd_kafka_AclOperation_t toRdKafka(AclOperation operation)
{
    return rd_kafka_AclOperation_t(AclCodes::code(operation));
}

rd_kafka_AclPermissionType_t toRdKafka(AclPermission permission)
{
    return rd_kafka_AclPermissionType_t(AclCodes::code(permission));
}

// An ACL the broker sent back; nullopt for values this build does not know (a newer Kafka's).
std::optional<AclBinding> fromRdKafka(const rd_kafka_AclBinding_t* acl)
{
    const auto text = [](const char* value) { return value ? QString::fromUtf8(value) : QString(); };
    return AclCodes::binding(rd_kafka_AclBinding_restype(acl), text(rd_kafka_AclBinding_name(acl)),
        rd_kafka_AclBinding_resource_pattern_type(acl), text(rd_kafka_AclBinding_principal(acl)),
        text(rd_kafka_AclBinding_host(acl)), rd_kafka_AclBinding_operation(acl),
        rd_kafka_AclBinding_permission_type(acl));
}

void appendBindings(const rd_kafka_AclBinding_t** acls, size_t count, QList<AclBinding>* bindings)
{
    for (size_t index = 0; index < count; ++index) {
        if (const std::optional<AclBinding> binding = fromRdKafka(acls[index]))
            bindings->append(*binding);
    }
}

QString refusedType(AclResourceType type, const char* librdkafkaText)
{
    if (type == AclResourceType::TransactionalId)
        return QStringLiteral("librdkafka 2.0.2 cannot send ACLs of transactional ids.");
    return QString::fromUtf8(librdkafkaText);
}

// A filter for librdkafka: null strings where the filter leaves the field open.
rd_kafka_AclBindingFilter_t* newFilter(const AclFilter& filter, QString* error)
{
    const QByteArray name = filter.resourceName.toUtf8();
    const QByteArray principal = filter.principal.toUtf8();
    const QByteArray host = filter.host.toUtf8();
    const auto orNull
        = [](const QString& value, const QByteArray& bytes) { return value.isEmpty() ? nullptr : bytes.constData(); };
    char errorBuffer[512] = {};
    rd_kafka_AclBindingFilter_t* made
        = rd_kafka_AclBindingFilter_new(toRdKafka(filter.resourceType), orNull(filter.resourceName, name),
            toRdKafka(filter.patternType), orNull(filter.principal, principal), orNull(filter.host, host),
            toRdKafka(filter.operation), toRdKafka(filter.permission), errorBuffer, sizeof errorBuffer);
    if (!made)
        *error = refusedType(filter.resourceType, errorBuffer);
    return made;
}

// The request's single answer; null (with *error set) when none came or it failed as a whole.
rd_kafka_event_t* awaitAnswer(AdminRequest& request, QString* error)
{
    QElapsedTimer timer;
    timer.start();
    rd_kafka_event_t* event = request.next({}, timer);
    if (!event) {
        *error = TimedOut;
        return nullptr;
    }
    if (const rd_kafka_resp_err_t code = rd_kafka_event_error(event)) {
        *error = errorText(code, rd_kafka_event_error_string(event));
        rd_kafka_event_destroy(event);
        return nullptr;
    }
    return event;
}

} // namespace

AclActionResult RdKafkaClient::describeAcls(const AclFilter& filter, int timeoutMs)
{
    AclActionResult result;
    rd_kafka_AclBindingFilter_t* made = newFilter(filter, &result.error);
    if (!made)
        return result;
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DESCRIBEACLS, timeoutMs);
    rd_kafka_DescribeAcls(m_handle, made, request.options(), request.queue());
    rd_kafka_AclBinding_destroy(made);
    if (rd_kafka_event_t* event = awaitAnswer(request, &result.error)) {
        size_t count = 0;
        const rd_kafka_AclBinding_t** acls
            = rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event), &count);
        appendBindings(acls, count, &result.bindings);
        rd_kafka_event_destroy(event);
    }
    return result;
}

AclActionResult RdKafkaClient::createAcls(const QList<AclBinding>& bindings, int timeoutMs)
{
    AclActionResult result;
    std::vector<rd_kafka_AclBinding_t*> acls;
    QList<qsizetype> sentIndexes; // beside acls: the index in bindings of each ACL sent
    QList<AclOutcome> outcomes;
    for (const AclBinding& binding : bindings) {
        char errorBuffer[512] = {};
        rd_kafka_AclBinding_t* acl = rd_kafka_AclBinding_new(toRdKafka(binding.resourceType),
            binding.resourceName.toUtf8().constData(), toRdKafka(binding.patternType),
            binding.principal.toUtf8().constData(), binding.host.toUtf8().constData(), toRdKafka(binding.operation),
            toRdKafka(binding.permission), errorBuffer, sizeof errorBuffer);
        if (!acl) {
            outcomes.append({ binding, refusedType(binding.resourceType, errorBuffer) });
            continue;
        }
        sentIndexes.append(outcomes.size());
        outcomes.append({ binding, {} });
        acls.push_back(acl);
    }
    if (acls.empty()) {
        result.outcomes = outcomes;
        if (outcomes.isEmpty())
            result.error = QStringLiteral("No ACL given.");
        return result;
    }
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_CREATEACLS, timeoutMs);
    rd_kafka_CreateAcls(m_handle, acls.data(), acls.size(), request.options(), request.queue());
    rd_kafka_AclBinding_destroy_array(acls.data(), acls.size());
    rd_kafka_event_t* event = awaitAnswer(request, &result.error);
    if (!event) {
        for (qsizetype index : std::as_const(sentIndexes))
            outcomes[index].error = result.error;
        result.outcomes = outcomes;
        return result;
    }
    // The answer has one result per ACL sent, in the order sent.
    size_t count = 0;
    const rd_kafka_acl_result_t** answers
        = rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(event), &count);
    for (qsizetype sent = 0; sent < sentIndexes.size(); ++sent) {
        outcomes[sentIndexes.at(sent)].error = size_t(sent) < count
            ? errorText(rd_kafka_acl_result_error(answers[sent]))
            : QStringLiteral("no answer for this ACL");
    }
    rd_kafka_event_destroy(event);
    result.outcomes = outcomes;
    return result;
}

AclActionResult RdKafkaClient::deleteAcls(const QList<AclFilter>& filters, int timeoutMs)
{
    AclActionResult result;
    std::vector<rd_kafka_AclBindingFilter_t*> made;
    QList<AclFilter> sent;
    for (const AclFilter& filter : filters) {
        QString error;
        if (rd_kafka_AclBindingFilter_t* one = newFilter(filter, &error)) {
            made.push_back(one);
            sent.append(filter);
        } else {
            result.filterErrors.append(QStringLiteral("%1: %2").arg(aclDescription(filter), error));
        }
    }
    if (made.empty()) {
        if (result.filterErrors.isEmpty())
            result.error = QStringLiteral("No filter given.");
        return result;
    }
    AdminRequest request(m_handle, RD_KAFKA_ADMIN_OP_DELETEACLS, timeoutMs);
    rd_kafka_DeleteAcls(m_handle, made.data(), made.size(), request.options(), request.queue());
    rd_kafka_AclBinding_destroy_array(made.data(), made.size());
    rd_kafka_event_t* event = awaitAnswer(request, &result.error);
    if (!event)
        return result;
    // One response per filter sent, in the order sent.
    size_t count = 0;
    const rd_kafka_DeleteAcls_result_response_t** responses
        = rd_kafka_DeleteAcls_result_responses(rd_kafka_event_DeleteAcls_result(event), &count);
    for (qsizetype index = 0; index < sent.size(); ++index) {
        const QString description = aclDescription(sent.at(index));
        if (size_t(index) >= count) {
            result.filterErrors.append(QStringLiteral("%1: no answer for this filter").arg(description));
            continue;
        }
        if (const rd_kafka_error_t* error = rd_kafka_DeleteAcls_result_response_error(responses[index])) {
            result.filterErrors.append(QStringLiteral("%1: %2").arg(description, errorText(error)));
            continue;
        }
        size_t matching = 0;
        const rd_kafka_AclBinding_t** acls
            = rd_kafka_DeleteAcls_result_response_matching_acls(responses[index], &matching);
        appendBindings(acls, matching, &result.bindings);
    }
    rd_kafka_event_destroy(event);
    return result;
}

} // namespace Samsa

#include "describeacls.h"

#include "acls/aclcodes.h"
#include "wirecodec.h"
#include "wireconnection.h"

namespace Samsa::DescribeAcls {

namespace {

QString nullWhenEmpty(const QString& text)
{
    return text.isEmpty() ? QString() : text;
}

} // namespace

QByteArray encodeRequest(const AclFilter& filter)
{
    // An empty string of the filter matches anything: null on the wire.
    WireWriter writer;
    writer.int8(AclCodes::code(filter.resourceType));
    writer.nullableString(nullWhenEmpty(filter.resourceName));
    writer.int8(AclCodes::code(filter.patternType));
    writer.nullableString(nullWhenEmpty(filter.principal));
    writer.nullableString(nullWhenEmpty(filter.host));
    writer.int8(AclCodes::code(filter.operation));
    writer.int8(AclCodes::code(filter.permission));
    return writer.data();
}

bool decodeResponse(const QByteArray& body, AclActionResult* result, qint16* errorCode, QString* error)
{
    WireReader in(body);
    const auto broken = [&] {
        *error = QStringLiteral("The DescribeAcls answer is broken: %1").arg(in.error());
        return false;
    };
    qint32 throttleMs = 0;
    qint16 code = 0;
    QString message;
    qint32 resources = 0;
    // Smallest entries: a resource is type, empty name, pattern, empty array (8 bytes); an ACL two
    // empty strings and two int8 (6).
    if (!in.int32(&throttleMs) || !in.int16(&code) || !in.nullableString(&message) || !in.arrayCount(8, &resources))
        return broken();
    QList<AclBinding> bindings;
    for (qint32 r = 0; r < resources; ++r) {
        qint8 type = 0;
        QString name;
        qint8 pattern = 0;
        qint32 acls = 0;
        if (!in.int8(&type) || !in.string(&name) || !in.int8(&pattern) || !in.arrayCount(6, &acls))
            return broken();
        for (qint32 a = 0; a < acls; ++a) {
            QString principal;
            QString host;
            qint8 operation = 0;
            qint8 permission = 0;
            if (!in.string(&principal) || !in.string(&host) || !in.int8(&operation) || !in.int8(&permission))
                return broken();
            if (const std::optional<AclBinding> binding
                = AclCodes::binding(type, name, pattern, principal, host, operation, permission))
                bindings.append(*binding);
        }
    }
    if (!in.atEnd()) {
        *error = QStringLiteral("The DescribeAcls answer has bytes left over after its last field");
        return false;
    }
    *errorCode = code;
    if (code != 0) {
        result->error = AclCodes::errorText(code, message.isEmpty() ? kafkaErrorText(code) : message);
        return true;
    }
    result->bindings = bindings;
    return true;
}

} // namespace Samsa::DescribeAcls

#pragma once

// samsactl's output of ACL administration: one row (or JSON object) per ACL, in a stable order, with
// each created ACL's result. The JSON names are Kafka's ("TOPIC", "PREFIXED", "DESCRIBE_CONFIGS").

#include "acls/acltypes.h"

#include <QJsonObject>
#include <QString>

namespace Samsa::Ctl {

QString aclListText(const QList<AclBinding>& bindings);
QString aclCreateText(const AclActionResult& result);
// The ACLs a delete removed, each with the result "deleted".
QString aclDeletedText(const QList<AclBinding>& bindings);

// {"action": "list"|"delete", "ok", "error", "acls": [...]}; delete adds "deleted" (false for the
// preview without --yes) and "filterErrors".
QJsonObject aclListJson(const QString& action, const AclActionResult& result);
// {"action": "create", "ok", "error", "acls": [{...the ACL, "ok", "error"}]}
QJsonObject aclCreateJson(const AclActionResult& result);
QJsonObject aclDeleteJson(const AclActionResult& result, bool deleted);

// The order of the output: resource type, name, pattern, principal, operation, permission, host.
QList<AclBinding> sortedAcls(QList<AclBinding> bindings);

} // namespace Samsa::Ctl

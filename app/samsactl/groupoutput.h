#pragma once

// samsactl's output of consumer groups (groups, group describe, lag): aligned text columns for
// people, JSON for scripts. Unknown numbers (nothing committed, end not read) are "-" and null.

#include "groups/grouptypes.h"

#include <QJsonObject>
#include <QString>

namespace Samsa::Ctl {

QString groupsText(const GroupListResult& result);
QJsonObject groupsJson(const GroupListResult& result);

QString groupDetailText(const GroupDetail& detail);
QJsonObject groupDetailJson(const GroupDetail& detail);

// Per partition: topic, partition, committed, end, lag; then the total.

// Kafka describes a group nobody ever used as Dead with no members and no offsets.
bool groupIsUnknown(const GroupDetail& detail);

} // namespace Samsa::Ctl

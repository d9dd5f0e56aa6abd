#pragma once

// samsactl's output of topic administration: one row (or JSON object) per topic or partition with
// its result, "ok" or the broker's reason.

#include "topics/topicadmintypes.h"

#include <QJsonObject>
#include <QString>

namespace Samsa::Ctl {

// `verb` names what was done ("created", "deleted", "purged", "altered").
QString topicActionText(const QString& verb, const TopicActionResult& result);
QJsonObject topicActionJson(const QString& verb, const TopicActionResult& result);

} // namespace Samsa::Ctl

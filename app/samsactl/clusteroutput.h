#pragma once

// samsactl's output of cluster data: aligned text columns for people, JSON for scripts.
// Unknown numbers (watermarks not read) are "-" in text and null in JSON.

#include "clustertypes.h"
#include "profiles/connectionprofile.h"

#include <QJsonObject>
#include <QString>

namespace Samsa::Ctl {

QString brokersText(const ClusterMetadata& metadata);
QJsonObject brokersJson(const ClusterMetadata& metadata);

QString topicsText(const ClusterMetadata& metadata);
QJsonObject topicsJson(const ClusterMetadata& metadata);

QString topicText(const TopicInfo& topic);
QJsonObject topicJson(const TopicInfo& topic);

QString configsText(const ConfigResult& result);
QJsonObject configsJson(const ConfigResult& result);

QString profilesText(const QList<ConnectionProfile>& profiles);
QJsonObject profilesJson(const QList<ConnectionProfile>& profiles);

} // namespace Samsa::Ctl

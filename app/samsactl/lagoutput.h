#pragma once

// samsactl lag's output: a group's metrics as the app's metrics engine derived them (lag, time lag,
// consume rate, health per partition and in total, time to clear), as text columns or JSON.
// Durations are milliseconds in JSON; unknown values are null with a note saying why.

#include "metrics/metricssnapshot.h"

#include <QJsonObject>
#include <QString>

namespace Samsa::Ctl {

QString lagText(const GroupMetrics& group, const MetricsSnapshot& snapshot);
QJsonObject lagJson(const GroupMetrics& group, const MetricsSnapshot& snapshot);

} // namespace Samsa::Ctl

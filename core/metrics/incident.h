#pragma once

// An alert incident: a consumer group over one of its thresholds, from when it crossed until it
// came back (see alertmonitor.h). Kept in history.db.

#include <QMetaType>
#include <QString>

namespace Samsa {

struct Incident {
    QString cluster;
    QString group;
    qint64 openedMs = 0;
    qint64 closedMs = -1; // -1: still open
    QString reason;
};

} // namespace Samsa

Q_DECLARE_METATYPE(Samsa::Incident)

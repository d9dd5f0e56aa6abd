#include "alertmonitor.h"

#include <QSet>

namespace Samsa {

AlertMonitor::AlertMonitor(const QString& cluster, QObject* parent)
    : QObject(parent)
    , m_cluster(cluster)
{
    qRegisterMetaType<Incident>();
    reloadRules();
}

void AlertMonitor::reloadRules()
{
    m_rules = AlertRules::loadAll(m_cluster);
}

void AlertMonitor::setThresholds(const QString& group, const AlertThresholds& thresholds)
{
    AlertRules::save(m_cluster, group, thresholds);
    if (thresholds.isEmpty())
        m_rules.remove(group);
    else
        m_rules.insert(group, thresholds);
}

void AlertMonitor::evaluate(const MetricsSnapshot& snapshot)
{
    QSet<QString> seen;
    for (const GroupMetrics& group : snapshot.groups) {
        seen.insert(group.group);
        const auto rule = m_rules.constFind(group.group);
        const QString reason = rule == m_rules.constEnd() ? QString() : rule->breach(group);
        const auto open = m_open.find(group.group);
        if (!reason.isEmpty() && open == m_open.end()) {
            const Incident incident { m_cluster, group.group, snapshot.timeMs, -1, reason };
            m_open.insert(group.group, incident);
            Q_EMIT incidentOpened(incident);
        } else if (reason.isEmpty() && open != m_open.end()) {
            Incident incident = open.value();
            incident.closedMs = snapshot.timeMs;
            m_open.erase(open);
            Q_EMIT incidentClosed(incident);
        }
    }
    // A deleted group's incident is over too (a failed round says nothing about the groups).
    if (!snapshot.error.isEmpty())
        return;
    for (auto it = m_open.begin(); it != m_open.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        Incident incident = it.value();
        incident.closedMs = snapshot.timeMs;
        it = m_open.erase(it);
        Q_EMIT incidentClosed(incident);
    }
}

} // namespace Samsa

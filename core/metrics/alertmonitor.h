#pragma once

// Watches one cluster's metrics against the alert thresholds of its groups: an incident opens when
// a group crosses a threshold and closes when it is back within all of them, so each incident is
// announced once (incidentOpened), however many rounds it lasts. Incidents go to the history.

#include "alertrules.h"
#include "incident.h"
#include "metricssnapshot.h"

#include <QHash>
#include <QObject>

namespace Samsa {

class AlertMonitor : public QObject {
    Q_OBJECT
public:
    AlertMonitor(const QString& cluster, QObject* parent = nullptr);

    // Thresholds are read from the settings again (after the user changed them).
    void reloadRules();
    void setThresholds(const QString& group, const AlertThresholds& thresholds);
    AlertThresholds thresholds(const QString& group) const { return m_rules.value(group); }

    void evaluate(const MetricsSnapshot& snapshot);

    bool isAlerting(const QString& group) const { return m_open.contains(group); }
    QList<Incident> openIncidents() const { return m_open.values(); }

Q_SIGNALS:
    void incidentOpened(const Samsa::Incident& incident);
    void incidentClosed(const Samsa::Incident& incident);

private:
    QString m_cluster;
    QHash<QString, AlertThresholds> m_rules;
    QHash<QString, Incident> m_open; // by group
};

} // namespace Samsa

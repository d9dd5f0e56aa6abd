#pragma once

// The alert thresholds of one consumer group (lag, time lag, health; each optional) and the
// group's past incidents from the history.

#include "metrics/alertrules.h"
#include "metrics/incident.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;

namespace Samsa {

class AlertThresholdsDialog : public QDialog {
    Q_OBJECT
public:
    AlertThresholdsDialog(const QString& groupId, const AlertThresholds& current, QWidget* parent = nullptr);

    AlertThresholds thresholds() const;
    // Past incidents of this group (from MetricsHistory::incidentsLoaded), newest first.
    void showIncidents(const QList<Incident>& incidents);

private:
    QString m_groupId;
    QLineEdit* m_lag;
    QLineEdit* m_timeLag;
    QComboBox* m_health;
    QListWidget* m_incidents;
};

} // namespace Samsa

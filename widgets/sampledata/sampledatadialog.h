#pragma once

// Tools › Load Sample Data: picks a connected cluster and a rate, then keeps the demo topics
// flowing (see core/sampledata/sampledata.h) with live counts. Closing the window keeps the
// sample running; Stop stops it, and the data stays.

#include "kafka/clustersession.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Samsa {

class SampleData;
struct SampleDataStats;

class SampleDataDialog : public QDialog {
    Q_OBJECT
public:
    explicit SampleDataDialog(QWidget* parent = nullptr);

    // The clusters one can load into; `preferred` is selected (e.g. the active one).
    void setSessions(const QList<ClusterSession*>& sessions, ClusterSession* preferred);
    SampleData* sampleData() const { return m_sample; }

private:
    void start();
    void updateState();
    void showStats(const SampleDataStats& stats);
    ClusterSession* selectedSession() const;
    void targetChanged();

    SampleData* m_sample;
    QList<QPointer<ClusterSession>> m_sessions;
    QComboBox* m_target;
    QSpinBox* m_rate;
    QLineEdit* m_registry;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_status;
    QLabel* m_stats;
};

} // namespace Samsa

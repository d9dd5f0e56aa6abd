#pragma once

// The lower part of the Produce dialog: a progress bar with "12 of 100 sent · 1 failed", a Cancel
// button while sending, and one row per message with its partition and offset or the broker's error.

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Samsa {

class DataTableView;
class ProduceResultsModel;
struct ProduceResultRow;

class ProduceResultsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProduceResultsPanel(QWidget* parent = nullptr);

    void start(int total);
    void addResults(const QList<ProduceResultRow>& rows);
    void setProgress(int done, int total);
    // Sending ended: all sent, cancelled (then `note` says so) or failed as a whole (`note` says why).
    void finish(const QString& note = {});
    void showNote(const QString& note);
    // While sending: no broker answers (the messages wait and are retried) or one answers again.
    void setConnectionLost(bool lost, const QString& reason);

    ProduceResultsModel* model() const { return m_model; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void cancelRequested();

private:
    void updateSummary();

    ProduceResultsModel* m_model;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QPushButton* m_cancel;
    DataTableView* m_view;
    int m_total = 0;
    int m_done = 0;
    bool m_running = false;
    QString m_note;
    bool m_connectionLost = false;
    QString m_connectionReason;
};

} // namespace Samsa

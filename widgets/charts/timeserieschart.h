#pragma once

// A live time-series chart over QCustomPlot: named series of (time, value) points, a time range
// (5 min, 1 h, 24 h, 7 d or custom) that follows the newest point until the user drags or zooms,
// a tooltip with the exact values under the mouse, a legend whose entries toggle their series,
// and export of the picture (PNG) or the data (CSV). Points are appended and the plot redrawn on
// the next event loop pass (rpQueuedReplot): the plot is never rebuilt.

#include <QColor>
#include <QList>
#include <QPair>
#include <QWidget>
#include <functional>

class QCPGraph;
class QComboBox;
class QCustomPlot;
class QMouseEvent;
class QToolButton;

namespace Samsa {

class TimeSeriesChart : public QWidget {
    Q_OBJECT
public:
    enum class Range { FiveMinutes, OneHour, OneDay, SevenDays, Custom };

    explicit TimeSeriesChart(QWidget* parent = nullptr);

    void setValueLabel(const QString& label); // the value axis' title, e.g. "messages"
    void setValueFormat(std::function<QString(double)> format); // how the tooltip writes a value

    int addSeries(const QString& name, const QColor& color = {});
    int seriesCount() const;
    QString seriesName(int series) const;
    void setSeriesVisible(int series, bool visible);
    bool isSeriesVisible(int series) const;
    void removeAllSeries();

    // NaN: no value (a gap in the line). Points more than 3 minutes after the previous one start a
    // new line: nothing was sampled in between.
    void append(int series, qint64 timeMs, double value);
    // Points from the past (time in ms, value), in time order and all older than the series' first
    // point: one insertion, with the same gap rule.
    void prependPast(int series, const QList<QPair<qint64, double>>& points);
    int pointCount(int series) const;
    double lastValue(int series) const;

    void setRange(Range range);
    Range range() const { return m_range; }
    void setCustomRange(qint64 fromMs, qint64 toMs);
    bool isFollowing() const { return m_following; }

    bool exportPng(const QString& path, QString* error) const;
    bool exportCsv(const QString& path, QString* error) const;

    QCustomPlot* plot() const { return m_plot; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    // A queued replot when the chart is on screen; a hidden one (a page not shown) redraws when it
    // is shown again, so pages in the background cost no drawing per round.
    void requestReplot();
    void applyRange();
    void showTooltip(QMouseEvent* event);
    QString formatValue(double value) const;

    QCustomPlot* m_plot;
    QComboBox* m_rangeBox;
    QToolButton* m_followButton;
    QToolButton* m_exportButton;
    QList<QCPGraph*> m_graphs;
    Range m_range = Range::FiveMinutes;
    bool m_following = true;
    bool m_replotPending = false;
    qint64 m_latestMs = 0;
    qint64 m_customFromMs = 0;
    qint64 m_customToMs = 0;
    std::function<QString(double)> m_format;
};

} // namespace Samsa

#include "timeserieschart.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include "qcustomplotinclude.h"

namespace Samsa {

namespace {

constexpr double msPerSecond = 1000.0;
// More than three one-minute rollups apart: no samples were taken in between.
constexpr double GapSeconds = 180.0;

qint64 rangeMs(TimeSeriesChart::Range range)
{
    switch (range) {
    case TimeSeriesChart::Range::FiveMinutes:
        return 5 * 60 * 1000;
    case TimeSeriesChart::Range::OneHour:
        return 3600 * 1000;
    case TimeSeriesChart::Range::OneDay:
        return 24 * 3600 * 1000;
    case TimeSeriesChart::Range::SevenDays:
        return 7 * 24 * 3600 * 1000LL;
    case TimeSeriesChart::Range::Custom:
        break;
    }
    return 0;
}

// Colours that stay apart on light and dark backgrounds (Tableau 10).
QColor paletteColor(int index)
{
    static const QList<QColor> colors { QColor(0x4e79a7), QColor(0xf28e2b), QColor(0xe15759), QColor(0x76b7b2),
        QColor(0x59a14f), QColor(0xedc948), QColor(0xb07aa1), QColor(0xff9da7), QColor(0x9c755f), QColor(0xbab0ac) };
    return colors.at(index % colors.size());
}

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_rangeBox(new QComboBox(this))
    , m_followButton(new QToolButton(this))
    , m_exportButton(new QToolButton(this))
{
    m_plot->setObjectName(QStringLiteral("chartPlot"));
    m_rangeBox->setObjectName(QStringLiteral("chartRange"));
    m_followButton->setObjectName(QStringLiteral("chartFollow"));
    m_exportButton->setObjectName(QStringLiteral("chartExport"));

    m_rangeBox->addItems({ tr("Last 5 minutes"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"), tr("Custom…") });
    connect(m_rangeBox, &QComboBox::activated, this, [this](int index) {
        if (Range(index) != Range::Custom) {
            setRange(Range(index));
            return;
        }
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Time range"));
        auto* from = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), &dialog);
        auto* to = new QDateTimeEdit(QDateTime::currentDateTime(), &dialog);
        from->setCalendarPopup(true);
        to->setCalendarPopup(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        auto* form = new QFormLayout(&dialog);
        form->addRow(tr("From"), from);
        form->addRow(tr("To"), to);
        form->addRow(buttons);
        if (dialog.exec() == QDialog::Accepted && from->dateTime() < to->dateTime())
            setCustomRange(from->dateTime().toMSecsSinceEpoch(), to->dateTime().toMSecsSinceEpoch());
        else
            m_rangeBox->setCurrentIndex(int(m_range));
    });
    m_followButton->setText(tr("Follow"));
    m_followButton->setToolTip(tr("Keep the newest samples in view"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    connect(m_followButton, &QToolButton::toggled, this, [this](bool on) {
        m_following = on;
        if (on && m_range == Range::Custom)
            setRange(Range::FiveMinutes);
        applyRange();
    });
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("Chart as PNG…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(), tr("PNG images (*.png)"));
        QString error;
        if (!path.isEmpty() && !exportPng(path, &error))
            QMessageBox::warning(this, tr("Export chart"), error);
    });
    exportMenu->addAction(tr("Data as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), QString(), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export data"), error);
    });
    m_exportButton->setMenu(exportMenu);

    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss\nd MMM"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0, 1);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    // Entries side by side, six to a row: a dozen partitions take two rows, not the plot's height.
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(6);
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMinimumHeight(160);
    m_plot->setMouseTracking(true);
    // A drag or a zoom by the user stops following; the chart's own range changes do not.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent*) { m_followButton->setChecked(false); });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent*) { m_followButton->setChecked(false); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimeSeriesChart::showTooltip);
    connect(m_plot, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
        auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
        if (!entry)
            return;
        const int series = int(m_graphs.indexOf(qobject_cast<QCPGraph*>(entry->plottable())));
        if (series >= 0)
            setSeriesVisible(series, !isSeriesVisible(series));
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_rangeBox);
    bar->addWidget(m_followButton);
    bar->addStretch(1);
    bar->addWidget(m_exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
    applyRange();
}

void TimeSeriesChart::setValueLabel(const QString& label)
{
    m_plot->yAxis->setLabel(label);
    requestReplot();
}

void TimeSeriesChart::setValueFormat(std::function<QString(double)> format)
{
    m_format = std::move(format);
}

int TimeSeriesChart::addSeries(const QString& name, const QColor& color)
{
    QCPGraph* graph = m_plot->addGraph();
    graph->setName(name);
    graph->setPen(QPen(color.isValid() ? color : paletteColor(int(m_graphs.size())), 1.6));
    graph->setAdaptiveSampling(true);
    m_graphs.append(graph);
    requestReplot();
    return int(m_graphs.size() - 1);
}

int TimeSeriesChart::seriesCount() const
{
    return int(m_graphs.size());
}

QString TimeSeriesChart::seriesName(int series) const
{
    return m_graphs.value(series) ? m_graphs.at(series)->name() : QString();
}

void TimeSeriesChart::setSeriesVisible(int series, bool visible)
{
    QCPGraph* graph = m_graphs.value(series);
    if (!graph)
        return;
    graph->setVisible(visible);
    if (QCPPlottableLegendItem* item = m_plot->legend->itemWithPlottable(graph))
        item->setTextColor(visible ? palette().color(QPalette::Text) : palette().color(QPalette::Disabled, QPalette::Text));
    applyRange();
}

bool TimeSeriesChart::isSeriesVisible(int series) const
{
    return m_graphs.value(series) && m_graphs.at(series)->visible();
}

void TimeSeriesChart::removeAllSeries()
{
    m_plot->clearGraphs();
    m_graphs.clear();
    m_latestMs = 0;
    requestReplot();
}

void TimeSeriesChart::append(int series, qint64 timeMs, double value)
{
    QCPGraph* graph = m_graphs.value(series);
    if (!graph)
        return;
    const double key = double(timeMs) / msPerSecond;
    if (graph->dataCount() > 0) {
        // Samples far apart (the app was not running): a gap in the line, not a straight line across.
        const double lastKey = (graph->data()->constEnd() - 1)->key;
        if (key - lastKey > GapSeconds)
            graph->addData(lastKey + 0.001, std::nan(""));
    }
    graph->addData(key, value);
    if (timeMs > m_latestMs) {
        m_latestMs = timeMs;
        if (m_following)
            applyRange();
        return;
    }
    requestReplot();
}

void TimeSeriesChart::requestReplot()
{
    if (!isVisible()) {
        m_replotPending = true;
        return;
    }
    m_replotPending = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimeSeriesChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_replotPending)
        requestReplot();
}

void TimeSeriesChart::prependPast(int series, const QList<QPair<qint64, double>>& points)
{
    QCPGraph* graph = m_graphs.value(series);
    if (!graph || points.isEmpty())
        return;
    const double firstKey = graph->dataCount() > 0 ? graph->data()->constBegin()->key : std::nan("");
    QVector<double> keys;
    QVector<double> values;
    keys.reserve(points.size() + 1);
    values.reserve(points.size() + 1);
    for (const auto& [timeMs, value] : points) {
        const double key = double(timeMs) / msPerSecond;
        if (key >= firstKey)
            break;
        if (!keys.isEmpty() && key - keys.last() > GapSeconds) {
            keys.append(keys.last() + 0.001);
            values.append(std::nan(""));
        }
        keys.append(key);
        values.append(value);
    }
    if (keys.isEmpty())
        return;
    if (!std::isnan(firstKey) && firstKey - keys.last() > GapSeconds) {
        keys.append(keys.last() + 0.001);
        values.append(std::nan(""));
    }
    graph->addData(keys, values, true);
    m_latestMs = std::max(m_latestMs, qint64(keys.last() * msPerSecond));
    if (m_following)
        applyRange();
    else
        requestReplot();
}

int TimeSeriesChart::pointCount(int series) const
{
    return m_graphs.value(series) ? m_graphs.at(series)->dataCount() : 0;
}

double TimeSeriesChart::lastValue(int series) const
{
    QCPGraph* graph = m_graphs.value(series);
    if (!graph || graph->dataCount() == 0)
        return std::nan("");
    return (graph->data()->constEnd() - 1)->value;
}

void TimeSeriesChart::setRange(Range range)
{
    m_range = range;
    m_rangeBox->setCurrentIndex(int(range));
    if (range != Range::Custom && !m_following)
        m_followButton->setChecked(true); // applies the range
    else
        applyRange();
}

void TimeSeriesChart::setCustomRange(qint64 fromMs, qint64 toMs)
{
    m_customFromMs = fromMs;
    m_customToMs = toMs;
    m_range = Range::Custom;
    m_rangeBox->setCurrentIndex(int(Range::Custom));
    m_followButton->setChecked(false);
    applyRange();
}

void TimeSeriesChart::applyRange()
{
    if (m_range == Range::Custom) {
        m_plot->xAxis->setRange(double(m_customFromMs) / msPerSecond, double(m_customToMs) / msPerSecond);
    } else if (m_following) {
        const qint64 end = m_latestMs > 0 ? m_latestMs : QDateTime::currentMSecsSinceEpoch();
        m_plot->xAxis->setRange(double(end - rangeMs(m_range)) / msPerSecond, double(end) / msPerSecond);
    }
    // The value axis fits what is in view, from zero: lag and rates are never negative.
    double top = 0;
    const QCPRange keys = m_plot->xAxis->range();
    for (QCPGraph* graph : std::as_const(m_graphs)) {
        if (!graph->visible())
            continue;
        bool found = false;
        const QCPRange values = graph->getValueRange(found, QCP::sdBoth, keys);
        if (found)
            top = std::max(top, values.upper);
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    requestReplot();
}

QString TimeSeriesChart::formatValue(double value) const
{
    if (std::isnan(value))
        return tr("no value");
    return m_format ? m_format(value) : QLocale().toString(value, 'f', value == std::floor(value) ? 0 : 2);
}

void TimeSeriesChart::showTooltip(QMouseEvent* event)
{
    if (m_graphs.isEmpty() || !m_plot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double key = m_plot->xAxis->pixelToCoord(event->pos().x());
    QStringList lines;
    double shownKey = std::nan("");
    for (QCPGraph* graph : std::as_const(m_graphs)) {
        if (!graph->visible() || graph->dataCount() == 0)
            continue;
        auto it = graph->data()->findBegin(key, false);
        if (it == graph->data()->constEnd())
            --it;
        if (it != graph->data()->constBegin() && std::abs((it - 1)->key - key) < std::abs(it->key - key))
            --it;
        if (std::isnan(shownKey))
            shownKey = it->key;
        lines.append(QStringLiteral("%1: %2").arg(graph->name(), formatValue(it->value)));
    }
    if (lines.isEmpty())
        return;
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(shownKey * msPerSecond));
    lines.prepend(QLocale().toString(time, QStringLiteral("d MMM HH:mm:ss")));
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), m_plot);
}

bool TimeSeriesChart::exportPng(const QString& path, QString* error) const
{
    if (m_plot->savePng(path))
        return true;
    *error = tr("Could not write %1.").arg(path);
    return false;
}

bool TimeSeriesChart::exportCsv(const QString& path, QString* error) const
{
    // One row per sampling time, one column per series; empty where a series has no point then.
    QMap<double, QList<double>> rows;
    for (int series = 0; series < m_graphs.size(); ++series) {
        for (auto it = m_graphs.at(series)->data()->constBegin(); it != m_graphs.at(series)->data()->constEnd(); ++it) {
            QList<double>& row = rows[it->key];
            row.resize(m_graphs.size(), std::nan(""));
            row[series] = it->value;
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray out = "time";
    for (QCPGraph* graph : m_graphs) {
        QString name = graph->name();
        name.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        out += ",\"" + name.toUtf8() + '"';
    }
    out += '\n';
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        out += QDateTime::fromMSecsSinceEpoch(qint64(it.key() * msPerSecond), Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        for (double value : it.value()) {
            out += ',';
            if (!std::isnan(value))
                out += QByteArray::number(value, 'g', 15);
        }
        out += '\n';
    }
    file.write(out);
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Samsa

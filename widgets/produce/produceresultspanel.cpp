#include "produceresultspanel.h"

#include "common/datatableview.h"
#include "produce/produceresultsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Samsa {

ProduceResultsPanel::ProduceResultsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ProduceResultsModel(this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_view(new DataTableView(this))
{
    m_progress->setObjectName(QStringLiteral("produceProgress"));
    m_summary->setObjectName(QStringLiteral("produceSummary"));
    m_cancel->setObjectName(QStringLiteral("produceCancel"));
    m_view->setObjectName(QStringLiteral("produceResults"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_cancel->setEnabled(false);
    m_summary->setWordWrap(true);

    auto* row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_summary->setText(m_summary->text() + tr(" · cancelling…"));
        Q_EMIT cancelRequested();
    });
    m_summary->setText(tr("Nothing sent yet."));
}

void ProduceResultsPanel::start(int total)
{
    m_model->clear();
    m_total = total;
    m_done = 0;
    m_note.clear();
    m_connectionLost = false;
    m_running = true;
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    updateSummary();
}

void ProduceResultsPanel::addResults(const QList<ProduceResultRow>& rows)
{
    m_model->append(rows);
    m_done = std::max(m_done, m_model->rowCount());
    m_progress->setValue(m_done);
    updateSummary();
    m_view->scrollToBottom();
}

void ProduceResultsPanel::setProgress(int done, int total)
{
    m_total = total;
    m_done = done;
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    updateSummary();
}

void ProduceResultsPanel::finish(const QString& note)
{
    m_running = false;
    m_connectionLost = false;
    m_note = note;
    m_cancel->setEnabled(false);
    updateSummary();
}

void ProduceResultsPanel::showNote(const QString& note)
{
    m_note = note;
    m_summary->setText(note);
}

void ProduceResultsPanel::setConnectionLost(bool lost, const QString& reason)
{
    m_connectionLost = lost && m_running;
    m_connectionReason = reason;
    updateSummary();
}

void ProduceResultsPanel::updateSummary()
{
    QString text = tr("%1 of %2 sent").arg(m_model->succeeded()).arg(m_total);
    if (m_model->failed() > 0)
        text += tr(" · %n failed", nullptr, m_model->failed());
    if (m_running)
        text += tr(" · sending…");
    if (m_connectionLost) {
        text += tr(" · broker unreachable — retrying until the messages time out");
        if (!m_connectionReason.isEmpty())
            text += QStringLiteral(" (%1)").arg(m_connectionReason);
    }
    if (!m_note.isEmpty())
        text += QStringLiteral(" · ") + m_note;
    m_summary->setText(text);
}

} // namespace Samsa

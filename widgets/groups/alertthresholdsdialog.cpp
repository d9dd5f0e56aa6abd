#include "alertthresholdsdialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace Samsa {

namespace {

const QList<Health> HealthChoices { Health::Unknown, Health::Warn, Health::Rewind, Health::Stall, Health::Stop, Health::Err };

} // namespace

AlertThresholdsDialog::AlertThresholdsDialog(const QString& groupId, const AlertThresholds& current, QWidget* parent)
    : QDialog(parent)
    , m_groupId(groupId)
    , m_lag(new QLineEdit(this))
    , m_timeLag(new QLineEdit(this))
    , m_health(new QComboBox(this))
    , m_incidents(new QListWidget(this))
{
    setWindowTitle(tr("Alerts for %1").arg(groupId));
    m_lag->setObjectName(QStringLiteral("alertLag"));
    m_timeLag->setObjectName(QStringLiteral("alertTimeLag"));
    m_health->setObjectName(QStringLiteral("alertHealth"));
    m_incidents->setObjectName(QStringLiteral("alertIncidents"));
    const auto digits = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,15}")), this);
    m_lag->setValidator(digits);
    m_timeLag->setValidator(digits);
    m_lag->setPlaceholderText(tr("no limit"));
    m_timeLag->setPlaceholderText(tr("no limit"));
    if (current.maxLag >= 0)
        m_lag->setText(QString::number(current.maxLag));
    if (current.maxTimeLagMs >= 0)
        m_timeLag->setText(QString::number(current.maxTimeLagMs / 1000));
    for (Health health : HealthChoices)
        m_health->addItem(health == Health::Unknown ? tr("no health alert") : tr("%1 or worse").arg(healthName(health)));
    m_health->setCurrentIndex(int(HealthChoices.indexOf(current.atHealth)));
    m_incidents->addItem(tr("Loading the incidents…"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout;
    form->addRow(tr("Lag above (messages)"), m_lag);
    form->addRow(tr("Time lag above (seconds)"), m_timeLag);
    form->addRow(tr("Health"), m_health);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Samsa raises a desktop notification and shows the group in red when it crosses one "
                                    "of these, once per incident."),
        this));
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Past incidents"), this));
    layout->addWidget(m_incidents, 1);
    layout->addWidget(buttons);
    resize(520, 420);
}

AlertThresholds AlertThresholdsDialog::thresholds() const
{
    AlertThresholds thresholds;
    bool ok = false;
    const qint64 lag = m_lag->text().toLongLong(&ok);
    if (ok)
        thresholds.maxLag = lag;
    const qint64 seconds = m_timeLag->text().toLongLong(&ok);
    if (ok)
        thresholds.maxTimeLagMs = seconds * 1000;
    thresholds.atHealth = HealthChoices.value(m_health->currentIndex(), Health::Unknown);
    return thresholds;
}

void AlertThresholdsDialog::showIncidents(const QList<Incident>& incidents)
{
    m_incidents->clear();
    const QLocale locale;
    for (const Incident& incident : incidents) {
        if (incident.group != m_groupId)
            continue;
        const QString opened = locale.toString(QDateTime::fromMSecsSinceEpoch(incident.openedMs), QLocale::ShortFormat);
        const QString closed = incident.closedMs < 0
            ? tr("still open")
            : tr("until %1").arg(locale.toString(QDateTime::fromMSecsSinceEpoch(incident.closedMs), QLocale::ShortFormat));
        m_incidents->addItem(tr("%1, %2: %3").arg(opened, closed, incident.reason));
    }
    if (m_incidents->count() == 0)
        m_incidents->addItem(tr("No incident in the last 30 days."));
}

} // namespace Samsa

#include "sampledatadialog.h"

#include "kafka/clustersession.h"
#include "sampledata/sampledata.h"
#include "sampledata/samplerecords.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace Samsa {

namespace {
const QString DefaultRegistry = QStringLiteral("http://127.0.0.1:8081");
}

SampleDataDialog::SampleDataDialog(QWidget* parent)
    : QDialog(parent)
    , m_sample(new SampleData(this))
    , m_target(new QComboBox(this))
    , m_rate(new QSpinBox(this))
    , m_registry(new QLineEdit(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_stop(new QPushButton(tr("S&top"), this))
    , m_status(new QLabel(this))
    , m_stats(new QLabel(this))
{
    setWindowTitle(tr("Sample Data"));
    m_target->setObjectName(QStringLiteral("sampleTarget"));
    m_rate->setObjectName(QStringLiteral("sampleRate"));
    m_registry->setObjectName(QStringLiteral("sampleRegistry"));
    m_start->setObjectName(QStringLiteral("sampleStart"));
    m_stop->setObjectName(QStringLiteral("sampleStop"));
    m_status->setObjectName(QStringLiteral("sampleStatus"));
    m_stats->setObjectName(QStringLiteral("sampleStats"));

    m_rate->setRange(1, 100000);
    m_rate->setValue(50);
    m_rate->setSuffix(tr(" messages/s"));
    m_registry->setPlaceholderText(DefaultRegistry);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setTextFormat(Qt::PlainText);

    auto* intro = new QLabel(tr("Creates the topics <b>orders</b> (Avro, keyed by customer), <b>clickstream</b> (JSON) "
                                "and <b>telemetry</b> (Avro, 12 partitions), keeps messages flowing, and runs the "
                                "consumer group <b>%1</b>, which keeps up, and <b>%2</b>, which falls behind.")
                                 .arg(QString::fromLatin1(SampleData::KeepingUpGroup),
                                     QString::fromLatin1(SampleData::FallingBehindGroup)),
        this);
    intro->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Cluster:"), m_target);
    form->addRow(tr("&Rate:"), m_rate);
    form->addRow(tr("Schema &Registry:"), m_registry);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_stats);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_start, &QPushButton::clicked, this, &SampleDataDialog::start);
    connect(m_stop, &QPushButton::clicked, m_sample, &SampleData::stop);
    connect(m_target, &QComboBox::currentIndexChanged, this, &SampleDataDialog::targetChanged);
    connect(m_sample, &SampleData::stateChanged, this, &SampleDataDialog::updateState);
    connect(m_sample, &SampleData::progress, m_status, &QLabel::setText);
    connect(m_sample, &SampleData::statsChanged, this, &SampleDataDialog::showStats);
    updateState();
}

void SampleDataDialog::setSessions(const QList<ClusterSession*>& sessions, ClusterSession* preferred)
{
    if (m_sample->state() != SampleData::State::Stopped && m_sample->state() != SampleData::State::Failed)
        return; // the running sample's target stays shown
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_sessions.clear();
    for (ClusterSession* session : sessions) {
        m_sessions.append(session);
        m_target->addItem(session->profile().name);
        if (session == preferred)
            m_target->setCurrentIndex(m_target->count() - 1);
    }
    targetChanged();
    updateState();
}

ClusterSession* SampleDataDialog::selectedSession() const
{
    const int index = m_target->currentIndex();
    return index >= 0 && index < m_sessions.size() ? m_sessions.at(index).data() : nullptr;
}

void SampleDataDialog::targetChanged()
{
    const ClusterSession* session = selectedSession();
    const QString url = session ? session->profile().schemaRegistryUrl : QString();
    m_registry->setText(url.isEmpty() ? DefaultRegistry : url);
}

void SampleDataDialog::start()
{
    ClusterSession* session = selectedSession();
    if (!session) {
        m_status->setText(tr("Connect to a cluster first (File › Connect…)."));
        return;
    }
    const QUrl registry(m_registry->text().trimmed().isEmpty() ? DefaultRegistry : m_registry->text().trimmed(),
        QUrl::StrictMode);
    if (!registry.isValid() || !registry.scheme().startsWith(QLatin1String("http")) || registry.host().isEmpty()) {
        m_status->setText(tr("The Schema Registry address must be an http(s) URL such as %1.").arg(DefaultRegistry));
        m_registry->setFocus();
        return;
    }
    SampleDataOptions options;
    options.profile = session->profile();
    options.secrets = session->secrets();
    options.registryUrl = registry;
    options.messagesPerSecond = m_rate->value();
    m_stats->clear();
    m_sample->start(options);
}

void SampleDataDialog::updateState()
{
    const SampleData::State state = m_sample->state();
    const bool busy = state == SampleData::State::Preparing || state == SampleData::State::Running
        || state == SampleData::State::Stopping;
    m_start->setEnabled(!busy && !m_sessions.isEmpty());
    m_stop->setEnabled(state == SampleData::State::Preparing || state == SampleData::State::Running);
    m_target->setEnabled(!busy);
    m_rate->setEnabled(!busy);
    m_registry->setEnabled(!busy);
    switch (state) {
    case SampleData::State::Stopped:
        if (m_sessions.isEmpty())
            m_status->setText(tr("Connect to a cluster first (File › Connect…)."));
        else if (!m_stats->text().isEmpty())
            m_status->setText(tr("Stopped. The data stays in the topics."));
        else
            m_status->clear();
        break;
    case SampleData::State::Failed:
        m_status->setText(tr("Failed: %1").arg(m_sample->errorText()));
        break;
    case SampleData::State::Running:
        m_status->setText(tr("Running at %1 messages per second.").arg(m_rate->value()));
        break;
    case SampleData::State::Preparing:
    case SampleData::State::Stopping:
        break; // progress() tells
    }
}

void SampleDataDialog::showStats(const SampleDataStats& stats)
{
    using namespace SampleRecords;
    QStringList lines;
    for (const char* topic : { OrdersTopic, ClickstreamTopic, TelemetryTopic })
        lines.append(tr("%1: %2 produced").arg(QString::fromLatin1(topic)).arg(stats.produced.value(QString::fromLatin1(topic))));
    for (const char* group : { SampleData::KeepingUpGroup, SampleData::FallingBehindGroup })
        lines.append(tr("group %1: %2 consumed").arg(QString::fromLatin1(group)).arg(stats.consumed.value(QString::fromLatin1(group))));
    if (stats.failed)
        lines.append(tr("%1 messages failed").arg(stats.failed));
    m_stats->setText(lines.join(QLatin1Char('\n')));
}

} // namespace Samsa

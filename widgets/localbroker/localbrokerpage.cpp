#include "localbrokerpage.h"

#include "brokerfailurepanel.h"
#include "brokerlogview.h"
#include "kafka/clustersession.h"
#include "localbroker/localbroker.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace Samsa {

namespace {
QLabel* valueLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("—"), parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString durationText(qint64 seconds)
{
    if (seconds < 60)
        return LocalBrokerPage::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return LocalBrokerPage::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return LocalBrokerPage::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return LocalBrokerPage::tr("%1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

QPixmap lamp(const QColor& colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3));
    return pixmap;
}

QColor lampColour(LocalBroker::State state)
{
    switch (state) {
    case LocalBroker::State::Running:
        return QColor(0x2e, 0xa0, 0x43);
    case LocalBroker::State::Starting:
    case LocalBroker::State::Stopping:
        return QColor(0xe0, 0xa0, 0x20);
    case LocalBroker::State::Failed:
        return QColor(0xd0, 0x30, 0x30);
    case LocalBroker::State::Stopped:
        break;
    }
    return QColor(0x9a, 0x9a, 0x9a);
}

constexpr int diskRefreshTicks = 10; // seconds between two measurements of the data directory
} // namespace

LocalBrokerPage::LocalBrokerPage(LocalBroker* broker, QWidget* parent)
    : QWidget(parent)
    , m_broker(broker)
    , m_stateLamp(new QLabel(this))
    , m_state(new QLabel(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_restart(new QPushButton(tr("Restart"), this))
    , m_sampleData(new QPushButton(tr("Load Sample Data…"), this))
    , m_failure(new BrokerFailurePanel(this))
    , m_port(new QSpinBox(this))
    , m_portHint(new QLabel(this))
    , m_dataDir(valueLabel(QStringLiteral("localBrokerDataDir"), this))
    , m_uptime(valueLabel(QStringLiteral("localBrokerUptime"), this))
    , m_counts(valueLabel(QStringLiteral("localBrokerCounts"), this))
    , m_disk(valueLabel(QStringLiteral("localBrokerDisk"), this))
    , m_level(new QComboBox(this))
    , m_log(new BrokerLogView(this))
    , m_ticker(new QTimer(this))
{
    auto* heading = new QLabel(tr("Local broker"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto* about = new QLabel(tr("samsa-broker, a single-node Kafka-protocol broker that Samsa runs on this computer. "
                                "The “Local” connection points at it."),
        this);
    about->setWordWrap(true);

    m_state->setObjectName(QStringLiteral("localBrokerState"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont stateFont = m_state->font();
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    m_start->setObjectName(QStringLiteral("localBrokerStart"));
    m_stop->setObjectName(QStringLiteral("localBrokerStop"));
    m_restart->setObjectName(QStringLiteral("localBrokerRestart"));
    auto* stateRow = new QHBoxLayout;
    stateRow->addWidget(m_stateLamp);
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_start);
    stateRow->addWidget(m_stop);
    stateRow->addWidget(m_restart);
    m_sampleData->setObjectName(QStringLiteral("localBrokerSampleData"));
    m_sampleData->setToolTip(tr("Demo topics with Avro and JSON messages, and consumer groups, one of them falling behind"));
    stateRow->addWidget(m_sampleData);

    m_port->setObjectName(QStringLiteral("localBrokerPort"));
    m_port->setRange(1, 65535);
    m_port->setKeyboardTracking(false);
    m_port->setValue(m_broker->port());
    m_port->setAccessibleName(tr("Listen port"));
    m_portHint->setObjectName(QStringLiteral("localBrokerPortHint"));
    m_portHint->setEnabled(false); // drawn as a quiet hint
    auto* portRow = new QHBoxLayout;
    portRow->addWidget(m_port);
    portRow->addWidget(m_portHint, 1);
    m_dataDir->setText(QDir::toNativeSeparators(m_broker->dataDir()));
    m_dataDir->setWordWrap(true);
    m_counts->setTextInteractionFlags(
        Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);

    auto* form = new QFormLayout;
    form->addRow(tr("Listen port:"), portRow);
    form->addRow(tr("Data directory:"), m_dataDir);
    form->addRow(tr("Uptime:"), m_uptime);
    form->addRow(tr("Topics:"), m_counts);
    form->addRow(tr("Disk used:"), m_disk);

    m_level->setObjectName(QStringLiteral("localBrokerLevel"));
    m_level->addItem(tr("All levels"), int(BrokerLogLine::Level::Debug));
    m_level->addItem(tr("Info and above"), int(BrokerLogLine::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(BrokerLogLine::Level::Warning));
    m_level->addItem(tr("Errors only"), int(BrokerLogLine::Level::Error));
    m_level->setAccessibleName(tr("Log level filter"));
    m_log->setObjectName(QStringLiteral("localBrokerLog"));
    auto* logRow = new QHBoxLayout;
    auto* logLabel = new QLabel(tr("Log"), this);
    QFont logFont = logLabel->font();
    logFont.setBold(true);
    logLabel->setFont(logFont);
    logRow->addWidget(logLabel);
    logRow->addStretch();
    logRow->addWidget(new QLabel(tr("Show:"), this));
    logRow->addWidget(m_level);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(about);
    layout->addSpacing(4);
    layout->addLayout(stateRow);
    layout->addWidget(m_failure);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addLayout(logRow);
    layout->addWidget(m_log, 1);

    connect(m_start, &QPushButton::clicked, m_broker, &LocalBroker::start);
    connect(m_stop, &QPushButton::clicked, m_broker, &LocalBroker::stop);
    connect(m_restart, &QPushButton::clicked, m_broker, &LocalBroker::restart);
    connect(m_sampleData, &QPushButton::clicked, this, &LocalBrokerPage::sampleDataRequested);
    connect(m_failure, &BrokerFailurePanel::useFreePortRequested, this, [this](quint16 port) {
        m_broker->setPort(port);
        m_broker->start();
    });
    connect(m_port, &QSpinBox::valueChanged, this, [this](int port) { m_broker->setPort(quint16(port)); });
    connect(m_counts, &QLabel::linkActivated, this, &LocalBrokerPage::connectRequested);
    connect(m_level, &QComboBox::currentIndexChanged, this,
        [this] { m_log->setMinimumLevel(BrokerLogLine::Level(m_level->currentData().toInt()), m_broker->logLines()); });

    connect(m_broker, &LocalBroker::stateChanged, this, &LocalBrokerPage::showState);
    connect(m_broker, &LocalBroker::portChanged, this, [this](quint16 port) {
        const QSignalBlocker blocker(m_port);
        m_port->setValue(port);
        showPortHint();
    });
    connect(m_broker, &LocalBroker::logLinesAdded, m_log, &BrokerLogView::appendLines);
    connect(m_broker, &LocalBroker::diskUsageChanged, this, &LocalBrokerPage::showDiskUsage);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        showUptime();
        if (++m_ticks % diskRefreshTicks == 0 && m_broker->state() == LocalBroker::State::Running)
            m_broker->refreshDiskUsage();
    });

    m_log->setLines(m_broker->logLines());
    showState();
    showDiskUsage();
}

void LocalBrokerPage::setSession(ClusterSession* session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &ClusterSession::metadataReady, this, &LocalBrokerPage::showCounts);
        connect(m_session, &ClusterSession::stateChanged, this, &LocalBrokerPage::showCounts);
        connect(m_session, &QObject::destroyed, this, &LocalBrokerPage::showCounts);
        connect(m_session, &QObject::destroyed, this, &LocalBrokerPage::showState);
    }
    showCounts();
    showState();
}

void LocalBrokerPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_ticker->start();
    m_broker->refreshDiskUsage();
    showUptime();
}

void LocalBrokerPage::hideEvent(QHideEvent* event)
{
    m_ticker->stop();
    QWidget::hideEvent(event);
}

void LocalBrokerPage::showState()
{
    const LocalBroker::State state = m_broker->state();
    switch (state) {
    case LocalBroker::State::Stopped:
        m_state->setText(tr("Stopped"));
        break;
    case LocalBroker::State::Starting:
        m_state->setText(tr("Starting on %1:%2…").arg(LocalBroker::listenHost()).arg(m_broker->port()));
        break;
    case LocalBroker::State::Running:
        m_state->setText(tr("Running on %1").arg(m_broker->address()));
        break;
    case LocalBroker::State::Stopping:
        m_state->setText(tr("Stopping…"));
        break;
    case LocalBroker::State::Failed:
        m_state->setText(tr("Failed: %1").arg(m_broker->errorText()));
        break;
    }
    m_state->setToolTip(m_state->text());
    m_stateLamp->setPixmap(lamp(lampColour(state), m_state->fontMetrics().height() - 2));
    m_start->setEnabled(state == LocalBroker::State::Stopped || state == LocalBroker::State::Failed);
    m_stop->setEnabled(state == LocalBroker::State::Starting || state == LocalBroker::State::Running);
    m_restart->setEnabled(state != LocalBroker::State::Stopped);
    m_sampleData->setEnabled(state == LocalBroker::State::Running && m_session);
    m_failure->showFailure(*m_broker);
    // The panel says why in full; the state line stays one short line.
    if (state == LocalBroker::State::Failed)
        m_state->setText(tr("Failed"));
    showUptime();
    showCounts();
    showPortHint();
    if (state == LocalBroker::State::Stopped || state == LocalBroker::State::Failed)
        m_broker->refreshDiskUsage();
}

void LocalBrokerPage::showUptime()
{
    const QDateTime started = m_broker->startedAt();
    if (m_broker->state() != LocalBroker::State::Running || !started.isValid()) {
        m_uptime->setText(tr("—"));
        return;
    }
    m_uptime->setText(durationText(started.secsTo(QDateTime::currentDateTimeUtc())));
}

void LocalBrokerPage::showDiskUsage()
{
    const qint64 bytes = m_broker->diskUsage();
    m_disk->setText(bytes < 0 ? tr("— (nothing stored yet)") : QLocale().formattedDataSize(bytes));
}

void LocalBrokerPage::showCounts()
{
    const QString connectLink = QStringLiteral("<a href=\"connect\">%1</a>").arg(tr("Connect"));
    if (!m_session) {
        m_counts->setText(tr("“Local” connection not open — %1").arg(connectLink));
        return;
    }
    switch (m_session->state()) {
    case ClusterSession::State::Connected: {
        const ClusterMetadata& metadata = m_session->metadata();
        const int topics = int(metadata.topics.size());
        const int partitions = metadata.partitionCount();
        m_counts->setText((topics == 1 ? tr("1 topic") : tr("%1 topics").arg(topics)) + QStringLiteral(", ")
            + (partitions == 1 ? tr("1 partition") : tr("%1 partitions").arg(partitions)));
        break;
    }
    case ClusterSession::State::Connecting:
        m_counts->setText(tr("Connecting…"));
        break;
    case ClusterSession::State::Disconnected:
    case ClusterSession::State::Failed:
        m_counts->setText(m_broker->state() == LocalBroker::State::Running ? tr("Not connected — %1").arg(connectLink)
                                                                           : tr("Not connected"));
        break;
    }
}

void LocalBrokerPage::showPortHint()
{
    const quint16 running = m_broker->runningPort();
    if (m_broker->isActive() && running != 0 && running != m_broker->port())
        m_portHint->setText(tr("Port %1 is used from the next start (Restart).").arg(m_broker->port()));
    else if (!m_broker->isActive())
        m_portHint->setText(tr("Used from the next start."));
    else
        m_portHint->setText(QString());
}

} // namespace Samsa

#include "brokerfailurepanel.h"

#include "localbroker/localbroker.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Samsa {

BrokerFailurePanel::BrokerFailurePanel(QWidget* parent)
    : QFrame(parent)
    , m_reason(new QLabel(this))
    , m_lastLines(new QLabel(this))
    , m_useFreePort(new QPushButton(this))
{
    setObjectName(QStringLiteral("localBrokerFailure"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xf4, 0xc7, 0xc3));
    colours.setColor(QPalette::WindowText, Qt::black);
    setPalette(colours);

    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(size, size));
    m_reason->setObjectName(QStringLiteral("localBrokerFailureReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lastLines->setObjectName(QStringLiteral("localBrokerLastLines"));
    m_lastLines->setTextFormat(Qt::PlainText);
    m_lastLines->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lastLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_useFreePort->setObjectName(QStringLiteral("localBrokerUseFreePort"));

    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(m_reason, 1);
    top->addWidget(m_useFreePort, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(top);
    layout->addWidget(m_lastLines);

    connect(m_useFreePort, &QPushButton::clicked, this, [this] { Q_EMIT useFreePortRequested(m_freePort); });
    hide();
}

void BrokerFailurePanel::showFailure(const LocalBroker& broker)
{
    if (broker.state() != LocalBroker::State::Failed) {
        hide();
        return;
    }
    m_reason->setText(broker.errorText());
    m_freePort = broker.failure() == LocalBroker::Failure::PortInUse ? broker.suggestedPort() : 0;
    m_useFreePort->setText(tr("Use free port %1").arg(m_freePort));
    m_useFreePort->setVisible(m_freePort != 0);
    // A busy port says all there is to say; after a crash the broker's last words help.
    const bool showLines
        = broker.failure() == LocalBroker::Failure::Crashed || broker.failure() == LocalBroker::Failure::Other;
    QStringList lines;
    if (showLines) {
        for (const QString& line : broker.lastLogLines(9))
            if (!line.contains(QLatin1String(" samsa: ")))
                lines.append(line);
    }
    m_lastLines->setText(lines.isEmpty()
            ? QString()
            : tr("Last lines from the broker:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    m_lastLines->setVisible(!lines.isEmpty());
    show();
}

} // namespace Samsa

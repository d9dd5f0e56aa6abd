#include "connectiontestpanel.h"

#include "kafka/connectiontester.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Samsa {

ConnectionTestPanel::ConnectionTestPanel(QWidget* parent)
    : QWidget(parent)
    , m_button(new QPushButton(tr("&Test connection"), this))
    , m_result(new QLabel(this))
    , m_tester(new ConnectionTester(this))
{
    m_button->setObjectName(QStringLiteral("testButton"));
    m_button->setAutoDefault(false);
    m_result->setObjectName(QStringLiteral("testResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_result, 1);

    connect(m_button, &QPushButton::clicked, this, &ConnectionTestPanel::testRequested);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionTestPanel::showResult);
}

void ConnectionTestPanel::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Testing…"));
    m_tester->start(profile, secrets, m_timeoutMs);
}

void ConnectionTestPanel::showMessage(const QString& text, bool problem)
{
    m_tester->cancel();
    m_result->setStyleSheet(problem ? QStringLiteral("color: #c0392b") : QString());
    m_result->setText(text);
}

void ConnectionTestPanel::cancel()
{
    if (!m_tester->isRunning())
        return;
    m_tester->cancel();
    m_result->setText(tr("Test cancelled."));
}

void ConnectionTestPanel::clear()
{
    m_tester->cancel();
    m_result->clear();
}

bool ConnectionTestPanel::isRunning() const
{
    return m_tester->isRunning();
}

void ConnectionTestPanel::showResult(const ConnectionTestResult& result)
{
    if (result.ok) {
        m_result->setStyleSheet(QString());
        const QString brokers = result.brokerCount == 1 ? tr("1 broker") : tr("%1 brokers").arg(result.brokerCount);
        m_result->setText(tr("Connected: %1, %2 ms").arg(brokers).arg(result.latencyMs));
    } else {
        m_result->setStyleSheet(QStringLiteral("color: #c0392b"));
        m_result->setText(result.error.isEmpty() ? tr("Connection failed.") : result.error);
    }
}

} // namespace Samsa

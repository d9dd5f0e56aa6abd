#include "connectiontestpanel.h"

#include "kafka/connectiontester.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Samsa {

namespace {

const QString problemStyle = QStringLiteral("color: #c0392b");

} // namespace

ConnectionTestPanel::ConnectionTestPanel(QWidget* parent)
    : QWidget(parent)
    , m_button(new QPushButton(tr("&Test connection"), this))
    , m_result(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_tester(new ConnectionTester(this))
{
    m_button->setObjectName(QStringLiteral("testButton"));
    m_button->setAutoDefault(false);
    m_result->setObjectName(QStringLiteral("testResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // librdkafka's own words, for a search or a support request: smaller, and selectable.
    m_detail->setObjectName(QStringLiteral("testDetailLabel"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_detail->setFont(small);
    m_detail->hide();

    auto* texts = new QVBoxLayout;
    texts->setContentsMargins(0, 0, 0, 0);
    texts->addWidget(m_result);
    texts->addWidget(m_detail);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);

    connect(m_button, &QPushButton::clicked, this, &ConnectionTestPanel::testRequested);
    connect(m_tester, &ConnectionTester::finished, this, &ConnectionTestPanel::showResult);
}

void ConnectionTestPanel::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Testing…"));
    setDetail(QString());
    m_tester->start(profile, secrets, m_timeoutMs);
}

void ConnectionTestPanel::showMessage(const QString& text, bool problem)
{
    m_tester->cancel();
    m_result->setStyleSheet(problem ? problemStyle : QString());
    m_result->setText(text);
    setDetail(QString());
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
    setDetail(QString());
}

bool ConnectionTestPanel::isRunning() const
{
    return m_tester->isRunning();
}

void ConnectionTestPanel::setDetail(const QString& text)
{
    m_detail->setText(text);
    m_detail->setVisible(!text.isEmpty());
}

void ConnectionTestPanel::showResult(const ConnectionTestResult& result, const ConnectionFailure& failure)
{
    if (result.ok) {
        m_result->setStyleSheet(QString());
        const QString brokers = result.brokerCount == 1 ? tr("1 broker") : tr("%1 brokers").arg(result.brokerCount);
        m_result->setText(tr("Connected: %1, %2 ms").arg(brokers).arg(result.latencyMs));
        setDetail(QString());
        return;
    }
    m_result->setStyleSheet(problemStyle);
    if (!failure.message.isEmpty()) {
        m_result->setText(failure.message);
        setDetail(failure.detail.isEmpty() ? QString() : tr("librdkafka: %1").arg(failure.detail));
    } else {
        m_result->setText(result.error.isEmpty() ? tr("Connection failed.") : result.error);
        setDetail(QString());
    }
}

} // namespace Samsa

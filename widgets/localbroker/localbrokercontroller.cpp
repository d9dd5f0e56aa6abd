#include "localbrokercontroller.h"

#include "kafka/clustersession.h"
#include "localbroker/localprofile.h"
#include "localbrokerpage.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"

#include <QSettings>
#include <QStatusBar>

namespace Samsa {

LocalBrokerController::LocalBrokerController(
    LocalBroker* broker, MainWindow* window, ProfileStore* store, QObject* parent)
    : QObject(parent)
    , m_broker(broker)
    , m_window(window)
    , m_store(store)
{
    connect(m_broker, &LocalBroker::stateChanged, this, &LocalBrokerController::handleStateChanged);
    connect(m_broker, &LocalBroker::portChanged, this, [this](quint16 port) {
        // While the broker runs, the profile keeps its port until the broker runs on the new one.
        if (!m_broker->isActive() && m_profileId != 0)
            followLocalPort(m_store, m_profileId, port);
    });
    connect(m_window, &MainWindow::sessionOpened, this, &LocalBrokerController::handleSessionOpened);
    m_window->setLocalBrokerPageFactory([this] {
        auto* page = new LocalBrokerPage(m_broker);
        page->setSession(m_session);
        connect(this, &LocalBrokerController::localSessionChanged, page, &LocalBrokerPage::setSession);
        connect(page, &LocalBrokerPage::connectRequested, this, &LocalBrokerController::connectLocal);
        connect(page, &LocalBrokerPage::sampleDataRequested, this, [this] { m_window->showSampleDataDialog(m_session); });
        return page;
    });
}

qint64 LocalBrokerController::ensureLocalProfile()
{
    m_profileId = Samsa::ensureLocalProfile(m_store, m_broker->port());
    return m_profileId;
}

ClusterSession* LocalBrokerController::localSession() const
{
    return m_session;
}

bool LocalBrokerController::takeFirstRun()
{
    QSettings settings;
    const QString key = QStringLiteral("localBroker/firstRunDone");
    if (settings.value(key).toBool())
        return false;
    settings.setValue(key, true);
    return true;
}

void LocalBrokerController::startAndConnect()
{
    if (m_broker->state() == LocalBroker::State::Running) {
        if (m_session)
            reconnect(m_session);
        else
            openLocal();
        return;
    }
    m_connectWhenReady = true;
    m_broker->start();
}

void LocalBrokerController::handleSessionOpened(ClusterSession* session)
{
    if (m_profileId == 0 || session->profile().id != m_profileId)
        return;
    if (m_session != session) {
        m_session = session;
        connect(session, &QObject::destroyed, this, [this] {
            if (!m_session)
                Q_EMIT localSessionChanged(nullptr);
        });
        Q_EMIT localSessionChanged(session);
    }
    // Opening "Local" means wanting the local broker: start it; the session is retried once it is ready.
    if (!m_broker->isActive())
        m_broker->start();
}

void LocalBrokerController::handleStateChanged(LocalBroker::State state)
{
    if (state == LocalBroker::State::Failed) {
        // Whatever page is open, say it where the user looks for state.
        m_window->statusBar()->showMessage(
            tr("Local broker: %1 See the Local broker page.").arg(m_broker->errorText()), 20000);
        return;
    }
    if (state != LocalBroker::State::Running)
        return;
    if (m_profileId != 0)
        followLocalPort(m_store, m_profileId, m_broker->runningPort());
    const bool wanted = std::exchange(m_connectWhenReady, false);
    if (ClusterSession* session = m_session) {
        const std::optional<ConnectionProfile> stored = m_store->profile(m_profileId);
        if (stored && stored->bootstrapServers != session->profile().bootstrapServers) {
            // The broker moved to another port: the open connection must follow it.
            m_window->closeSession(session);
            openLocal();
        } else {
            reconnect(session);
        }
    } else if (wanted) {
        openLocal();
    }
}

void LocalBrokerController::connectLocal()
{
    if (m_broker->state() != LocalBroker::State::Running) {
        startAndConnect();
        return;
    }
    if (m_session)
        reconnect(m_session);
    else
        openLocal();
}

void LocalBrokerController::openLocal()
{
    if (m_profileId == 0 || !m_store->profile(m_profileId))
        ensureLocalProfile();
    if (const std::optional<ConnectionProfile> profile = m_store->profile(m_profileId))
        m_window->openSession(*profile, {});
}

void LocalBrokerController::reconnect(ClusterSession* session)
{
    if (session->state() == ClusterSession::State::Connected) {
        session->refresh();
        return;
    }
    // A session that tried while the broker was still starting gets a fresh start.
    session->disconnectFromCluster();
    session->connectToCluster();
}

} // namespace Samsa

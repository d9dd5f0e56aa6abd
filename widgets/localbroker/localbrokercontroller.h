#pragma once

// Wires the local broker to the main window: the "Local" profile, the "Local broker" page, starting
// the broker when the "Local" connection is opened, and (re)connecting that connection once the broker
// is ready. The app creates one; tests of the main window run without it, so no broker starts there.

#include "localbroker/localbroker.h"

#include <QObject>
#include <QPointer>

namespace Samsa {

class ClusterSession;
class MainWindow;
class ProfileStore;

class LocalBrokerController : public QObject {
    Q_OBJECT
public:
    // All three must outlive the controller.
    LocalBrokerController(LocalBroker* broker, MainWindow* window, ProfileStore* store, QObject* parent = nullptr);

    // Makes sure the "Local" profile exists; returns its id (0 when the store refused).
    qint64 ensureLocalProfile();
    // True once: on the very first start of the app (remembered in QSettings).
    static bool takeFirstRun();
    // Starts the broker and opens the "Local" connection once it is ready.
    void startAndConnect();

    ClusterSession* localSession() const;

Q_SIGNALS:
    void localSessionChanged(Samsa::ClusterSession* session); // null when the connection was closed

private:
    void handleStateChanged(LocalBroker::State state);
    void handleSessionOpened(ClusterSession* session);
    void connectLocal(); // the page's "Connect"
    void openLocal();
    void reconnect(ClusterSession* session);

    LocalBroker* m_broker;
    MainWindow* m_window;
    ProfileStore* m_store;
    qint64 m_profileId = 0;
    bool m_connectWhenReady = false;
    QPointer<ClusterSession> m_session;
};

} // namespace Samsa

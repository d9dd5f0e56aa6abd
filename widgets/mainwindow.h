#pragma once

// The main window: navigator on the left (local broker, then each connected cluster), pages in closable
// tabs on the right, the active connection's state in the status bar. Several clusters can be connected
// at once. Window layout and the open connections are restored on the next start (QSettings).

#include "navigatormodel.h"
#include "profiles/connectionprofile.h"

#include <QMainWindow>
#include <QTimer>
#include <functional>

class QLabel;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace Samsa {

class ClusterSession;
class NavigatorIcons;
class ProfileStore;
class SecretStore;

using SessionFactory
    = std::function<ClusterSession*(const ConnectionProfile& profile, const ProfileSecrets& secrets, QObject* parent)>;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int AutoRefreshIntervalMs = 10000;
    // The store and secret store must outlive the window. An empty factory makes KafkaClusterSessions.
    MainWindow(ProfileStore* store, SecretStore* secrets, SessionFactory factory = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Reconnects the clusters that were open when the window last closed. Returns false when there
    // were none (the caller then offers the connection dialog).
    bool restoreConnections();

    ClusterSession* openSession(const ConnectionProfile& profile, const ProfileSecrets& secrets);
    void closeSession(ClusterSession* session);
    QList<ClusterSession*> sessions() const;
    ClusterSession* activeSession() const;

    // Makes the navigator's "Local broker" entry open the page this returns (instead of a placeholder).
    void setLocalBrokerPageFactory(std::function<QWidget*()> factory);

public Q_SLOTS:
    void showConnectionDialog();
    // Tools › Load Sample Data: demo topics and consumer groups on a connected cluster.
    // `preferred` is selected as the target; by default the active cluster, else "Local".
    void showSampleDataDialog(ClusterSession* preferred = nullptr);
    void refreshActive();
    void openCurrentInNewTab();
    void closeCurrentTab();
    void disconnectActive();

Q_SIGNALS:
    // A connection was opened, or opened again while it was already open (it is then focused).
    void sessionOpened(Samsa::ClusterSession* session);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    QModelIndex navigatorIndex(ClusterSession* session, NavigatorModel::Kind kind = NavigatorModel::Kind::Cluster) const;
    void openNavigatorItem(const QModelIndex& index, bool forceNewTab);
    void openTopic(ClusterSession* session, const QString& topic);
    void openBrokerConfig(ClusterSession* session, int brokerId);
    void openGroup(ClusterSession* session, const QString& groupId);
    QWidget* createPage(const QModelIndex& index);
    void addPage(QWidget* page, const QString& key, const QString& title, ClusterSession* session, bool forceNewTab);
    void updateStatus();
    void rememberConnections();
    void saveLayout();
    void restoreLayout();

    ProfileStore* m_store;
    SecretStore* m_secrets;
    SessionFactory m_factory;
    NavigatorModel* m_navigatorModel;
    NavigatorIcons* m_navigatorIcons;
    QTreeView* m_navigator;
    QTabWidget* m_tabs;
    QTimer* m_autoRefresh;
    QSplitter* m_splitter;
    QLabel* m_stateLabel;
    QList<qint64> m_pendingRestore; // profile ids waiting for their secrets
    std::function<QWidget*()> m_localBrokerPageFactory;
};

} // namespace Samsa

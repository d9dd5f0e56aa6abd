#pragma once

// The main window: navigator on the left (local broker, then each connected cluster), pages in closable
// tabs on the right, the active connection's state in the status bar. Several clusters can be connected
// at once. Window layout and the open connections are restored on the next start (QSettings).
//
// Tabs work as in an IDE: a single click (in the navigator, or on a row of the Topics and Groups
// pages) shows the item in the one *preview* tab, whose title is in italics and which the next
// single click reuses; a double click, Enter, Ctrl+T, a middle click or "Open in New Tab" keeps a
// tab of its own, and so does double-clicking the preview tab or working inside it. Message browser
// tabs are always kept.

#include "navigatormodel.h"
#include "profiles/connectionprofile.h"

#include <QMainWindow>
#include <QTimer>
#include <functional>

class QLabel;
class QSystemTrayIcon;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace Samsa {

class ClusterSession;
class MetricsHistory;
struct Incident;
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
    // Produce…: messages to `topic` (or a topic chosen in the dialog) of `session` (the active one by default).
    void showProduceDialog(Samsa::ClusterSession* session = nullptr, const QString& topic = {});
    void refreshActive();
    void openCurrentInNewTab();
    void closeCurrentTab();
    // The topic's message browser, in a tab of its own ("cluster · topic · Messages").
    void openMessages(Samsa::ClusterSession* session, const QString& topic);
    // Asks for a topic of `session` (a filterable list), then opens its message browser.
    void chooseTopicForMessages(Samsa::ClusterSession* session);
    void disconnectActive();

Q_SIGNALS:
    // A connection was opened, or opened again while it was already open (it is then focused).
    void sessionOpened(Samsa::ClusterSession* session);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Preview: reuse the preview tab. Keep: a tab of its own (an open one is reused and kept).
    // NewTab: another tab even when the item is open already (Ctrl+T).
    enum class TabMode { Preview, Keep, NewTab };

    void createActions();
    QModelIndex navigatorIndex(ClusterSession* session, NavigatorModel::Kind kind = NavigatorModel::Kind::Cluster) const;
    void openNavigatorItem(const QModelIndex& index, bool forceNewTab);
    void openNavigatorItem(const QModelIndex& index, TabMode mode);
    void showNavigatorMenu(const QPoint& position);
    void openTopic(ClusterSession* session, const QString& topic, TabMode mode = TabMode::Keep);
    void openBrokerConfig(ClusterSession* session, int brokerId, TabMode mode = TabMode::Keep);
    void openGroup(ClusterSession* session, const QString& groupId, TabMode mode = TabMode::Keep);
    QWidget* createPage(const QModelIndex& index);
    // Selects the tab of `key` when open (per `mode`), else makes the page with `create` and adds it.
    void showPage(const QString& key, const QString& title, ClusterSession* session, TabMode mode,
        const std::function<QWidget*()>& create);
    void addPage(QWidget* page, const QString& key, const QString& title, ClusterSession* session, bool forceNewTab);
    static int samplingIntervalSeconds(); // View › Lag Sampling Interval, default 5
    void notifyIncident(const QString& clusterName, const Incident& incident); // tray and status bar, once per incident
    int tabIndexOf(const QString& key) const;
    int previewTabIndex() const;
    // The page stops being the preview (the user works in it, so the next click must not replace it).
    void keepPage(QWidget* page);
    void updateStatus();
    void rememberConnections();
    void saveLayout();
    void restoreLayout();

    ProfileStore* m_store;
    SecretStore* m_secrets;
    SessionFactory m_factory;
    MetricsHistory* m_history = nullptr; // with the default session factory only
    QSystemTrayIcon* m_tray = nullptr; // made at the first incident
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

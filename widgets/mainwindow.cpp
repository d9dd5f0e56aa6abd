#include "mainwindow.h"

#include "metrics/alertmonitor.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistory.h"
#include "metrics/sessionmetrics.h"

#include "acls/aclspage.h"
#include "cluster/brokerconfigpage.h"
#include "cluster/brokerspage.h"
#include "cluster/clusteroverviewpage.h"
#include "cluster/topicdetailpage.h"
#include "cluster/topicspage.h"
#include "common/previewtabstyle.h"
#include "connections/connectiondialog.h"
#include "infopage.h"
#include "kafka/kafkaclustersession.h"
#include "navigatoricons.h"
#include "groups/groupdetailpage.h"
#include "groups/groupspage.h"
#include "messages/messagebrowserpage.h"
#include "messages/topicchooserdialog.h"
#include "produce/producedialog.h"
#include "registry/schemaregistrypage.h"
#include "sampledata/sampledatadialog.h"
#include "navigatormodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

namespace Samsa {

namespace {
    const char* const sessionProperty = "samsaSession";
    const char* const keyProperty = "samsaPageKey";

    QString sessionKey(const ClusterSession* session)
    {
        return QString::number(reinterpret_cast<quintptr>(session), 16);
    }
}

MainWindow::MainWindow(ProfileStore* store, SecretStore* secrets, SessionFactory factory, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_factory(std::move(factory))
    , m_navigatorModel(new NavigatorModel(this))
    , m_navigatorIcons(new NavigatorIcons(this))
    , m_navigator(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
    , m_autoRefresh(new QTimer(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_stateLabel(new QLabel(this))
{
    if (!m_factory) {
        // Real clusters are sampled for the lag charts, their rounds kept in history.db.
        // Retention from the settings file (metrics/rawHours, metrics/rollupDays), as the README says.
        HistoryRetention retention;
        const QSettings settings;
        retention.rawMs = std::clamp(settings.value(QStringLiteral("metrics/rawHours"), 24).toLongLong(), 1LL, 24LL * 30) * 3600 * 1000;
        retention.rollupMs = std::clamp(settings.value(QStringLiteral("metrics/rollupDays"), 30).toLongLong(), 1LL, 3650LL) * 86400 * 1000;
        m_history = new MetricsHistory({}, retention, this);
        m_factory = [this](const ConnectionProfile& profile, const ProfileSecrets& secretValues, QObject* owner) {
            auto* session = new KafkaClusterSession(profile, secretValues, owner);
            MetricsEngine* engine = attachMetrics(session, samplingIntervalSeconds() * 1000, m_history);
            connect(engine->alerts(), &AlertMonitor::incidentOpened, this,
                [this, name = profile.name](const Incident& incident) { notifyIncident(name, incident); });
            return session;
        };
    }
    setWindowTitle(tr("Samsa"));
    setWindowIcon(QIcon(QStringLiteral(":/samsa/samsa.svg")));

    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigatorIcons->setSourceModel(m_navigatorModel);
    m_navigator->setModel(m_navigatorIcons);
    m_navigator->setHeaderHidden(true);
    m_navigator->setUniformRowHeights(true);
    m_navigator->setExpandsOnDoubleClick(false);
    // A single click previews; a double click, Enter (eventFilter) or a middle click keeps a tab. Not
    // `activated`: styles that activate on a single click would make every click keep a tab.
    connect(m_navigator, &QTreeView::clicked, this,
        [this](const QModelIndex& index) { openNavigatorItem(index, TabMode::Preview); });
    connect(m_navigator, &QTreeView::doubleClicked, this,
        [this](const QModelIndex& index) { openNavigatorItem(index, TabMode::Keep); });
    m_navigator->installEventFilter(this);
    m_navigator->viewport()->installEventFilter(this);
    m_navigator->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_navigator, &QWidget::customContextMenuRequested, this, &MainWindow::showNavigatorMenu);
    connect(m_navigator->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateStatus);
    connect(m_navigatorIcons, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& under, int first) {
        if (!under.isValid())
            m_navigator->expand(m_navigatorIcons->index(first, 0));
    });

    m_tabs->setObjectName(QStringLiteral("pageTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    PreviewTabStyle::install(m_tabs->tabBar());
    connect(m_tabs, &QTabWidget::tabBarDoubleClicked, this,
        [this](int index) { PreviewTabStyle::setPreview(m_tabs->tabBar(), index, false); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget* page = m_tabs->widget(index);
        m_tabs->removeTab(index);
        page->deleteLater();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_navigator);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 240, 960 });
    setCentralWidget(m_splitter);

    m_stateLabel->setObjectName(QStringLiteral("connectionStateLabel"));
    statusBar()->addPermanentWidget(m_stateLabel, 1);
    createActions();

    connect(m_secrets, &SecretStore::secretsRead, this,
        [this](qint64 id, const ProfileSecrets& secretValues, const QString& error) {
            if (!m_pendingRestore.removeOne(id))
                return;
            if (!error.isEmpty())
                statusBar()->showMessage(tr("Could not read the saved password: %1").arg(error), 10000);
            if (const std::optional<ConnectionProfile> profile = m_store->profile(id))
                openSession(*profile, secretValues);
        });

    restoreLayout();
    openNavigatorItem(m_navigatorIcons->index(0, 0), false);
    updateStatus();
}

MainWindow::~MainWindow() = default;

QModelIndex MainWindow::navigatorIndex(ClusterSession* session, NavigatorModel::Kind kind) const
{
    return m_navigatorIcons->mapFromSource(m_navigatorModel->indexOf(session, kind));
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* connectAction = fileMenu->addAction(tr("&Connect…"), this, &MainWindow::showConnectionDialog);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction* disconnectAction = fileMenu->addAction(tr("&Disconnect"), this, &MainWindow::disconnectActive);
    disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    disconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setShortcutContext(Qt::ApplicationShortcut);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* refreshAction = viewMenu->addAction(tr("&Refresh"), this, &MainWindow::refreshActive);
    refreshAction->setObjectName(QStringLiteral("refreshAction"));
    refreshAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    viewMenu->addSeparator();
    QAction* newTabAction = viewMenu->addAction(tr("Open in &New Tab"), this, &MainWindow::openCurrentInNewTab);
    newTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction* closeTabAction = viewMenu->addAction(tr("&Close Tab"), this, &MainWindow::closeCurrentTab);
    closeTabAction->setObjectName(QStringLiteral("closeTabAction"));
    closeTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    viewMenu->addSeparator();
    // Topics and counts other clients change show up without F5, for the cluster being looked at.
    QAction* autoRefreshAction = viewMenu->addAction(tr("&Auto-Refresh Every %1 s").arg(AutoRefreshIntervalMs / 1000));
    autoRefreshAction->setObjectName(QStringLiteral("autoRefreshAction"));
    autoRefreshAction->setCheckable(true);
    autoRefreshAction->setChecked(QSettings().value(QStringLiteral("view/autoRefresh"), true).toBool());
    m_autoRefresh->setInterval(AutoRefreshIntervalMs);
    connect(m_autoRefresh, &QTimer::timeout, this, [this] {
        if (isVisible() && !isMinimized())
            refreshActive();
    });
    connect(autoRefreshAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("view/autoRefresh"), on);
        if (on)
            m_autoRefresh->start();
        else
            m_autoRefresh->stop();
    });
    if (autoRefreshAction->isChecked())
        m_autoRefresh->start();

    QAction* intervalAction = viewMenu->addAction(tr("Lag &Sampling Interval…"), this, [this] {
        bool ok = false;
        const int seconds = QInputDialog::getInt(this, tr("Lag sampling interval"),
            tr("Sample every connected cluster's offsets and groups every (seconds):"), samplingIntervalSeconds(), 1, 3600,
            1, &ok);
        if (!ok)
            return;
        QSettings().setValue(QStringLiteral("metrics/intervalSeconds"), seconds);
        for (ClusterSession* session : findChildren<ClusterSession*>()) {
            if (MetricsEngine* engine = session->metrics())
                engine->setIntervalMs(seconds * 1000);
        }
    });
    intervalAction->setObjectName(QStringLiteral("samplingIntervalAction"));

    QMenu* toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QAction* sampleAction = toolsMenu->addAction(tr("Load &Sample Data…"), this, [this] { showSampleDataDialog(); });
    sampleAction->setObjectName(QStringLiteral("sampleDataAction"));
    QAction* produceAction = toolsMenu->addAction(tr("&Produce…"), this, [this] { showProduceDialog(); });
    produceAction->setObjectName(QStringLiteral("produceAction"));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Samsa"), this, [this] {
        statusBar()->showMessage(tr("Samsa %1 — a native desktop console for Apache Kafka").arg(QApplication::applicationVersion()), 10000);
    });
}

bool MainWindow::restoreConnections()
{
    const QStringList ids = QSettings().value(QStringLiteral("session/openProfiles")).toStringList();
    for (const QString& text : ids) {
        const qint64 id = text.toLongLong();
        if (!m_store->profile(id))
            continue;
        m_pendingRestore.append(id);
        m_secrets->read(id);
    }
    return !m_pendingRestore.isEmpty();
}

ClusterSession* MainWindow::openSession(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    // Connecting the same saved profile twice would only duplicate the navigator: focus it instead.
    for (ClusterSession* existing : m_navigatorModel->sessions()) {
        if (profile.id != 0 && existing->profile().id == profile.id) {
            m_navigator->setCurrentIndex(navigatorIndex(existing));
            openNavigatorItem(navigatorIndex(existing), false);
            Q_EMIT sessionOpened(existing);
            return existing;
        }
    }
    ClusterSession* session = m_factory(profile, secrets, this);
    connect(session, &ClusterSession::stateChanged, this, &MainWindow::updateStatus);
    connect(session, &ClusterSession::metadataReady, this, &MainWindow::updateStatus);
    m_navigatorModel->addSession(session);
    const QModelIndex index = navigatorIndex(session);
    m_navigator->setCurrentIndex(index);
    openNavigatorItem(index, false);
    session->connectToCluster();
    rememberConnections();
    updateStatus();
    Q_EMIT sessionOpened(session);
    return session;
}

void MainWindow::closeSession(ClusterSession* session)
{
    if (!session)
        return;
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        QWidget* page = m_tabs->widget(i);
        if (page->property(sessionProperty).value<QObject*>() == session) {
            m_tabs->removeTab(i);
            delete page;
        }
    }
    m_navigatorModel->removeSession(session);
    session->disconnectFromCluster();
    session->deleteLater();
    rememberConnections();
    updateStatus();
}

void MainWindow::setLocalBrokerPageFactory(std::function<QWidget*()> factory)
{
    m_localBrokerPageFactory = std::move(factory);
    // Replace the placeholder the constructor may have opened.
    const QString key = QLatin1Char('/') + QString::number(int(NavigatorModel::Kind::LocalBroker));
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        QWidget* page = m_tabs->widget(i);
        if (page->property(keyProperty).toString() != key)
            continue;
        m_tabs->removeTab(i);
        page->deleteLater();
        openNavigatorItem(m_navigatorIcons->index(0, 0), false);
    }
}

QList<ClusterSession*> MainWindow::sessions() const { return m_navigatorModel->sessions(); }

ClusterSession* MainWindow::activeSession() const
{
    if (QWidget* page = m_tabs->currentWidget())
        if (auto* session = qobject_cast<ClusterSession*>(page->property(sessionProperty).value<QObject*>()))
            return session;
    return NavigatorModel::sessionOf(m_navigator->currentIndex());
}

void MainWindow::showConnectionDialog()
{
    auto* dialog = new ConnectionDialog(m_store, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (ClusterSession* session = activeSession())
        dialog->selectProfile(session->profile().id);
    connect(dialog, &ConnectionDialog::connectRequested, this,
        [this](const ConnectionProfile& profile, const ProfileSecrets& secretValues) { openSession(profile, secretValues); });
    dialog->open();
}

void MainWindow::showProduceDialog(ClusterSession* session, const QString& topic)
{
    if (!session)
        session = activeSession();
    if (!session) {
        statusBar()->showMessage(tr("Connect to a cluster first (File › Connect…)."), 10000);
        return;
    }
    // Non-modal and one per request, so several topics can be fed side by side.
    auto* dialog = new ProduceDialog(session, topic, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(session, &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
}

void MainWindow::showSampleDataDialog(ClusterSession* preferred)
{
    auto* dialog = findChild<SampleDataDialog*>();
    if (!dialog)
        dialog = new SampleDataDialog(this);
    if (!preferred)
        preferred = activeSession();
    for (ClusterSession* session : sessions()) {
        if (!preferred && session->profile().name == QLatin1String("Local"))
            preferred = session;
    }
    dialog->setSessions(sessions(), preferred);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::refreshActive()
{
    if (ClusterSession* session = activeSession())
        session->refresh();
}

void MainWindow::openCurrentInNewTab() { openNavigatorItem(m_navigator->currentIndex(), TabMode::NewTab); }

void MainWindow::closeCurrentTab()
{
    if (m_tabs->count() > 0)
        Q_EMIT m_tabs->tabCloseRequested(m_tabs->currentIndex());
}

void MainWindow::disconnectActive() { closeSession(activeSession()); }

void MainWindow::openNavigatorItem(const QModelIndex& index, bool forceNewTab)
{
    openNavigatorItem(index, forceNewTab ? TabMode::NewTab : TabMode::Preview);
}

void MainWindow::openNavigatorItem(const QModelIndex& index, TabMode mode)
{
    if (!index.isValid())
        return;
    ClusterSession* session = NavigatorModel::sessionOf(index);
    const auto kind = NavigatorModel::kindOf(index);
    const QString key = (session ? sessionKey(session) : QString()) + QLatin1Char('/') + QString::number(int(kind));
    const QString item = index.data(Qt::DisplayRole).toString().section(QLatin1String(" ("), 0, 0);
    const QString title = session && kind != NavigatorModel::Kind::Cluster
        ? QStringLiteral("%1 · %2").arg(session->profile().name, item)
        : item;
    const QPersistentModelIndex persistent(index);
    showPage(key, title, session, mode, [this, persistent] { return createPage(persistent); });
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_navigator && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_navigator->currentIndex().isValid()) {
            openNavigatorItem(m_navigator->currentIndex(), TabMode::Keep);
            return true;
        }
    } else if (watched == m_navigator->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::MiddleButton) {
            const QModelIndex index = m_navigator->indexAt(mouse->position().toPoint());
            if (index.isValid()) {
                openNavigatorItem(index, TabMode::NewTab);
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showNavigatorMenu(const QPoint& position)
{
    const QModelIndex index = m_navigator->indexAt(position);
    if (!index.isValid())
        return;
    const QPersistentModelIndex persistent(index);
    QMenu menu(this);
    menu.addAction(tr("Open in New Tab"), this, [this, persistent] { openNavigatorItem(persistent, TabMode::NewTab); });
    ClusterSession* session = NavigatorModel::sessionOf(index);
    const auto kind = NavigatorModel::kindOf(index);
    if (session && (kind == NavigatorModel::Kind::Topics || kind == NavigatorModel::Kind::Cluster)) {
        QAction* browse = menu.addAction(tr("Browse Messages…"), this,
            [this, guard = QPointer<ClusterSession>(session)] {
                if (guard)
                    chooseTopicForMessages(guard);
            });
        browse->setObjectName(QStringLiteral("browseMessagesAction"));
        browse->setEnabled(!session->metadata().topics.isEmpty());
    }
    if (session) {
        menu.addSeparator();
        menu.addAction(tr("Refresh"), session, &ClusterSession::refresh);
    }
    menu.exec(m_navigator->viewport()->mapToGlobal(position));
}

void MainWindow::chooseTopicForMessages(ClusterSession* session)
{
    auto* dialog = new TopicChooserDialog(session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TopicChooserDialog::topicChosen, this,
        [this, guard = QPointer<ClusterSession>(session)](const QString& topic) {
            if (guard)
                openMessages(guard, topic);
        });
    dialog->open();
}

void MainWindow::openMessages(ClusterSession* session, const QString& topic)
{
    if (!session || !m_navigatorModel->sessions().contains(session))
        return;
    const QString key = sessionKey(session) + QStringLiteral("/messages/") + topic;
    // Never a preview: a read in progress and its filter must not vanish on the next click.
    showPage(key, tr("%1 · %2 · Messages").arg(session->profile().name, topic), session, TabMode::Keep,
        [session, topic] { return new MessageBrowserPage(session, topic, ProfileStore::defaultPath()); });
}

QWidget* MainWindow::createPage(const QModelIndex& index)
{
    ClusterSession* session = NavigatorModel::sessionOf(index);
    switch (NavigatorModel::kindOf(index)) {
    case NavigatorModel::Kind::LocalBroker:
        if (m_localBrokerPageFactory)
            return m_localBrokerPageFactory();
        return new InfoPage(tr("Local broker"),
            tr("Samsa ships samsa-broker, a single-node broker that speaks the Kafka protocol and keeps its log on "
               "disk. Start it from a terminal with “samsa-broker” and connect to 127.0.0.1:9092. Managing it from "
               "this page (start, stop, logs, sample data) is not in this version yet."));
    case NavigatorModel::Kind::Cluster: {
        auto* page = new ClusterOverviewPage(session);
        connect(page, &ClusterOverviewPage::brokerActivated, this, [this, session](int id) { openBrokerConfig(session, id); });
        connect(page, &ClusterOverviewPage::groupActivated, this,
            [this, session](const QString& group) { openGroup(session, group, TabMode::Keep); });
        connect(page, &ClusterOverviewPage::topicActivated, this,
            [this, session](const QString& topic) { openTopic(session, topic, TabMode::Keep); });
        return page;
    }
    case NavigatorModel::Kind::Brokers: {
        auto* page = new BrokersPage(session);
        connect(page, &BrokersPage::brokerActivated, this, [this, session](int id) { openBrokerConfig(session, id); });
        return page;
    }
    case NavigatorModel::Kind::Topics: {
        auto* page = new TopicsPage(session);
        connect(page, &TopicsPage::topicActivated, this, [this, session, page](const QString& topic) {
            keepPage(page);
            openTopic(session, topic, TabMode::Keep);
        });
        connect(page, &TopicsPage::topicSelected, this, [this, session, page](const QString& topic) {
            keepPage(page);
            openTopic(session, topic, TabMode::Preview);
        });
        connect(page, &TopicsPage::messagesRequested, this,
            [this, session](const QString& topic) { openMessages(session, topic); });
        connect(page, &TopicsPage::produceRequested, this,
            [this, session](const QString& topic) { showProduceDialog(session, topic); });
        return page;
    }
    case NavigatorModel::Kind::ConsumerGroups: {
        auto* page = new GroupsPage(session);
        connect(page, &GroupsPage::groupActivated, this, [this, session, page](const QString& group) {
            keepPage(page);
            openGroup(session, group, TabMode::Keep);
        });
        connect(page, &GroupsPage::groupSelected, this, [this, session, page](const QString& group) {
            keepPage(page);
            openGroup(session, group, TabMode::Preview);
        });
        return page;
    }
    case NavigatorModel::Kind::Acls:
        return new AclsPage(session);
    case NavigatorModel::Kind::SchemaRegistry:
        // Says plainly when the profile has no registry URL.
        return new SchemaRegistryPage(
            session ? session->profile() : ConnectionProfile {}, session ? session->secrets() : ProfileSecrets {});
    }
    return nullptr;
}

void MainWindow::openTopic(ClusterSession* session, const QString& topic, TabMode mode)
{
    const QString key = sessionKey(session) + QStringLiteral("/topic/") + topic;
    showPage(key, QStringLiteral("%1 · %2").arg(session->profile().name, topic), session, mode, [this, session, topic] {
        auto* page = new TopicDetailPage(session, topic);
        connect(page, &TopicDetailPage::messagesRequested, this,
            [this, session](const QString& name) { openMessages(session, name); });
        connect(page, &TopicDetailPage::produceRequested, this,
            [this, session](const QString& name) { showProduceDialog(session, name); });
        return page;
    });
}

void MainWindow::openGroup(ClusterSession* session, const QString& groupId, TabMode mode)
{
    const QString key = sessionKey(session) + QStringLiteral("/group/") + groupId;
    showPage(key, QStringLiteral("%1 · %2").arg(session->profile().name, groupId), session, mode,
        [session, groupId] { return new GroupDetailPage(session, groupId); });
}

void MainWindow::openBrokerConfig(ClusterSession* session, int brokerId, TabMode mode)
{
    const QString key = sessionKey(session) + QStringLiteral("/broker/") + QString::number(brokerId);
    showPage(key, tr("%1 · Broker %2").arg(session->profile().name).arg(brokerId), session, mode,
        [session, brokerId] { return new BrokerConfigPage(session, brokerId); });
}

void MainWindow::notifyIncident(const QString& clusterName, const Incident& incident)
{
    const QString title = tr("%1: group %2 needs attention").arg(clusterName, incident.group);
    statusBar()->showMessage(QStringLiteral("%1 (%2)").arg(title, incident.reason), 60000);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // no tray (offscreen, some desktops): the status bar and the red group say it
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Samsa"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(title, incident.reason, QSystemTrayIcon::Warning, 15000);
}

int MainWindow::samplingIntervalSeconds()
{
    return std::clamp(QSettings().value(QStringLiteral("metrics/intervalSeconds"), 5).toInt(), 1, 3600);
}

int MainWindow::tabIndexOf(const QString& key) const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->property(keyProperty).toString() == key)
            return i;
    return -1;
}

int MainWindow::previewTabIndex() const
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (PreviewTabStyle::isPreview(m_tabs->tabBar(), i))
            return i;
    return -1;
}

void MainWindow::keepPage(QWidget* page)
{
    const int index = m_tabs->indexOf(page);
    if (index >= 0)
        PreviewTabStyle::setPreview(m_tabs->tabBar(), index, false);
}

void MainWindow::showPage(const QString& key, const QString& title, ClusterSession* session, TabMode mode,
    const std::function<QWidget*()>& create)
{
    QTabBar* bar = m_tabs->tabBar();
    const int open = tabIndexOf(key);
    // Ctrl+T on the item the preview shows keeps that tab rather than opening it twice.
    if (open >= 0 && (mode != TabMode::NewTab || PreviewTabStyle::isPreview(bar, open))) {
        if (mode != TabMode::Preview)
            PreviewTabStyle::setPreview(bar, open, false);
        m_tabs->setCurrentIndex(open);
        return;
    }
    QWidget* page = create();
    if (!page)
        return;
    page->setProperty(keyProperty, key);
    page->setProperty(sessionProperty, QVariant::fromValue(static_cast<QObject*>(session)));
    const int preview = previewTabIndex();
    int index = -1;
    if (mode == TabMode::Preview && preview >= 0) {
        QWidget* replaced = m_tabs->widget(preview);
        index = m_tabs->insertTab(preview, page, title);
        m_tabs->removeTab(index + 1);
        replaced->deleteLater();
    } else {
        index = m_tabs->addTab(page, title);
    }
    PreviewTabStyle::setPreview(bar, index, mode == TabMode::Preview);
    m_tabs->setTabToolTip(index, session ? session->profile().bootstrapServers : title);
    m_tabs->setCurrentIndex(index);
}

void MainWindow::addPage(QWidget* page, const QString& key, const QString& title, ClusterSession* session, bool forceNewTab)
{
    showPage(key, title, session, forceNewTab ? TabMode::NewTab : TabMode::Keep, [page] { return page; });
    if (m_tabs->indexOf(page) < 0)
        delete page; // the key was open already
}

void MainWindow::updateStatus()
{
    const ClusterSession* session = activeSession();
    if (!session) {
        m_stateLabel->setText(m_navigatorModel->sessions().isEmpty() ? tr("Not connected — File › Connect… (Ctrl+K)")
                                                                     : QString());
        return;
    }
    m_stateLabel->setText(QStringLiteral("%1: %2").arg(session->profile().name,
        sessionStateText(session->state(), int(session->metadata().brokers.size()), session->errorText())));
}

void MainWindow::rememberConnections()
{
    QStringList ids;
    for (const ClusterSession* session : m_navigatorModel->sessions())
        if (session->profile().id != 0)
            ids.append(QString::number(session->profile().id));
    QSettings().setValue(QStringLiteral("session/openProfiles"), ids);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

} // namespace Samsa

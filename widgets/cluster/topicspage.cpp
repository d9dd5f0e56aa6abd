#include "topicspage.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "kafka/clustersession.h"
#include "sessionpagehelpers.h"
#include "topicsfiltermodel.h"
#include "topicsmodel.h"
#include "topics/topicadminlauncher.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Samsa {

TopicsPage::TopicsPage(ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TopicsModel(this))
    , m_proxy(new TopicsFilterModel(this))
    , m_message(new MessageBar(this))
    , m_filter(new QLineEdit(this))
    , m_showInternal(new QCheckBox(tr("Show internal topics"), this))
    , m_view(new DataTableView(this))
    , m_count(new QLabel(this))
    , m_admin(new TopicAdminLauncher(session, this))
{
    m_message->setObjectName(QStringLiteral("topicsMessage"));
    m_filter->setObjectName(QStringLiteral("topicsFilter"));
    m_filter->setPlaceholderText(tr("Filter topics"));
    m_filter->setClearButtonEnabled(true);
    m_showInternal->setObjectName(QStringLiteral("showInternalTopics"));
    m_showInternal->setChecked(m_proxy->showInternal());
    m_view->setObjectName(QStringLiteral("topicsView"));
    m_count->setObjectName(QStringLiteral("topicsCountLabel"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->sortByColumn(TopicsModel::NameColumn, Qt::AscendingOrder);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(TopicsModel::NameColumn, QHeaderView::Stretch);

    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* createButton = new QPushButton(tr("Create Topic…"), this);
    createButton->setObjectName(QStringLiteral("createTopicButton"));
    auto* deleteButton = new QPushButton(tr("Delete…"), this);
    deleteButton->setObjectName(QStringLiteral("deleteTopicsButton"));
    deleteButton->setToolTip(tr("Delete the selected topics"));
    createButton->setEnabled(!m_session.isNull());
    deleteButton->setEnabled(!m_session.isNull());
    connect(createButton, &QPushButton::clicked, m_admin, &TopicAdminLauncher::createTopic);
    connect(deleteButton, &QPushButton::clicked, this, [this] { m_admin->deleteTopics(selectedTopics()); });
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showInternal);
    bar->addWidget(createButton);
    bar->addWidget(deleteButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filter, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TopicsFilterModel::setFilterText);
    connect(m_showInternal, &QCheckBox::toggled, m_proxy, &TopicsFilterModel::setShowInternal);
    connect(m_view, &DataTableView::rowActivated, this,
        [this](const QModelIndex& index) { Q_EMIT topicActivated(index.data(TopicsModel::NameRole).toString()); });
    connect(m_view, &QAbstractItemView::clicked, this,
        [this](const QModelIndex& index) { Q_EMIT topicSelected(index.data(TopicsModel::NameRole).toString()); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TopicsPage::showContextMenu);
    auto* messages = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_M), m_view);
    messages->setContext(Qt::WidgetShortcut);
    connect(messages, &QShortcut::activated, this, [this] {
        if (const QString topic = currentTopic(); !topic.isEmpty())
            Q_EMIT messagesRequested(topic);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TopicsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TopicsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TopicsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TopicsPage::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TopicsPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TopicsPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TopicsPage::updateCount);

    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        updateCount();
        return;
    }
    connect(m_session, &ClusterSession::metadataReady, this, [this](const ClusterMetadata& metadata) {
        m_message->clearMessage();
        m_model->setTopics(metadata.topics);
    });
    connect(m_session, &ClusterSession::watermarksReady, m_model, &TopicsModel::applyWatermarks);
    connect(m_session, &ClusterSession::watermarksFailed, this, [this](const QString& error) {
        m_message->showMessage(tr("Message counts could not be loaded: %1").arg(error), MessageBar::Kind::Warning);
    });
    connect(m_session, &ClusterSession::refreshFailed, this,
        [this](const QString& error) { m_message->showError(tr("Refresh failed: %1").arg(error)); });
    connect(m_session, &ClusterSession::stateChanged, this, [this] { showSessionState(*m_session, m_message); });
    if (hasMetadata(*m_session))
        m_model->setTopics(m_session->metadata().topics);
    showSessionState(*m_session, m_message);
    updateCount();
}

QString TopicsPage::currentTopic() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(TopicsModel::NameRole).toString() : QString();
}

QStringList TopicsPage::selectedTopics() const
{
    QStringList topics;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows(TopicsModel::NameColumn))
        topics.append(row.data(TopicsModel::NameRole).toString());
    if (topics.isEmpty() && !currentTopic().isEmpty())
        topics.append(currentTopic());
    topics.sort();
    return topics;
}

void TopicsPage::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    QMenu menu(this);
    if (!index.isValid()) {
        QAction* create = menu.addAction(tr("&Create Topic…"), m_admin, &TopicAdminLauncher::createTopic);
        create->setObjectName(QStringLiteral("topicCreateAction"));
        create->setEnabled(!m_session.isNull());
        menu.exec(m_view->viewport()->mapToGlobal(position));
        return;
    }
    // A right click inside the selection keeps it (for a delete of several); elsewhere it selects the row.
    if (!m_view->selectionModel()->isRowSelected(index.row(), index.parent()))
        m_view->setCurrentIndex(index);
    const QString topic = index.data(TopicsModel::NameRole).toString();
    QAction* open = menu.addAction(tr("Open"), this, [this, topic] { Q_EMIT topicActivated(topic); });
    menu.setDefaultAction(open);
    QAction* messages = menu.addAction(tr("Browse &Messages"), this, [this, topic] { Q_EMIT messagesRequested(topic); });
    messages->setObjectName(QStringLiteral("topicMessagesAction"));
    messages->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    QAction* produce = menu.addAction(tr("&Produce…"), this, [this, topic] { Q_EMIT produceRequested(topic); });
    produce->setObjectName(QStringLiteral("topicProduceAction"));
    menu.addSeparator();
    const QStringList selected = selectedTopics();
    QAction* create = menu.addAction(tr("&Create Topic…"), m_admin, &TopicAdminLauncher::createTopic);
    create->setObjectName(QStringLiteral("topicCreateAction"));
    QAction* addPartitions = menu.addAction(tr("&Add Partitions…"), this, [this, topic] { m_admin->addPartitions(topic); });
    addPartitions->setObjectName(QStringLiteral("topicAddPartitionsAction"));
    QAction* purge = menu.addAction(tr("P&urge Messages…"), this, [this, topic] { m_admin->purge(topic); });
    purge->setObjectName(QStringLiteral("topicPurgeAction"));
    QAction* clone = menu.addAction(tr("C&lone…"), this, [this, topic] { m_admin->cloneTopic(topic); });
    clone->setObjectName(QStringLiteral("topicCloneAction"));
    QAction* remove = menu.addAction(selected.size() > 1 ? tr("&Delete %1 Topics…").arg(selected.size()) : tr("&Delete Topic…"),
        this, [this, selected] { m_admin->deleteTopics(selected); });
    remove->setObjectName(QStringLiteral("topicDeleteAction"));
    for (QAction* action : { create, addPartitions, purge, clone, remove })
        action->setEnabled(!m_session.isNull());
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void TopicsPage::updateCount()
{
    m_count->setText(tr("%1 of %2 topics").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

} // namespace Samsa

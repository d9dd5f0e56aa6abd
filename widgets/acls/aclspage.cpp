#include "aclspage.h"

#include "aclaccessproblem.h"
#include "aclcombos.h"
#include "acls/aclactions.h"
#include "aclsfiltermodel.h"
#include "aclsmodel.h"
#include "common/datatableview.h"
#include "common/messagebar.h"
#include "createacldialog.h"
#include "deleteaclsdialog.h"
#include "kafka/clustersession.h"
#include "profiles/connectionconfig.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace Samsa {

namespace {
constexpr int TableIndex = 0;
constexpr int StateIndex = 1;
constexpr int TimeoutMs = 15000;
} // namespace

AclsPage::AclsPage(ClusterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new AclsModel(this))
    , m_proxy(new AclsFilterModel(this))
    , m_message(new MessageBar(this))
    , m_filter(new QLineEdit(this))
    , m_typeFilter(new QComboBox(this))
    , m_permissionFilter(new QComboBox(this))
    , m_refreshButton(new QPushButton(tr("Refresh"), this))
    , m_createButton(new QPushButton(tr("Create ACL…"), this))
    , m_deleteButton(new QPushButton(tr("Delete…"), this))
    , m_stack(new QStackedWidget(this))
    , m_view(new DataTableView(this))
    , m_statePanel(new QWidget(this))
    , m_stateIcon(new QLabel(m_statePanel))
    , m_stateHeading(new QLabel(m_statePanel))
    , m_stateText(new QLabel(m_statePanel))
    , m_count(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("aclsMessage"));
    m_filter->setObjectName(QStringLiteral("aclsFilter"));
    m_filter->setPlaceholderText(tr("Filter principals, hosts, operations, resources"));
    m_filter->setClearButtonEnabled(true);
    m_typeFilter->setObjectName(QStringLiteral("aclsTypeFilter"));
    fillAclResourceTypes(m_typeFilter, true);
    m_permissionFilter->setObjectName(QStringLiteral("aclsPermissionFilter"));
    fillAclPermissions(m_permissionFilter, true);
    m_refreshButton->setObjectName(QStringLiteral("aclsRefreshButton"));
    m_createButton->setObjectName(QStringLiteral("createAclButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteAclsButton"));
    m_deleteButton->setToolTip(tr("Delete the selected ACLs, or the ACLs matching a filter"));
    m_stack->setObjectName(QStringLiteral("aclsStack"));
    m_view->setObjectName(QStringLiteral("aclsView"));
    m_statePanel->setObjectName(QStringLiteral("aclsStatePanel"));
    m_stateHeading->setObjectName(QStringLiteral("aclsStateHeading"));
    m_stateText->setObjectName(QStringLiteral("aclsStateText"));
    m_count->setObjectName(QStringLiteral("aclsCountLabel"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->sortByColumn(AclsModel::PrincipalColumn, Qt::AscendingOrder);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(AclsModel::ResourceNameColumn, QHeaderView::Stretch);

    // The state panel: what keeps the ACLs from being shown, in words, where the table would be.
    QFont headingFont = m_stateHeading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_stateHeading->setFont(headingFont);
    m_stateHeading->setWordWrap(true);
    m_stateText->setWordWrap(true);
    m_stateText->setTextFormat(Qt::RichText);
    m_stateText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long lines are hard to read on a wide window: the text keeps to a column.
    m_stateHeading->setMaximumWidth(760);
    m_stateText->setMaximumWidth(760);
    auto* stateText = new QVBoxLayout;
    stateText->addWidget(m_stateHeading);
    stateText->addWidget(m_stateText);
    stateText->addStretch(1);
    auto* stateLayout = new QHBoxLayout(m_statePanel);
    stateLayout->setContentsMargins(16, 16, 16, 16);
    stateLayout->setSpacing(16);
    stateLayout->addWidget(m_stateIcon, 0, Qt::AlignTop);
    stateLayout->addLayout(stateText, 1);
    stateLayout->addStretch(0); // takes what the text column's maximum width leaves, so it stays left
    m_stack->insertWidget(TableIndex, m_view);
    m_stack->insertWidget(StateIndex, m_statePanel);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_typeFilter);
    bar->addWidget(m_permissionFilter);
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_createButton);
    bar->addWidget(m_deleteButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_count);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filter, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &AclsFilterModel::setFilterText);
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, [this] {
        const auto type = aclComboValue<AclResourceType>(m_typeFilter);
        m_proxy->setResourceType(type == AclResourceType::Any ? std::nullopt : std::optional(type));
    });
    connect(m_permissionFilter, &QComboBox::currentIndexChanged, this, [this] {
        const auto permission = aclComboValue<AclPermission>(m_permissionFilter);
        m_proxy->setPermission(permission == AclPermission::Any ? std::nullopt : std::optional(permission));
    });
    for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*> { m_proxy, m_model }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &AclsPage::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &AclsPage::updateCount);
        connect(model, &QAbstractItemModel::modelReset, this, &AclsPage::updateCount);
        connect(model, &QAbstractItemModel::layoutChanged, this, &AclsPage::updateCount);
    }
    connect(m_refreshButton, &QPushButton::clicked, this, &AclsPage::refresh);
    connect(m_createButton, &QPushButton::clicked, this, &AclsPage::createAcl);
    connect(m_deleteButton, &QPushButton::clicked, this, &AclsPage::deleteAcls);
    auto* remove = new QShortcut(QKeySequence::Delete, m_view);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &AclsPage::deleteAcls);

    if (!m_session) {
        m_message->showError(tr("Not connected to a cluster."));
        for (QWidget* widget : std::initializer_list<QWidget*> { m_refreshButton, m_createButton, m_deleteButton })
            widget->setEnabled(false);
        setState(State::Table);
        return;
    }
    // Its own worker and librdkafka handle, as the topic dialogs have: ACL requests never queue
    // behind the session's metadata polls.
    m_actions = new AclActions(
        ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), TimeoutMs, this);
    connect(m_actions, &AclActions::finished, this, [this](int job, const AclActionResult& result) {
        if (job != m_listJob)
            return; // a dialog's job, or a listing superseded
        m_listJob = 0;
        showListing(result);
        if (m_refreshAgain)
            refresh();
    });
    // F5 and the window's auto-refresh refresh the session: the page follows while it is shown.
    connect(m_session, &ClusterSession::metadataReady, this, [this] {
        if (isVisible())
            refresh();
    });
    refresh();
}

void AclsPage::refresh()
{
    if (!m_actions)
        return;
    if (m_listJob != 0) {
        // The answer under way may predate a change just made: list once more after it.
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    m_listJob = m_actions->list(AclFilter {});
    m_refreshButton->setEnabled(false);
    if (m_state == State::Loading)
        setState(State::Loading);
    updateCount();
}

void AclsPage::showListing(const AclActionResult& result)
{
    m_refreshButton->setEnabled(true);
    QString error = result.error;
    if (error.isEmpty() && !result.filterErrors.isEmpty())
        error = result.filterErrors.join(QLatin1Char('\n'));
    if (error.isEmpty()) {
        m_message->clearMessage();
        m_model->setBindings(result.bindings);
        setState(State::Table);
    } else {
        switch (aclAccessProblem(error)) {
        case AclAccessProblem::SecurityDisabled:
            m_message->clearMessage();
            m_model->clear();
            setState(State::SecurityDisabled, error);
            break;
        case AclAccessProblem::NotAuthorized:
            m_message->clearMessage();
            m_model->clear();
            setState(State::NotAuthorized, error);
            break;
        case AclAccessProblem::None:
            // A timeout or a lost connection: what was listed before stays, marked as such.
            m_message->showError(tr("The ACLs could not be listed: %1").arg(error));
            if (m_state == State::Loading)
                setState(State::Table);
            break;
        }
    }
    updateCount();
    Q_EMIT loaded();
}

void AclsPage::setState(State state, const QString& brokerMessage)
{
    m_state = state;
    const bool table = state == State::Table;
    m_stack->setCurrentIndex(table ? TableIndex : StateIndex);
    for (QWidget* widget : std::initializer_list<QWidget*> { m_filter, m_typeFilter, m_permissionFilter })
        widget->setEnabled(table);
    m_createButton->setEnabled(m_actions && (table || state == State::Loading));
    m_deleteButton->setEnabled(m_actions && table);
    const auto icon = [this](QStyle::StandardPixmap pixmap) {
        m_stateIcon->setPixmap(style()->standardIcon(pixmap).pixmap(48, 48));
    };
    const QString said = brokerMessage.isEmpty()
        ? QString()
        : QStringLiteral("<p><i>%1</i></p>").arg(tr("Details: %1").arg(brokerMessage.toHtmlEscaped()));
    switch (state) {
    case State::Table:
        break;
    case State::Loading:
        m_stateIcon->clear();
        m_stateHeading->setText(tr("Loading ACLs…"));
        m_stateText->clear();
        break;
    case State::SecurityDisabled:
        icon(QStyle::SP_MessageBoxInformation);
        m_stateHeading->setText(tr("ACLs are not enabled on this cluster"));
        m_stateText->setText(
            tr("<p>The broker runs no authorizer, so it keeps no ACLs and checks none: every client that can "
               "connect may read, write and change everything.</p>"
               "<p>To use ACLs, start the broker with an authorizer and a super user, then connect as a user that "
               "may manage ACLs and press Refresh:</p>"
               "<ul><li>samsa-broker: <code style=\"white-space: nowrap\">--set authorizer=standard --set "
               "super.users=User:admin</code></li>"
               "<li>Apache Kafka: <code>authorizer.class.name</code> and <code>super.users</code> in "
               "server.properties</li></ul>")
            + said);
        break;
    case State::NotAuthorized:
        icon(QStyle::SP_MessageBoxWarning);
        m_stateHeading->setText(tr("You may not see this cluster's ACLs"));
        m_stateText->setText(tr("<p>The broker refused to list them to %1. Listing ACLs needs DESCRIBE on the "
                                "cluster, creating and deleting them ALTER on the cluster: a super user has both, "
                                "others need an ACL that grants them.</p>")
                                 .arg(principalText().toHtmlEscaped())
            + said);
        break;
    }
}

QString AclsPage::principalText() const
{
    if (m_session && usesSasl(m_session->profile().securityProtocol) && !m_session->profile().saslUsername.isEmpty())
        return QStringLiteral("User:") + m_session->profile().saslUsername;
    return tr("this connection's principal");
}

void AclsPage::updateCount()
{
    QString text;
    switch (m_state) {
    case State::Loading:
        text = tr("Loading ACLs…");
        break;
    case State::SecurityDisabled:
    case State::NotAuthorized:
        text = tr("No ACLs shown");
        break;
    case State::Table:
        text = m_proxy->rowCount() == m_model->rowCount()
            ? (m_model->rowCount() == 1 ? tr("1 ACL") : tr("%1 ACLs").arg(m_model->rowCount()))
            : tr("%1 of %2 ACLs").arg(m_proxy->rowCount()).arg(m_model->rowCount());
        if (m_listJob != 0)
            text += tr(" (refreshing…)");
        break;
    }
    m_count->setText(text);
}

QList<AclBinding> AclsPage::selectedBindings() const
{
    QList<AclBinding> bindings;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        bindings.append(m_model->bindingAt(m_proxy->mapToSource(row).row()));
    return bindings;
}

void AclsPage::createAcl()
{
    if (!m_actions)
        return;
    auto* dialog = new CreateAclDialog(m_actions, this);
    dialog->setObjectName(QStringLiteral("createAclDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateAclDialog::aclsCreated, this, &AclsPage::refresh);
    dialog->open();
}

void AclsPage::deleteAcls()
{
    if (!m_actions || m_state != State::Table)
        return;
    auto* dialog = new DeleteAclsDialog(m_actions, selectedBindings(), this);
    dialog->setObjectName(QStringLiteral("deleteAclsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteAclsDialog::aclsDeleted, this, &AclsPage::refresh);
    dialog->open();
}

} // namespace Samsa

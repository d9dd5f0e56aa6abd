#include "createacldialog.h"

#include "aclcombos.h"
#include "acls/aclactions.h"
#include "common/messagebar.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QVBoxLayout>

namespace Samsa {

namespace {
// Kafka has one cluster resource, and this is its name.
const QString ClusterResourceName = QStringLiteral("kafka-cluster");

QString describe(const AclBinding& binding)
{
    return QCoreApplication::translate("Samsa::CreateAclDialog", "%1 %2 on %3 %4 (%5)")
        .arg(aclName(binding.permission), aclName(binding.operation), aclName(binding.resourceType),
            binding.resourceName, aclName(binding.patternType));
}
} // namespace

CreateAclDialog::CreateAclDialog(AclActions* actions, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_message(new MessageBar(this))
    , m_principal(new QLineEdit(this))
    , m_host(new QLineEdit(QStringLiteral("*"), this))
    , m_resourceType(new QComboBox(this))
    , m_resourceName(new QLineEdit(this))
    , m_pattern(new QComboBox(this))
    , m_operations(new QListWidget(this))
    , m_allow(new QRadioButton(tr("Allow"), this))
    , m_deny(new QRadioButton(tr("Deny"), this))
    , m_problem(new QLabel(this))
    , m_results(new QListWidget(this))
    , m_createButton(new QPushButton(tr("Create"), this))
{
    setWindowTitle(tr("Create ACL"));
    m_message->setObjectName(QStringLiteral("createAclMessage"));
    m_principal->setObjectName(QStringLiteral("createAclPrincipal"));
    m_host->setObjectName(QStringLiteral("createAclHost"));
    m_resourceType->setObjectName(QStringLiteral("createAclResourceType"));
    m_resourceName->setObjectName(QStringLiteral("createAclResourceName"));
    m_pattern->setObjectName(QStringLiteral("createAclPattern"));
    m_operations->setObjectName(QStringLiteral("createAclOperations"));
    m_allow->setObjectName(QStringLiteral("createAclAllow"));
    m_deny->setObjectName(QStringLiteral("createAclDeny"));
    m_problem->setObjectName(QStringLiteral("createAclProblem"));
    m_results->setObjectName(QStringLiteral("createAclResults"));
    m_createButton->setObjectName(QStringLiteral("createAclSubmit"));

    m_principal->setPlaceholderText(tr("User:alice"));
    m_host->setToolTip(tr("The client address the ACL applies to; * for any"));
    fillAclResourceTypes(m_resourceType, false);
    fillAclPatternTypes(m_pattern, { AclPatternType::Literal, AclPatternType::Prefixed });
    m_pattern->setToolTip(tr("LITERAL: this name only (* for every resource of the type); PREFIXED: every "
                             "name that starts with it"));
    m_operations->setToolTip(tr("One ACL is created for each operation checked"));
    m_allow->setChecked(true);
    m_problem->setWordWrap(true);
    m_results->setSelectionMode(QAbstractItemView::NoSelection);
    m_results->hide();

    auto* permission = new QHBoxLayout;
    permission->addWidget(m_allow);
    permission->addWidget(m_deny);
    permission->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("&Principal:"), m_principal);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("Resource &type:"), m_resourceType);
    form->addRow(tr("Resource &name:"), m_resourceName);
    form->addRow(tr("P&attern:"), m_pattern);
    form->addRow(tr("&Operations:"), m_operations);
    form->addRow(tr("Permission:"), permission);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_createButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, &CreateAclDialog::create);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_results);
    layout->addWidget(buttons);

    for (QLineEdit* edit : { m_principal, m_host, m_resourceName })
        connect(edit, &QLineEdit::textChanged, this, &CreateAclDialog::validate);
    connect(m_pattern, &QComboBox::currentIndexChanged, this, &CreateAclDialog::validate);
    connect(m_allow, &QRadioButton::toggled, this, &CreateAclDialog::validate);
    connect(m_operations, &QListWidget::itemChanged, this, &CreateAclDialog::validate);
    connect(m_resourceType, &QComboBox::currentIndexChanged, this, &CreateAclDialog::resourceTypeChanged);
    connect(m_actions, &AclActions::finished, this, [this](int job, const AclActionResult& result) {
        if (job != m_job)
            return;
        m_job = 0;
        m_createButton->setText(tr("Create"));
        showResult(result);
        validate();
    });
    resourceTypeChanged();
    resize(sizeHint().width() * 5 / 4, sizeHint().height());
}

void CreateAclDialog::resourceTypeChanged()
{
    const auto type = aclComboValue<AclResourceType>(m_resourceType);
    // Operations checked before stay checked when the new type has them too.
    QSet<int> checked;
    for (int row = 0; row < m_operations->count(); ++row) {
        if (m_operations->item(row)->checkState() == Qt::Checked)
            checked.insert(m_operations->item(row)->data(Qt::UserRole).toInt());
    }
    const QSignalBlocker blocker(m_operations);
    m_operations->clear();
    for (AclOperation operation : aclOperationsFor(type)) {
        auto* item = new QListWidgetItem(aclName(operation), m_operations);
        item->setData(Qt::UserRole, int(operation));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(int(operation)) ? Qt::Checked : Qt::Unchecked);
    }
    if (m_operations->count() > 0)
        m_operations->setCurrentRow(0);

    const bool cluster = type == AclResourceType::Cluster;
    if (cluster) {
        m_resourceName->setText(ClusterResourceName);
        selectAclValue(m_pattern, int(AclPatternType::Literal));
    } else if (m_resourceName->text() == ClusterResourceName) {
        m_resourceName->clear();
    }
    m_resourceName->setEnabled(!cluster);
    m_pattern->setEnabled(!cluster);
    switch (type) {
    case AclResourceType::Topic:
        m_resourceName->setPlaceholderText(tr("orders, or * for every topic"));
        break;
    case AclResourceType::Group:
        m_resourceName->setPlaceholderText(tr("billing, or * for every group"));
        break;
    case AclResourceType::TransactionalId:
        m_resourceName->setPlaceholderText(tr("a transactional.id, or * for every one"));
        break;
    default:
        m_resourceName->setPlaceholderText({});
        break;
    }
    validate();
}

QList<AclBinding> CreateAclDialog::bindings(QString* error) const
{
    error->clear();
    AclBinding base;
    base.principal = m_principal->text().trimmed();
    base.host = m_host->text().trimmed();
    base.resourceType = aclComboValue<AclResourceType>(m_resourceType);
    base.resourceName = m_resourceName->text().trimmed();
    base.patternType = aclComboValue<AclPatternType>(m_pattern);
    base.permission = m_deny->isChecked() ? AclPermission::Deny : AclPermission::Allow;
    QList<AclBinding> result;
    for (int row = 0; row < m_operations->count(); ++row) {
        const QListWidgetItem* item = m_operations->item(row);
        if (item->checkState() != Qt::Checked)
            continue;
        AclBinding binding = base;
        binding.operation = static_cast<AclOperation>(item->data(Qt::UserRole).toInt());
        result.append(binding);
    }
    // With no operation checked yet the rest is still checked (ALL is valid for every resource
    // type), so that the reason given is about what was typed first.
    AclBinding probe = base;
    probe.operation = AclOperation::All;
    for (const AclBinding& binding : result.isEmpty() ? QList<AclBinding> { probe } : result) {
        const QString problem = validateAclBinding(binding);
        if (!problem.isEmpty()) {
            *error = problem;
            return {};
        }
    }
    if (result.isEmpty()) {
        *error = tr("Check at least one operation.");
        return {};
    }
    return result;
}

void CreateAclDialog::validate()
{
    QString error;
    const QList<AclBinding> described = bindings(&error);
    const bool untouched = m_principal->text().isEmpty() && m_resourceName->text().isEmpty();
    if (untouched && !error.isEmpty()) {
        m_problem->setText(tr("Fill in a principal (User:alice), a resource and the operations."));
        m_problem->setStyleSheet({});
    } else if (!error.isEmpty()) {
        m_problem->setText(error);
        m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
    } else {
        m_problem->setText(described.size() == 1
                ? tr("1 ACL will be created.")
                : tr("%1 ACLs will be created, one per operation.").arg(described.size()));
        m_problem->setStyleSheet({});
    }
    m_createButton->setEnabled(error.isEmpty() && m_job == 0);
}

void CreateAclDialog::create()
{
    QString error;
    const QList<AclBinding> toCreate = bindings(&error);
    if (!error.isEmpty())
        return;
    m_message->clearMessage();
    m_results->clear();
    m_results->hide();
    m_sent = toCreate;
    m_job = m_actions->create(toCreate);
    m_createButton->setEnabled(false);
    m_createButton->setText(tr("Creating…"));
}

void CreateAclDialog::showResult(const AclActionResult& result)
{
    QList<AclBinding> created;
    if (result.error.isEmpty()) {
        for (const AclOutcome& outcome : result.outcomes) {
            if (outcome.error.isEmpty())
                created.append(outcome.binding);
        }
    }
    if (!created.isEmpty())
        Q_EMIT aclsCreated(created);
    if (result.ok()) {
        accept();
        return;
    }
    if (!result.error.isEmpty()) {
        m_message->showError(tr("No ACL was created: %1").arg(result.error));
        return;
    }
    // Some failed: each ACL's own answer, so that the failed ones can be corrected and sent again.
    for (const AclOutcome& outcome : result.outcomes) {
        auto* item = new QListWidgetItem(outcome.error.isEmpty()
                ? tr("%1 — created").arg(describe(outcome.binding))
                : tr("%1 — not created: %2").arg(describe(outcome.binding), outcome.error),
            m_results);
        item->setData(Qt::UserRole, outcome.error.isEmpty());
        if (!outcome.error.isEmpty())
            item->setForeground(QColor(0xc0392b));
    }
    m_results->show();
    const qsizetype failed = result.outcomes.size() - created.size();
    m_message->showError(created.isEmpty()
            ? tr("No ACL was created; each reason is below.")
            : tr("%1 of %2 ACLs were not created; each reason is below.").arg(failed).arg(result.outcomes.size()));
}

} // namespace Samsa

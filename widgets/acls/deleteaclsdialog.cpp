#include "deleteaclsdialog.h"

#include "aclcombos.h"
#include "acls/aclactions.h"
#include "aclsmodel.h"
#include "common/datatableview.h"
#include "common/messagebar.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Samsa {

namespace {
// Typing in the filter asks for a preview once the typing pauses, not once per key.
constexpr int PreviewDelayMs = 300;
} // namespace

DeleteAclsDialog::DeleteAclsDialog(AclActions* actions, const QList<AclBinding>& selected, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_selected(selected)
    , m_message(new MessageBar(this))
    , m_selectedChoice(new QRadioButton(this))
    , m_filterChoice(new QRadioButton(tr("Every ACL that matches this &filter:"), this))
    , m_filterBox(new QGroupBox(this))
    , m_resourceType(new QComboBox(this))
    , m_resourceName(new QLineEdit(this))
    , m_pattern(new QComboBox(this))
    , m_principal(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_operation(new QComboBox(this))
    , m_permission(new QComboBox(this))
    , m_previewLabel(new QLabel(this))
    , m_previewModel(new AclsModel(this))
    , m_previewView(new DataTableView(this))
    , m_deleteButton(new QPushButton(tr("Delete"), this))
    , m_closeButton(nullptr)
    , m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Delete ACLs"));
    m_message->setObjectName(QStringLiteral("deleteAclsMessage"));
    m_selectedChoice->setObjectName(QStringLiteral("deleteAclsSelected"));
    m_filterChoice->setObjectName(QStringLiteral("deleteAclsByFilter"));
    m_resourceType->setObjectName(QStringLiteral("deleteAclsResourceType"));
    m_resourceName->setObjectName(QStringLiteral("deleteAclsResourceName"));
    m_pattern->setObjectName(QStringLiteral("deleteAclsPattern"));
    m_principal->setObjectName(QStringLiteral("deleteAclsPrincipal"));
    m_host->setObjectName(QStringLiteral("deleteAclsHost"));
    m_operation->setObjectName(QStringLiteral("deleteAclsOperation"));
    m_permission->setObjectName(QStringLiteral("deleteAclsPermission"));
    m_previewLabel->setObjectName(QStringLiteral("deleteAclsPreviewLabel"));
    m_previewView->setObjectName(QStringLiteral("deleteAclsPreview"));
    m_deleteButton->setObjectName(QStringLiteral("deleteAclsSubmit"));

    m_selectedChoice->setText(m_selected.isEmpty() ? tr("The &selected ACLs (none is selected on the page)")
            : m_selected.size() == 1               ? tr("The &selected ACL")
                                                   : tr("The %1 &selected ACLs").arg(m_selected.size()));
    m_selectedChoice->setEnabled(!m_selected.isEmpty());
    (m_selected.isEmpty() ? m_filterChoice : m_selectedChoice)->setChecked(true);

    fillAclResourceTypes(m_resourceType, true);
    fillAclPatternTypes(
        m_pattern, { AclPatternType::Any, AclPatternType::Match, AclPatternType::Literal, AclPatternType::Prefixed });
    m_pattern->setItemText(0, tr("Any pattern"));
    m_pattern->setToolTip(tr("MATCH: every ACL that applies to the resource name — literal, \"*\" and "
                             "prefixes of it"));
    fillAclOperations(m_operation, true);
    fillAclPermissions(m_permission, true);
    m_resourceName->setPlaceholderText(tr("any"));
    m_principal->setPlaceholderText(tr("any (e.g. User:alice)"));
    m_host->setPlaceholderText(tr("any"));
    if (m_selected.size() == 1) {
        // Switching to the filter starts from the selected ACL's resource: "everything on it".
        const AclBinding& first = m_selected.first();
        selectAclValue(m_resourceType, int(first.resourceType));
        m_resourceName->setText(first.resourceName);
        selectAclValue(m_pattern, int(first.patternType));
    }

    auto* filterForm = new QFormLayout(m_filterBox);
    filterForm->addRow(tr("Resource type:"), m_resourceType);
    filterForm->addRow(tr("Resource name:"), m_resourceName);
    filterForm->addRow(tr("Pattern:"), m_pattern);
    filterForm->addRow(tr("Principal:"), m_principal);
    filterForm->addRow(tr("Host:"), m_host);
    filterForm->addRow(tr("Operation:"), m_operation);
    filterForm->addRow(tr("Permission:"), m_permission);

    m_previewLabel->setWordWrap(true);
    m_previewView->setModel(m_previewModel);
    m_previewView->setSelectionMode(QAbstractItemView::NoSelection);
    m_previewView->setSortingEnabled(false); // in the broker's order
    m_previewView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_previewView->horizontalHeader()->setStretchLastSection(true);
    m_previewView->setMinimumHeight(160);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_closeButton = buttons->button(QDialogButtonBox::Cancel);
    m_closeButton->setObjectName(QStringLiteral("deleteAclsClose"));
    buttons->addButton(m_deleteButton, QDialogButtonBox::DestructiveRole);
    // Enter in a filter field must never delete: only a click (or Space on the button) does.
    m_deleteButton->setAutoDefault(false);
    m_deleteButton->setDefault(false);
    m_deleteButton->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_deleteButton, &QPushButton::clicked, this, &DeleteAclsDialog::remove);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_selectedChoice);
    layout->addWidget(m_filterChoice);
    layout->addWidget(m_filterBox);
    layout->addWidget(m_previewLabel);
    layout->addWidget(m_previewView, 1);
    layout->addWidget(buttons);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &DeleteAclsDialog::runPreview);
    for (QLineEdit* edit : { m_resourceName, m_principal, m_host })
        connect(edit, &QLineEdit::textChanged, this, &DeleteAclsDialog::previewLater);
    for (QComboBox* combo : { m_resourceType, m_pattern, m_operation, m_permission })
        connect(combo, &QComboBox::currentIndexChanged, this, &DeleteAclsDialog::previewLater);
    connect(m_filterChoice, &QRadioButton::toggled, this, [this] {
        m_filterBox->setEnabled(!bySelection());
        previewLater();
    });
    connect(m_actions, &AclActions::finished, this, [this](int job, const AclActionResult& result) {
        if (job == 0)
            return;
        if (job == m_previewJob) {
            m_previewJob = 0;
            showPreview(result);
        } else if (job == m_deleteJob) {
            m_deleteJob = 0;
            showDeleted(result);
        }
    });

    m_filterBox->setEnabled(!bySelection());
    resize(720, 560);
    // The first preview goes at once: there is nothing being typed to wait for.
    m_previewLabel->setText(tr("Loading the preview…"));
    runPreview();
}

bool DeleteAclsDialog::bySelection() const
{
    return m_selectedChoice->isChecked();
}

AclFilter DeleteAclsDialog::filter() const
{
    AclFilter filter;
    filter.resourceType = aclComboValue<AclResourceType>(m_resourceType);
    filter.resourceName = m_resourceName->text().trimmed();
    filter.patternType = aclComboValue<AclPatternType>(m_pattern);
    filter.principal = m_principal->text().trimmed();
    filter.host = m_host->text().trimmed();
    filter.operation = aclComboValue<AclOperation>(m_operation);
    filter.permission = aclComboValue<AclPermission>(m_permission);
    return filter;
}

QList<AclBinding> DeleteAclsDialog::preview() const
{
    return m_previewModel->bindings();
}

void DeleteAclsDialog::previewLater()
{
    if (m_done || m_deleteJob != 0)
        return;
    // What is listed no longer says what Delete would do: it waits for the new preview.
    m_previewLoaded = false;
    m_previewJob = 0; // an answer under way is for the old filter
    m_deleteButton->setEnabled(false);
    m_previewLabel->setText(tr("Updating the preview…"));
    m_previewTimer->start();
}

void DeleteAclsDialog::runPreview()
{
    m_previewTimer->stop();
    // The selected ACLs are looked up among all of them, in one request rather than one per ACL.
    m_previewJob = m_actions->list(bySelection() ? AclFilter {} : filter());
}

void DeleteAclsDialog::showPreview(const AclActionResult& result)
{
    QString error = result.error;
    if (error.isEmpty() && !result.filterErrors.isEmpty())
        error = result.filterErrors.join(QLatin1Char('\n'));
    if (!error.isEmpty()) {
        m_previewModel->clear();
        m_previewLabel->setText(tr("The preview could not be loaded, so nothing can be deleted yet."));
        m_message->showError(tr("The ACLs could not be listed: %1").arg(error));
        Q_EMIT previewReady();
        return;
    }
    m_message->clearMessage();
    QList<AclBinding> matches;
    int gone = 0;
    if (bySelection()) {
        QSet<QString> listed;
        for (const AclBinding& binding : result.bindings)
            listed.insert(AclsModel::keyOf(binding));
        for (const AclBinding& binding : std::as_const(m_selected)) {
            if (listed.contains(AclsModel::keyOf(binding)))
                matches.append(binding);
            else
                ++gone;
        }
    } else {
        matches = result.bindings;
    }
    m_previewModel->setBindings(matches);
    m_previewLoaded = true;
    const int count = int(matches.size());
    QString text = count == 0 ? tr("No ACL matches: there is nothing to delete.")
        : count == 1          ? tr("1 ACL will be deleted:")
                              : tr("%1 ACLs will be deleted:").arg(count);
    if (gone > 0)
        text += QLatin1Char(' ') + tr("(%1 of the selected ACLs no longer exist.)").arg(gone);
    m_previewLabel->setText(text);
    m_deleteButton->setText(count == 0 ? tr("Delete")
            : count == 1               ? tr("Delete 1 ACL")
                                       : tr("Delete %1 ACLs").arg(count));
    m_deleteButton->setEnabled(count > 0);
    Q_EMIT previewReady();
}

void DeleteAclsDialog::remove()
{
    if (!m_previewLoaded || m_previewModel->rowCount() == 0)
        return;
    QList<AclFilter> filters;
    if (bySelection()) {
        for (const AclBinding& binding : preview())
            filters.append(AclFilter::exactly(binding));
    } else {
        filters.append(filter());
    }
    m_message->clearMessage();
    setEditable(false);
    m_deleteButton->setEnabled(false);
    m_deleteButton->setText(tr("Deleting…"));
    m_deleteJob = m_actions->remove(filters);
}

void DeleteAclsDialog::showDeleted(const AclActionResult& result)
{
    m_done = true;
    const int previewed = m_previewModel->rowCount();
    const QList<AclBinding>& deleted = result.bindings;
    m_previewModel->setBindings(deleted);
    const QString deletedText = deleted.size() == 1 ? tr("1 ACL deleted") : tr("%1 ACLs deleted").arg(deleted.size());
    m_previewLabel->setText(deleted.isEmpty() ? tr("No ACL was deleted.") : deletedText + QLatin1Char(':'));
    m_deleteButton->hide();
    m_closeButton->setText(tr("Close"));
    QStringList errors = result.filterErrors;
    if (!result.error.isEmpty())
        errors.prepend(result.error);
    if (!errors.isEmpty())
        m_message->showError(tr("Not everything was deleted: %1").arg(errors.join(QLatin1Char('\n'))));
    else if (deleted.size() != previewed)
        m_message->showMessage(tr("The preview listed %1, the broker deleted %2: the ACLs changed in between.")
                                   .arg(previewed)
                                   .arg(deleted.size()),
            MessageBar::Kind::Warning);
    else
        m_message->showMessage(deletedText + QLatin1Char('.'), MessageBar::Kind::Information);
    if (!deleted.isEmpty())
        Q_EMIT aclsDeleted(deleted);
}

void DeleteAclsDialog::setEditable(bool editable)
{
    m_selectedChoice->setEnabled(editable && !m_selected.isEmpty());
    m_filterChoice->setEnabled(editable);
    m_filterBox->setEnabled(editable && !bySelection());
}

} // namespace Samsa

#pragma once

// Delete ACLs: the ones selected on the page (one exact filter each), or every ACL a filter the user
// edits matches. Before anything is deleted the dialog lists what would go — the broker's own answer
// to a listing with the same filter, so that Kafka's matching rules (MATCH, PREFIXED, "*") are the
// broker's — and its count; Delete is enabled only while that preview is current. Afterwards it lists
// what the broker deleted.

#include "acls/acltypes.h"

#include <QDialog>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableView;
class QTimer;

namespace Samsa {

class AclActions;
class AclsModel;
class MessageBar;

class DeleteAclsDialog : public QDialog {
    Q_OBJECT
public:
    // With no selected ACLs the dialog starts on the filter.
    DeleteAclsDialog(AclActions* actions, const QList<AclBinding>& selected, QWidget* parent = nullptr);

    // The filter as edited now.
    AclFilter filter() const;
    bool previewLoaded() const { return m_previewLoaded; }
    QList<AclBinding> preview() const; // what the last preview listed

Q_SIGNALS:
    void previewReady(); // each current preview, loaded or failed
    void aclsDeleted(const QList<Samsa::AclBinding>& deleted);

private:
    bool bySelection() const;
    void previewLater();
    void runPreview();
    void showPreview(const AclActionResult& result);
    void remove();
    void showDeleted(const AclActionResult& result);
    void setEditable(bool editable);

    AclActions* m_actions;
    QList<AclBinding> m_selected;
    MessageBar* m_message;
    QRadioButton* m_selectedChoice;
    QRadioButton* m_filterChoice;
    QGroupBox* m_filterBox;
    QComboBox* m_resourceType;
    QLineEdit* m_resourceName;
    QComboBox* m_pattern;
    QLineEdit* m_principal;
    QLineEdit* m_host;
    QComboBox* m_operation;
    QComboBox* m_permission;
    QLabel* m_previewLabel;
    AclsModel* m_previewModel;
    QTableView* m_previewView;
    QPushButton* m_deleteButton;
    QPushButton* m_closeButton;
    QTimer* m_previewTimer;
    int m_previewJob = 0;
    int m_deleteJob = 0;
    bool m_previewLoaded = false;
    bool m_done = false;
};

} // namespace Samsa

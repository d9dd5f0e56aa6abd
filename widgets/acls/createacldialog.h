#pragma once

// Create ACLs: a principal, a host, a resource (type, name, literal or prefixed) and one or more
// operations, allowed or denied; one ACL per operation checked, only those valid for the resource
// type offered. Every binding is checked (validateAclBinding) as it is typed, the reason shown under
// the form and Create disabled while one is invalid. The broker's answer is shown per ACL; the
// dialog closes only when every one was created.

#include "acls/acltypes.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace Samsa {

class AclActions;
class MessageBar;

class CreateAclDialog : public QDialog {
    Q_OBJECT
public:
    CreateAclDialog(AclActions* actions, QWidget* parent = nullptr);

    // The ACLs the form describes, one per operation checked; *error set (and nothing returned)
    // when the form is not complete or one of them is invalid.
    QList<AclBinding> bindings(QString* error) const;

Q_SIGNALS:
    void aclsCreated(const QList<Samsa::AclBinding>& created); // also when only some were

private:
    void resourceTypeChanged();
    void validate();
    void create();
    void showResult(const AclActionResult& result);

    AclActions* m_actions;
    MessageBar* m_message;
    QLineEdit* m_principal;
    QLineEdit* m_host;
    QComboBox* m_resourceType;
    QLineEdit* m_resourceName;
    QComboBox* m_pattern;
    QListWidget* m_operations;
    QRadioButton* m_allow;
    QRadioButton* m_deny;
    QLabel* m_problem;
    QListWidget* m_results;
    QPushButton* m_createButton;
    QList<AclBinding> m_sent;
    int m_job = 0;
};

} // namespace Samsa

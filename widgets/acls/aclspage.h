#pragma once

// The ACLs of one cluster: a sortable table filtered by text, resource type and permission, with
// Refresh, "Create ACL…" and "Delete…". Listing runs on an AclActions worker of the page's own (made
// from the session's profile and secrets), so the window never waits for the broker. A broker that
// runs no authorizer, or a principal that may not describe ACLs, is said in place of the table.

#include "acls/acltypes.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace Samsa {

class AclActions;
class AclsFilterModel;
class AclsModel;
class ClusterSession;
class DataTableView;
class MessageBar;

class AclsPage : public QWidget {
    Q_OBJECT
public:
    explicit AclsPage(ClusterSession* session, QWidget* parent = nullptr);

    // Lists the ACLs again, unless a listing is already under way.
    void refresh();
    bool isLoading() const { return m_listJob != 0; }

    void createAcl();
    void deleteAcls(); // the selected rows, else by a filter

Q_SIGNALS:
    void loaded(); // every answer to a listing, failed or not

private:
    enum class State { Loading, Table, SecurityDisabled, NotAuthorized };
    void showListing(const AclActionResult& result);
    void setState(State state, const QString& brokerMessage = {});
    void updateCount();
    QList<AclBinding> selectedBindings() const;
    QString principalText() const;

    QPointer<ClusterSession> m_session;
    AclActions* m_actions = nullptr;
    AclsModel* m_model;
    AclsFilterModel* m_proxy;
    MessageBar* m_message;
    QLineEdit* m_filter;
    QComboBox* m_typeFilter;
    QComboBox* m_permissionFilter;
    QPushButton* m_refreshButton;
    QPushButton* m_createButton;
    QPushButton* m_deleteButton;
    QStackedWidget* m_stack;
    DataTableView* m_view;
    QWidget* m_statePanel;
    QLabel* m_stateIcon;
    QLabel* m_stateHeading;
    QLabel* m_stateText;
    QLabel* m_count;
    State m_state = State::Loading;
    int m_listJob = 0;
    bool m_refreshAgain = false;
};

} // namespace Samsa

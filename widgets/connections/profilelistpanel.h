#pragma once

// The left side of the connection dialog: saved profiles and the buttons that act on the list.

#include <QWidget>

class QAbstractItemModel;
class QListView;
class QPushButton;

namespace Samsa {

class ProfileListPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProfileListPanel(QAbstractItemModel* model, QWidget* parent = nullptr);

    QListView* listView() const { return m_list; }
    void setStoredProfileShown(bool stored); // Duplicate and Delete act on stored profiles only

Q_SIGNALS:
    void newRequested();
    void duplicateRequested();
    void deleteRequested();
    void importRequested();

private:
    QListView* m_list;
    QPushButton* m_duplicateButton;
    QPushButton* m_deleteButton;
};

} // namespace Samsa

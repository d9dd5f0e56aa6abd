#pragma once

// Picks one topic of a cluster for the message browser: a filter field above the cluster's topics
// (typing narrows the list at once, also with 10,000 topics), Enter or a double click chooses.

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStringListModel;

namespace Samsa {

class ClusterSession;

class TopicChooserDialog : public QDialog {
    Q_OBJECT
public:
    explicit TopicChooserDialog(ClusterSession* session, QWidget* parent = nullptr);

    QString currentTopic() const;

Q_SIGNALS:
    void topicChosen(const QString& topic);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose();
    void updateButtons();

    QStringListModel* m_topics;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QListView* m_list;
    QDialogButtonBox* m_buttons;
};

} // namespace Samsa

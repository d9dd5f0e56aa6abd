#include "topicchooserdialog.h"

#include "kafka/clustersession.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Samsa {

TopicChooserDialog::TopicChooserDialog(ClusterSession* session, QWidget* parent)
    : QDialog(parent)
    , m_topics(new QStringListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(session ? tr("Browse Messages — %1").arg(session->profile().name) : tr("Browse Messages"));
    QStringList names;
    if (session) {
        names.reserve(session->metadata().topics.size());
        for (const TopicInfo& topic : session->metadata().topics)
            names.append(topic.name);
    }
    names.sort(Qt::CaseInsensitive);
    m_topics->setStringList(names);
    m_proxy->setSourceModel(m_topics);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("topicChooserFilter"));
    m_filter->setPlaceholderText(tr("Filter %n topic(s)", nullptr, int(names.size())));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("topicChooserList"));
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Browse"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Topic:"), this));
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    resize(420, 480);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        if (!m_list->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        updateButtons();
    });
    connect(m_list, &QAbstractItemView::doubleClicked, this, &TopicChooserDialog::choose);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &TopicChooserDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TopicChooserDialog::choose);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_proxy->rowCount() > 0)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    updateButtons();
    m_filter->setFocus();
}

QString TopicChooserDialog::currentTopic() const
{
    const QModelIndex index = m_list->currentIndex();
    return index.isValid() ? index.data().toString() : QString();
}

bool TopicChooserDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Up and Down in the filter field move through the list, as in a completer.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void TopicChooserDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!currentTopic().isEmpty());
}

void TopicChooserDialog::choose()
{
    const QString topic = currentTopic();
    if (topic.isEmpty())
        return;
    Q_EMIT topicChosen(topic);
    accept();
}

} // namespace Samsa

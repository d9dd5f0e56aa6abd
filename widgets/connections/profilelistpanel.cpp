#include "profilelistpanel.h"

#include <QGridLayout>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace Samsa {

namespace {
QPushButton* makeButton(const QString& text, const char* objectName, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(objectName));
    button->setAutoDefault(false);
    return button;
}
} // namespace

ProfileListPanel::ProfileListPanel(QAbstractItemModel* model, QWidget* parent)
    : QWidget(parent)
    , m_list(new QListView(this))
    , m_duplicateButton(makeButton(tr("D&uplicate"), "duplicateButton", this))
    , m_deleteButton(makeButton(tr("&Delete"), "deleteButton", this))
{
    m_list->setObjectName(QStringLiteral("profilesList"));
    m_list->setModel(model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    QPushButton* newButton = makeButton(tr("&New"), "newButton", this);
    QPushButton* importButton = makeButton(tr("&Import…"), "importButton", this);

    auto* buttons = new QGridLayout;
    buttons->addWidget(newButton, 0, 0);
    buttons->addWidget(m_duplicateButton, 0, 1);
    buttons->addWidget(m_deleteButton, 1, 0);
    buttons->addWidget(importButton, 1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(newButton, &QPushButton::clicked, this, &ProfileListPanel::newRequested);
    connect(m_duplicateButton, &QPushButton::clicked, this, &ProfileListPanel::duplicateRequested);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfileListPanel::deleteRequested);
    connect(importButton, &QPushButton::clicked, this, &ProfileListPanel::importRequested);
}

void ProfileListPanel::setStoredProfileShown(bool stored)
{
    m_duplicateButton->setEnabled(stored);
    m_deleteButton->setEnabled(stored);
}

} // namespace Samsa

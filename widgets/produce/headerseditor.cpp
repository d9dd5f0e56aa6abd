#include "headerseditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

HeadersEditor::HeadersEditor(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    m_table->setObjectName(QStringLiteral("produceHeaders"));
    m_add->setObjectName(QStringLiteral("produceAddHeader"));
    m_remove->setObjectName(QStringLiteral("produceRemoveHeader"));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            m_table->removeRow(row);
    });
}

void HeadersEditor::addRow(const QString& name, const QString& value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

QList<QPair<QString, QByteArray>> HeadersEditor::headers() const
{
    QList<QPair<QString, QByteArray>> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* name = m_table->item(row, 0);
        const QTableWidgetItem* value = m_table->item(row, 1);
        if (!name || name->text().trimmed().isEmpty())
            continue;
        result.append({ name->text().trimmed(), value ? value->text().toUtf8() : QByteArray() });
    }
    return result;
}

void HeadersEditor::setHeaders(const QList<QPair<QString, QByteArray>>& headers)
{
    m_table->setRowCount(0);
    for (const auto& [name, value] : headers)
        addRow(name, QString::fromUtf8(value));
}

} // namespace Samsa

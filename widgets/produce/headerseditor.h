#pragma once

// The headers of a message to produce: a two-column table (name, value) with Add and Remove.
// Values are UTF-8 text; a row without a name is ignored.

#include <QList>
#include <QPair>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace Samsa {

class HeadersEditor : public QWidget {
    Q_OBJECT
public:
    explicit HeadersEditor(QWidget* parent = nullptr);

    QList<QPair<QString, QByteArray>> headers() const;
    void setHeaders(const QList<QPair<QString, QByteArray>>& headers);
    void addRow(const QString& name = {}, const QString& value = {});

private:
    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
};

} // namespace Samsa

#pragma once

// A JSON document as a tree (name, value, type), for folding large message values: objects and
// arrays fold. Nodes are made only when the view asks for them, so opening a document of several
// megabytes costs one parse (done by the caller, off the UI thread) and a few visible rows.

#include <QAbstractItemModel>
#include <QJsonValue>
#include <memory>
#include <vector>

namespace Samsa {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, TypeColumn, ColumnCount };
    // Longest value text the table shows; the whole value is in the tooltip and the text view.
    static constexpr int MaxShownChars = 500;

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // The root's members (object) or elements (array) become the top-level rows; a scalar root is
    // one row.
    void setRoot(const QJsonValue& root);
    void clear() { setRoot(QJsonValue(QJsonValue::Undefined)); }
    // Nodes made so far (the test checks that folding stays lazy).
    qint64 createdNodes() const { return m_created; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        Node* parent = nullptr;
        int row = 0;
        QString name;
        QJsonValue value;
        bool childrenSized = false;
        std::vector<std::unique_ptr<Node>> children; // sized on first use, filled row by row
    };
    static int childCount(const QJsonValue& value);
    Node* nodeOf(const QModelIndex& index) const;
    Node* child(Node* parent, int row) const;

    std::unique_ptr<Node> m_root;
    mutable qint64 m_created = 0;
};

// The value as the tree shows it: strings as they are, numbers exactly as Qt holds them,
// containers as "{3 keys}" / "[12 items]".
QString jsonValueText(const QJsonValue& value);

} // namespace Samsa

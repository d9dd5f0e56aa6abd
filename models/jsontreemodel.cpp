#include "jsontreemodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPalette>

namespace Samsa {

QString jsonValueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // Qt keeps integers that fit 64 bits as integers; print those without an exponent.
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return QString::number(variant.toLongLong());
        return QString::number(value.toDouble(), 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        const qsizetype count = value.toArray().size();
        return count == 1 ? JsonTreeModel::tr("[1 item]") : JsonTreeModel::tr("[%1 items]").arg(count);
    }
    case QJsonValue::Object: {
        const qsizetype count = value.toObject().size();
        return count == 1 ? JsonTreeModel::tr("{1 key}") : JsonTreeModel::tr("{%1 keys}").arg(count);
    }
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

namespace {
    QString typeName(const QJsonValue& value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("boolean");
        case QJsonValue::Double:
            return QStringLiteral("number");
        case QJsonValue::String:
            return QStringLiteral("string");
        case QJsonValue::Array:
            return QStringLiteral("array");
        case QJsonValue::Object:
            return QStringLiteral("object");
        case QJsonValue::Undefined:
            break;
        }
        return {};
    }
}

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->value = QJsonValue(QJsonValue::Undefined);
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setRoot(const QJsonValue& root)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_created = 0;
    if (root.isArray() || root.isObject()) {
        m_root->value = root;
    } else if (!root.isUndefined()) {
        // A scalar document: one row holding it.
        m_root->value = QJsonArray { root };
        m_root->childrenSized = true;
        m_root->children.resize(1);
        auto only = std::make_unique<Node>();
        only->parent = m_root.get();
        only->name = tr("(value)");
        only->value = root;
        m_root->children[0] = std::move(only);
        ++m_created;
    } else {
        m_root->value = QJsonValue(QJsonValue::Undefined);
    }
    endResetModel();
}

int JsonTreeModel::childCount(const QJsonValue& value)
{
    if (value.isArray())
        return int(value.toArray().size());
    if (value.isObject())
        return int(value.toObject().size());
    return 0;
}

JsonTreeModel::Node* JsonTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

JsonTreeModel::Node* JsonTreeModel::child(Node* parent, int row) const
{
    if (!parent->childrenSized) {
        parent->children.resize(size_t(childCount(parent->value)));
        parent->childrenSized = true;
    }
    if (row < 0 || size_t(row) >= parent->children.size())
        return nullptr;
    std::unique_ptr<Node>& slot = parent->children[size_t(row)];
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->parent = parent;
        slot->row = row;
        if (parent->value.isArray()) {
            slot->name = QStringLiteral("[%1]").arg(row);
            slot->value = parent->value.toArray().at(row);
        } else {
            const QJsonObject object = parent->value.toObject();
            const auto it = object.constBegin() + row;
            slot->name = it.key();
            slot->value = it.value();
        }
        ++m_created;
    }
    return slot.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node* node = child(nodeOf(parent), row);
    return node ? createIndex(row, column, node) : QModelIndex();
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    const Node* node = child.isValid() ? static_cast<const Node*>(child.internalPointer()) : nullptr;
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node* node = nodeOf(parent);
    return node->childrenSized ? int(node->children.size()) : childCount(node->value);
}

int JsonTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool JsonTreeModel::hasChildren(const QModelIndex& parent) const { return rowCount(parent) > 0; }

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = static_cast<const Node*>(index.internalPointer());
    const bool container = node->value.isArray() || node->value.isObject();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->name;
        case ValueColumn: {
            QString text = jsonValueText(node->value);
            if (text.size() > MaxShownChars)
                text = text.left(MaxShownChars) + QStringLiteral("…");
            // One line per row: a string with newlines would otherwise be cut at the first.
            text.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
            return text;
        }
        case TypeColumn:
            return typeName(node->value);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !container) {
            const QString text = jsonValueText(node->value);
            return text.size() > 10 * MaxShownChars ? text.left(10 * MaxShownChars) + QStringLiteral("…") : text;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() != NameColumn && (container || index.column() == TypeColumn))
            return QVariant::fromValue(QPalette().brush(QPalette::PlaceholderText));
        break;
    case Qt::EditRole:
        // The whole value, for copying.
        return index.column() == ValueColumn ? jsonValueText(node->value) : data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace Samsa

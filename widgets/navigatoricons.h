#pragma once

// Adds icons to the navigator's rows from the style, so the model stays free of widgets.

#include <QIdentityProxyModel>

namespace Samsa {

class NavigatorIcons : public QIdentityProxyModel {
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override;
};

} // namespace Samsa

#include "navigatoricons.h"

#include "kafka/clustersession.h"
#include "navigatormodel.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

namespace Samsa {

QVariant NavigatorIcons::data(const QModelIndex& index, int role) const
{
    if (role != Qt::DecorationRole)
        return QIdentityProxyModel::data(index, role);
    QStyle* style = QApplication::style();
    switch (NavigatorModel::kindOf(index)) {
    case NavigatorModel::Kind::LocalBroker:
        return style->standardIcon(QStyle::SP_ComputerIcon);
    case NavigatorModel::Kind::Cluster: {
        const auto state = index.data(NavigatorModel::StateRole).value<ClusterSession::State>();
        if (state == ClusterSession::State::Failed)
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        if (state == ClusterSession::State::Connecting)
            return style->standardIcon(QStyle::SP_BrowserReload);
        return style->standardIcon(QStyle::SP_DriveNetIcon);
    }
    case NavigatorModel::Kind::Brokers:
        return style->standardIcon(QStyle::SP_DriveHDIcon);
    case NavigatorModel::Kind::Topics:
        return style->standardIcon(QStyle::SP_FileDialogDetailedView);
    case NavigatorModel::Kind::ConsumerGroups:
        return style->standardIcon(QStyle::SP_DirIcon);
    case NavigatorModel::Kind::SchemaRegistry:
        return style->standardIcon(QStyle::SP_FileDialogContentsView);
    case NavigatorModel::Kind::Acls:
        // Qt's own styles draw no lock or shield on Linux: the theme's, else a check mark.
        return QIcon::fromTheme(QStringLiteral("security-high"), style->standardIcon(QStyle::SP_DialogApplyButton));
    }
    return {};
}

} // namespace Samsa

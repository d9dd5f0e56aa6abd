#pragma once

// The configuration of one topic or broker: a table ("configsView") and, when DescribeConfigs fails,
// the error inline above it ("configsMessage"). request() asks the session; the answer arrives later.
// A topic's configs can be edited ("configEditButton" or a double click): ConfigEditDialog changes a
// value or resets it to the default.

#include "clustertypes.h"

#include <QPointer>
#include <QWidget>

namespace Samsa {

class ClusterSession;
class ConfigsModel;
class DataTableView;
class MessageBar;
class TopicActions;

class ConfigsPanel : public QWidget {
    Q_OBJECT
public:
    ConfigsPanel(ClusterSession* session, const ConfigResource& resource, QWidget* parent = nullptr);

    void request();
    ConfigsModel* configsModel() const { return m_model; }

private:
    void handleResult(const ConfigResult& result);
    void editCurrent();

    QPointer<ClusterSession> m_session;
    ConfigResource m_resource;
    ConfigsModel* m_model;
    DataTableView* m_view;
    MessageBar* m_message;
    QList<ConfigEntry> m_entries; // the last answer, for the edit dialog
    TopicActions* m_actions = nullptr; // made on the first edit
};

} // namespace Samsa

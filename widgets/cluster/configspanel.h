#pragma once

// The configuration of one topic or broker: a table ("configsView") and, when DescribeConfigs fails,
// the error inline above it ("configsMessage"). request() asks the session; the answer arrives later.
// Configs can be edited ("configEditButton", a double click or the context menu): ConfigEditDialog
// changes a value; "configResetButton" (or the context menu) resets one to its default at once. A
// topic's overrides and a broker's dynamic configs are editable; a read-only config (most broker
// configs: samsa-broker and Kafka change only some at runtime) says so instead of failing a request.

#include "clustertypes.h"

#include <QHash>
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
    void showEntries(QList<ConfigEntry> entries);
    void editCurrent();
    void resetCurrent();
    void showContextMenu(const QPoint& position);
    // The entry of the current row, or null (with a message shown) when it cannot be changed.
    const ConfigEntry* changeableCurrent();
    TopicActions* actions();

    QPointer<ClusterSession> m_session;
    ConfigResource m_resource;
    ConfigsModel* m_model;
    DataTableView* m_view;
    MessageBar* m_message;
    QList<ConfigEntry> m_entries; // the last answer, for the edit dialog
    TopicActions* m_actions = nullptr; // made on the first edit
    int m_resetJob = 0;
    // Documentation and types, asked for once over DescribeConfigs v3 when the first change is made
    // (the session's answers come through librdkafka, which does not ask for them); merged into
    // every later answer, so tooltips and later edit dialogs show them.
    QHash<QString, ConfigEntry> m_documented;
    int m_documentJob = 0;
};

} // namespace Samsa

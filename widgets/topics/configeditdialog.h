#pragma once

// Edit one config of a topic or a broker (a dynamic broker config). librdkafka 2.0.2 offers only
// AlterConfigs, which replaces the resource's whole set (a topic's overrides, a broker's dynamic
// configs), so the dialog says that the current set is read and sent again with the change
// (TopicActions::alterConfigs does that on its worker). The default is shown beside the value.

#include "clustertypes.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace Samsa {

class MessageBar;
class TopicActions;

class ConfigEditDialog : public QDialog {
    Q_OBJECT
public:
    ConfigEditDialog(
        TopicActions* actions, const ConfigResource& resource, const ConfigEntry& entry, QWidget* parent = nullptr);

    // The source of a value set at the resource's own level, the one AlterConfigs changes.
    static ConfigSource ownLevel(ConfigResourceType type);

Q_SIGNALS:
    void configChanged(const QString& resourceName, const QString& name);

private:
    void send(const QString& value); // a null value resets to the default

    TopicActions* m_actions;
    ConfigResource m_resource;
    QString m_name;
    MessageBar* m_message;
    QLineEdit* m_value;
    QPushButton* m_saveButton;
    QPushButton* m_resetButton;
    int m_job = 0;
};

} // namespace Samsa

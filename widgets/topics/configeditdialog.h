#pragma once

// Edit one config of a topic. librdkafka 2.0.2 offers only AlterConfigs, which replaces the
// topic's whole set of overrides, so the dialog says that the current overrides are read and sent
// again with the change (TopicActions::alterConfigs does that on its worker).

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
    ConfigEditDialog(TopicActions* actions, const QString& topic, const ConfigEntry& entry, QWidget* parent = nullptr);

Q_SIGNALS:
    void configChanged(const QString& topic, const QString& name);

private:
    void send(const QString& value); // a null value resets to the default

    TopicActions* m_actions;
    QString m_topic;
    QString m_name;
    MessageBar* m_message;
    QLineEdit* m_value;
    QPushButton* m_saveButton;
    QPushButton* m_resetButton;
    int m_job = 0;
};

} // namespace Samsa

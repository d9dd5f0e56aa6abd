#pragma once

// Create a topic: the name checked as it is typed (Kafka's rule, and the '.'/'_' metric-name
// collision), partitions, replication factor and config overrides as key=value rows. A config is
// chosen from the topic configs the broker reports ("createTopicConfigKey"), with its default,
// type and documentation shown ("createTopicConfigAbout"); values of known numeric or boolean
// configs are checked as typed; a name the broker did not list can still be typed, with a warning. Runs on the
// TopicActions worker; the broker's answer (or refusal) is shown in the dialog, which stays open
// on failure so that nothing typed is lost.

#include "clustertypes.h"
#include "topics/topicadmintypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Samsa {

class MessageBar;
class TopicActions;

class CreateTopicDialog : public QDialog {
    Q_OBJECT
public:
    CreateTopicDialog(TopicActions* actions, QWidget* parent = nullptr);

    // What the form describes now; *error set (and an empty spec) when it is not valid.
    NewTopicSpec spec(QString* error) const;

Q_SIGNALS:
    void topicCreated(const QString& name);

protected:
    // Return in the config name or value adds the override; it must not reach the dialog, whose
    // default button would create the topic half-typed.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void validate();
    void create();
    void addConfigRow(const QString& key = {}, const QString& value = {});
    void addChosenConfig();
    void showCatalog(const ConfigResult& result);
    void describeChosenConfig();
    const ConfigEntry* catalogEntry(const QString& name) const;

    TopicActions* m_actions;
    MessageBar* m_message;
    QLineEdit* m_name;
    QLabel* m_nameHint;
    QSpinBox* m_partitions;
    QSpinBox* m_replication;
    QTableWidget* m_configs;
    QComboBox* m_configKey;
    QLineEdit* m_configValue;
    QLabel* m_configAbout;
    QLabel* m_configWarning;
    QList<ConfigEntry> m_catalog; // the broker's topic configs, empty until (or unless) they came
    int m_catalogJob = 0;
    QPushButton* m_createButton;
    int m_job = 0;
};

} // namespace Samsa

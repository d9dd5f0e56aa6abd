#include "configeditdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Samsa {

ConfigSource ConfigEditDialog::ownLevel(ConfigResourceType type)
{
    return type == ConfigResourceType::Topic ? ConfigSource::DynamicTopic : ConfigSource::DynamicBroker;
}

ConfigEditDialog::ConfigEditDialog(
    TopicActions* actions, const ConfigResource& resource, const ConfigEntry& entry, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_resource(resource)
    , m_name(entry.name)
    , m_message(new MessageBar(this))
    , m_value(new QLineEdit(entry.value, this))
    , m_saveButton(new QPushButton(tr("Save"), this))
    , m_resetButton(new QPushButton(tr("Reset to Default"), this))
{
    const bool isTopic = resource.type == ConfigResourceType::Topic;
    const QString owner = isTopic ? resource.name : tr("broker %1").arg(resource.name);
    setWindowTitle(tr("Edit %1 of %2").arg(entry.name, owner));
    setMinimumWidth(520);
    m_message->setObjectName(QStringLiteral("configEditMessage"));
    m_value->setObjectName(QStringLiteral("configEditValue"));
    m_saveButton->setObjectName(QStringLiteral("configEditSave"));
    m_resetButton->setObjectName(QStringLiteral("configEditReset"));
    const bool isOverride = entry.source == ownLevel(resource.type);
    m_resetButton->setEnabled(isOverride);
    if (isTopic)
        m_resetButton->setToolTip(isOverride ? tr("Remove this topic's override: the broker's value applies again")
                                             : tr("This config is not overridden for the topic"));
    else
        m_resetButton->setToolTip(isOverride ? tr("Remove the dynamic value: the broker's static or built-in value "
                                                  "applies again")
                                             : tr("This config is not set dynamically on the broker"));

    auto* form = new QFormLayout;
    form->addRow(tr("Config:"), new QLabel(entry.name, this));
    form->addRow(tr("Now:"),
        new QLabel(isOverride ? (isTopic ? tr("%1 (this topic's override)") : tr("%1 (set dynamically)")).arg(entry.value)
                              : entry.source == ConfigSource::Default
                                  ? tr("%1 (the default)").arg(entry.value)
                                  : tr("%1 (from %2)").arg(entry.value, configSourceName(entry.source)),
            this));
    auto* defaultLabel = new QLabel(entry.defaultValue.isNull() ? tr("not known") : entry.defaultValue, this);
    defaultLabel->setObjectName(QStringLiteral("configEditDefault"));
    defaultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Default:"), defaultLabel);
    if (!entry.documentation.isEmpty()) {
        auto* documentation = new QLabel(entry.documentation, this);
        documentation->setObjectName(QStringLiteral("configEditDocumentation"));
        documentation->setWordWrap(true);
        form->addRow(tr("About:"), documentation);
    }
    form->addRow(tr("New value:"), m_value);
    auto* note = new QLabel(isTopic
            ? tr("The cluster is changed with AlterConfigs, which replaces all of the topic's overrides at "
                 "once (librdkafka 2.0.2 has no incremental change). Samsa reads the current overrides and "
                 "sends them all with this change; a change someone else makes in between is lost.")
            : tr("The broker is changed with AlterConfigs, which replaces all of its dynamic configs at once "
                 "(librdkafka 2.0.2 has no incremental change). Samsa reads the current dynamic configs and "
                 "sends them all with this change; a change someone else makes in between is lost."),
        this);
    note->setObjectName(QStringLiteral("configEditNote"));
    note->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_resetButton, QDialogButtonBox::ResetRole);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { send(m_value->text()); });
    connect(m_resetButton, &QPushButton::clicked, this, [this] { send(QString()); });
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job != m_job)
            return;
        m_job = 0;
        m_saveButton->setEnabled(true);
        if (!result.ok()) {
            m_message->showError(tr("Not changed: %1").arg(result.failures().join(QLatin1Char('\n'))));
            return;
        }
        Q_EMIT configChanged(m_resource.name, m_name);
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void ConfigEditDialog::send(const QString& value)
{
    if (!value.isNull() && value.isEmpty()) {
        m_message->showError(tr("Enter a value, or use Reset to Default."));
        return;
    }
    m_message->clearMessage();
    m_saveButton->setEnabled(false);
    m_job = m_actions->alterConfigs(m_resource, { { m_name, value } });
}

} // namespace Samsa

#include "createtopicdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"
#include "topics/configvaluecheck.h"
#include "topics/topicname.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Samsa {

CreateTopicDialog::CreateTopicDialog(TopicActions* actions, QWidget* parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_message(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_nameHint(new QLabel(this))
    , m_partitions(new QSpinBox(this))
    , m_replication(new QSpinBox(this))
    , m_configs(new QTableWidget(0, 2, this))
    , m_configKey(new QComboBox(this))
    , m_configValue(new QLineEdit(this))
    , m_configAbout(new QLabel(this))
    , m_configWarning(new QLabel(this))
    , m_createButton(new QPushButton(tr("Create"), this))
{
    setWindowTitle(tr("Create topic"));
    setMinimumWidth(640); // room for config names and their documentation
    m_message->setObjectName(QStringLiteral("createTopicMessage"));
    m_name->setObjectName(QStringLiteral("createTopicName"));
    m_nameHint->setObjectName(QStringLiteral("createTopicNameHint"));
    m_partitions->setObjectName(QStringLiteral("createTopicPartitions"));
    m_replication->setObjectName(QStringLiteral("createTopicReplication"));
    m_configs->setObjectName(QStringLiteral("createTopicConfigs"));
    m_createButton->setObjectName(QStringLiteral("createTopicSubmit"));

    m_name->setPlaceholderText(tr("letters, digits, '.', '_' and '-'"));
    m_name->setMaxLength(TopicName::MaxLength + 1); // one more, so that the too-long message can show
    m_nameHint->setWordWrap(true);
    // 0 stands for "the broker's default" (-1 on the wire), shown as such.
    m_partitions->setRange(0, 100000);
    m_partitions->setSpecialValueText(tr("broker default"));
    m_partitions->setValue(1);
    m_replication->setRange(0, 32767);
    m_replication->setSpecialValueText(tr("broker default"));
    m_replication->setValue(0);

    m_configs->setHorizontalHeaderLabels({ tr("Config"), tr("Value") });
    m_configs->verticalHeader()->hide();
    m_configs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_configKey->setObjectName(QStringLiteral("createTopicConfigKey"));
    m_configKey->setEditable(true);
    m_configKey->setInsertPolicy(QComboBox::NoInsert);
    m_configKey->setMinimumContentsLength(28);
    m_configKey->lineEdit()->setPlaceholderText(tr("loading the broker's topic configs…"));
    m_configValue->setObjectName(QStringLiteral("createTopicConfigValue"));
    m_configAbout->setObjectName(QStringLiteral("createTopicConfigAbout"));
    m_configAbout->setWordWrap(true);
    m_configAbout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_configWarning->setObjectName(QStringLiteral("createTopicConfigWarning"));
    m_configWarning->setWordWrap(true);
    m_configWarning->hide();
    connect(m_configKey, &QComboBox::currentTextChanged, this, &CreateTopicDialog::describeChosenConfig);
    m_configValue->installEventFilter(this);
    // The combo box gets the keys typed in its line edit (its focus proxy) and passes them on directly.
    m_configKey->installEventFilter(this);
    m_configKey->lineEdit()->installEventFilter(this);
    auto* addConfig = new QPushButton(tr("Add Override"), this);
    addConfig->setObjectName(QStringLiteral("createTopicAddConfig"));
    addConfig->setAutoDefault(false);
    auto* removeConfig = new QPushButton(tr("Remove"), this);
    removeConfig->setObjectName(QStringLiteral("createTopicRemoveConfig"));
    connect(addConfig, &QPushButton::clicked, this, &CreateTopicDialog::addChosenConfig);
    connect(removeConfig, &QPushButton::clicked, this, [this] {
        if (m_configs->currentRow() >= 0)
            m_configs->removeRow(m_configs->currentRow());
        validate();
    });
    connect(m_configs, &QTableWidget::itemChanged, this, &CreateTopicDialog::validate);

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_nameHint);
    form->addRow(tr("Partitions:"), m_partitions);
    form->addRow(tr("Replication factor:"), m_replication);
    auto* picker = new QHBoxLayout;
    picker->addWidget(m_configKey, 2);
    picker->addWidget(new QLabel(QStringLiteral("="), this));
    picker->addWidget(m_configValue, 1);
    picker->addWidget(addConfig);
    auto* configButtons = new QHBoxLayout;
    configButtons->addWidget(m_configWarning, 1);
    configButtons->addStretch(0);
    configButtons->addWidget(removeConfig);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_createButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, &CreateTopicDialog::create);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Config overrides (everything else takes the broker's default):"), this));
    layout->addLayout(picker);
    layout->addWidget(m_configAbout);
    layout->addWidget(m_configs, 1);
    layout->addLayout(configButtons);
    layout->addWidget(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &CreateTopicDialog::validate);
    connect(m_actions, &TopicActions::finished, this, [this](int job, const TopicActionResult& result) {
        if (job != m_job)
            return;
        m_job = 0;
        m_createButton->setText(tr("Create"));
        validate();
        if (!result.ok()) {
            m_message->showError(tr("The topic was not created: %1").arg(result.failures().join(QLatin1Char('\n'))));
            return;
        }
        Q_EMIT topicCreated(result.topics.value(0).topic);
        accept();
    });
    connect(m_actions, &TopicActions::configsDescribed, this, [this](int job, const ConfigResult& result) {
        if (job == m_catalogJob)
            showCatalog(result);
    });
    m_catalogJob = m_actions->describeTopicConfigCatalog();
    validate();
}

bool CreateTopicDialog::eventFilter(QObject* watched, QEvent* event)
{
    if ((watched == m_configValue || watched == m_configKey || watched == m_configKey->lineEdit())
        && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (watched == m_configValue)
                addChosenConfig();
            else
                m_configValue->setFocus();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CreateTopicDialog::showCatalog(const ConfigResult& result)
{
    m_catalogJob = 0;
    m_configKey->lineEdit()->setPlaceholderText(tr("config name"));
    if (!result.error.isEmpty()) {
        m_configAbout->setText(tr("The broker's topic configs could not be read (%1): type a config name.")
                                   .arg(result.error));
        return;
    }
    m_catalog = result.entries;
    const QString typed = m_configKey->currentText();
    m_configKey->clear();
    for (const ConfigEntry& entry : std::as_const(m_catalog))
        m_configKey->addItem(entry.name);
    m_configKey->setCurrentIndex(-1);
    m_configKey->setEditText(typed);
    describeChosenConfig();
    validate();
}

const ConfigEntry* CreateTopicDialog::catalogEntry(const QString& name) const
{
    const auto found = std::find_if(
        m_catalog.cbegin(), m_catalog.cend(), [&name](const ConfigEntry& entry) { return entry.name == name; });
    return found == m_catalog.cend() ? nullptr : &*found;
}

void CreateTopicDialog::describeChosenConfig()
{
    const QString name = m_configKey->currentText().trimmed();
    const ConfigEntry* entry = catalogEntry(name);
    if (name.isEmpty()) {
        m_configAbout->setText(m_catalog.isEmpty() ? QString()
                                                   : tr("Choose one of the %n topic configs the broker reports.", "",
                                                         int(m_catalog.size())));
        m_configValue->setPlaceholderText(QString());
        return;
    }
    if (!entry) {
        m_configAbout->setText(m_catalog.isEmpty()
                ? QString()
                : tr("%1 is not among the topic configs the broker reports: it will probably refuse it.").arg(name));
        m_configValue->setPlaceholderText(QString());
        return;
    }
    const QString type = ConfigValueCheck::typeName(entry->type);
    QString about = QStringLiteral("<b>%1</b>").arg(entry->name.toHtmlEscaped());
    if (!type.isEmpty())
        about += QStringLiteral(" (%1)").arg(type);
    about += QStringLiteral(" · ") + tr("default: %1").arg(entry->defaultValue.toHtmlEscaped());
    if (!entry->documentation.isEmpty())
        about += QStringLiteral("<br>") + entry->documentation.toHtmlEscaped();
    m_configAbout->setText(about);
    m_configValue->setPlaceholderText(entry->defaultValue);
    m_configValue->setToolTip(entry->documentation);
}

void CreateTopicDialog::addChosenConfig()
{
    const QString name = m_configKey->currentText().trimmed();
    if (name.isEmpty()) {
        addConfigRow();
        return;
    }
    addConfigRow(name, m_configValue->text());
    m_configValue->clear();
    m_configKey->setCurrentIndex(-1);
    m_configKey->setEditText(QString());
    m_configKey->setFocus();
}

void CreateTopicDialog::addConfigRow(const QString& key, const QString& value)
{
    const int row = m_configs->rowCount();
    m_configs->insertRow(row);
    m_configs->setItem(row, 0, new QTableWidgetItem(key));
    m_configs->setItem(row, 1, new QTableWidgetItem(value));
    m_configs->setCurrentCell(row, 0);
    if (key.isEmpty())
        m_configs->editItem(m_configs->item(row, 0));
    validate();
}

NewTopicSpec CreateTopicDialog::spec(QString* error) const
{
    error->clear();
    NewTopicSpec spec;
    spec.name = m_name->text();
    const QString problem = TopicName::problem(spec.name);
    if (!problem.isEmpty()) {
        *error = problem;
        return {};
    }
    spec.partitions = m_partitions->value() == 0 ? -1 : m_partitions->value();
    spec.replicationFactor = m_replication->value() == 0 ? -1 : m_replication->value();
    for (int row = 0; row < m_configs->rowCount(); ++row) {
        const QString key = m_configs->item(row, 0) ? m_configs->item(row, 0)->text().trimmed() : QString();
        const QString value = m_configs->item(row, 1) ? m_configs->item(row, 1)->text() : QString();
        if (key.isEmpty()) {
            if (!value.isEmpty()) {
                *error = tr("Config override %1 has a value but no name.").arg(row + 1);
                return {};
            }
            continue; // an empty row is ignored
        }
        for (const auto& existing : std::as_const(spec.configs)) {
            if (existing.first == key) {
                *error = tr("Config %1 is given twice.").arg(key);
                return {};
            }
        }
        if (const ConfigEntry* known = catalogEntry(key)) {
            const QString valueProblem = ConfigValueCheck::problem(known->type, value);
            if (!valueProblem.isEmpty()) {
                *error = tr("%1: %2").arg(key, valueProblem);
                return {};
            }
        }
        spec.configs.append({ key, value });
    }
    return spec;
}

void CreateTopicDialog::validate()
{
    QString error;
    spec(&error);
    const QString name = m_name->text();
    // A problem of the name shows under the name, one of the overrides under the overrides.
    const QString nameError = TopicName::problem(name);
    const QString configError = nameError.isEmpty() ? error : QString();
    if (name.isEmpty())
        m_nameHint->setText(tr("1 to 249 characters: letters a-z and A-Z, digits, '.', '_' and '-'."));
    else
        m_nameHint->setText(!nameError.isEmpty() ? nameError : TopicName::collisionWarning(name));
    m_nameHint->setProperty("problem", !nameError.isEmpty() && !name.isEmpty());
    m_createButton->setEnabled(error.isEmpty() && m_job == 0);
    // Names the broker did not list are allowed (a newer broker may know them) but warned about.
    QStringList unknown;
    for (int row = 0; !m_catalog.isEmpty() && row < m_configs->rowCount(); ++row) {
        const QString key = m_configs->item(row, 0) ? m_configs->item(row, 0)->text().trimmed() : QString();
        if (!key.isEmpty() && !catalogEntry(key))
            unknown.append(key);
    }
    QStringList lines;
    if (!configError.isEmpty())
        lines.append(configError);
    if (!unknown.isEmpty())
        lines.append(tr("Not a topic config the broker reports: %1. It will probably refuse the topic.")
                         .arg(unknown.join(QStringLiteral(", "))));
    m_configWarning->setText(lines.join(QLatin1Char('\n')));
    m_configWarning->setVisible(!lines.isEmpty());
}

void CreateTopicDialog::create()
{
    QString error;
    const NewTopicSpec topic = spec(&error);
    if (!error.isEmpty()) {
        m_message->showError(error);
        return;
    }
    m_message->clearMessage();
    m_job = m_actions->createTopics({ topic });
    m_createButton->setEnabled(false);
    m_createButton->setText(tr("Creating…"));
}

} // namespace Samsa

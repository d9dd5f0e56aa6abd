#include "createtopicdialog.h"

#include "common/messagebar.h"
#include "topics/topicactions.h"
#include "topics/topicname.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
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
    , m_createButton(new QPushButton(tr("Create"), this))
{
    setWindowTitle(tr("Create topic"));
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
    auto* addConfig = new QPushButton(tr("Add Override"), this);
    addConfig->setObjectName(QStringLiteral("createTopicAddConfig"));
    auto* removeConfig = new QPushButton(tr("Remove"), this);
    removeConfig->setObjectName(QStringLiteral("createTopicRemoveConfig"));
    connect(addConfig, &QPushButton::clicked, this, [this] { addConfigRow(); });
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
    auto* configButtons = new QHBoxLayout;
    configButtons->addWidget(addConfig);
    configButtons->addWidget(removeConfig);
    configButtons->addStretch(1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_createButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_createButton, &QPushButton::clicked, this, &CreateTopicDialog::create);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Config overrides (everything else takes the broker's default):"), this));
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
    validate();
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
        spec.configs.append({ key, value });
    }
    return spec;
}

void CreateTopicDialog::validate()
{
    QString error;
    spec(&error);
    const QString name = m_name->text();
    const QString warning = error.isEmpty() ? TopicName::collisionWarning(name) : QString();
    if (name.isEmpty())
        m_nameHint->setText(tr("1 to 249 characters: letters a-z and A-Z, digits, '.', '_' and '-'."));
    else
        m_nameHint->setText(!error.isEmpty() ? error : warning);
    m_nameHint->setProperty("problem", !error.isEmpty() && !name.isEmpty());
    m_createButton->setEnabled(error.isEmpty() && m_job == 0);
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

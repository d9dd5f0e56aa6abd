#include "avroschemapicker.h"

#include "registry/schemaregistryclient.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Samsa {

namespace {

// The full name of a record schema ("namespace.name"), empty for other schemas.
QString recordFullName(const QByteArray& schema)
{
    const QJsonObject object = QJsonDocument::fromJson(schema).object();
    const QString name = object.value(QLatin1String("name")).toString();
    if (name.isEmpty() || name.contains(QLatin1Char('.')))
        return name;
    const QString space = object.value(QLatin1String("namespace")).toString();
    return space.isEmpty() ? name : space + QLatin1Char('.') + name;
}

} // namespace

AvroSchemaPicker::AvroSchemaPicker(SchemaRegistryClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_strategy(new QComboBox(this))
    , m_subject(new QComboBox(this))
    , m_version(new QComboBox(this))
    , m_status(new QLabel(this))
{
    m_strategy->setObjectName(QStringLiteral("produceSubjectStrategy"));
    m_subject->setObjectName(QStringLiteral("produceSubject"));
    m_version->setObjectName(QStringLiteral("produceSchemaVersion"));
    m_status->setObjectName(QStringLiteral("produceSchemaStatus"));
    for (SubjectNameStrategy value :
        { SubjectNameStrategy::TopicName, SubjectNameStrategy::RecordName, SubjectNameStrategy::TopicRecordName })
        m_strategy->addItem(subjectNameStrategyName(value), int(value));
    m_subject->setEditable(true);
    m_subject->setInsertPolicy(QComboBox::NoInsert);
    m_subject->setMinimumContentsLength(24);
    m_subject->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_strategy);
    row->addWidget(m_subject, 1);
    row->addWidget(new QLabel(tr("Version:"), this));
    row->addWidget(m_version);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);

    if (!m_client) {
        setEnabled(false);
        m_status->setText(tr("This connection has no Schema Registry URL: add one in the connection's profile."));
        return;
    }
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &AvroSchemaPicker::fillSubjects);
    connect(m_subject->lineEdit(), &QLineEdit::editingFinished, this, &AvroSchemaPicker::chooseSubject);
    connect(m_subject, &QComboBox::activated, this, &AvroSchemaPicker::chooseSubject);
    connect(m_version, &QComboBox::activated, this, &AvroSchemaPicker::fetchSchema);
}

SubjectNameStrategy AvroSchemaPicker::strategy() const
{
    return SubjectNameStrategy(m_strategy->currentData().toInt());
}

QString AvroSchemaPicker::subject() const { return m_subject->currentText().trimmed(); }

QString AvroSchemaPicker::status() const { return m_status->text(); }

void AvroSchemaPicker::setTopic(const QString& topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    fillSubjects();
}

void AvroSchemaPicker::reload()
{
    if (!m_client)
        return;
    const int generation = ++m_generation;
    m_status->setText(tr("Listing subjects…"));
    m_client->listSubjects(false, [this, generation](const QStringList& subjects, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_status->setText(tr("The subjects could not be listed: %1").arg(error.message));
            return;
        }
        m_subjects = subjects;
        fillSubjects();
    });
}

void AvroSchemaPicker::fillSubjects()
{
    if (!m_client)
        return;
    const QString previous = subject();
    const QStringList candidates = candidateSubjects(strategy(), m_topic, m_subjects);
    {
        const QSignalBlocker blocker(m_subject);
        m_subject->clear();
        m_subject->addItems(candidates);
    }
    QString wanted = previous;
    if (wanted.isEmpty() || !candidates.contains(wanted) || strategy() == SubjectNameStrategy::TopicName)
        wanted = candidates.isEmpty() ? subjectName(strategy(), m_topic, {}) : candidates.first();
    m_subject->setCurrentText(wanted);
    if (!m_pendingVersion.isEmpty() || wanted != m_schema.subject)
        chooseSubject();
}

void AvroSchemaPicker::setSubject(const QString& subject, const QString& version)
{
    m_pendingVersion = version;
    m_subject->setCurrentText(subject);
    chooseSubject();
}

void AvroSchemaPicker::chooseSubject()
{
    const QString name = subject();
    const int generation = ++m_generation;
    m_version->clear();
    m_schema = {};
    m_loading = true;
    if (name.isEmpty()) {
        m_loading = false;
        m_status->setText(tr("Choose the subject of the value's schema."));
        Q_EMIT schemaChanged();
        return;
    }
    m_status->setText(tr("Reading the versions of %1…").arg(name));
    Q_EMIT schemaChanged();
    m_client->listVersions(name, false, [this, generation, name](const QList<int>& versions, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_loading = false;
            m_status->setText(error.errorCode == RegistryErrorCode::SubjectNotFound
                    ? tr("No subject %1 in the registry: register its schema on the Schema Registry page.").arg(name)
                    : tr("The versions of %1 could not be listed: %2").arg(name, error.message));
            Q_EMIT schemaChanged();
            return;
        }
        m_version->addItem(tr("latest"), QStringLiteral("latest"));
        QList<int> sorted = versions;
        std::sort(sorted.begin(), sorted.end(), std::greater<int>());
        for (int version : sorted)
            m_version->addItem(QString::number(version), QString::number(version));
        const int wanted = m_version->findData(m_pendingVersion);
        m_version->setCurrentIndex(wanted >= 0 ? wanted : 0);
        m_pendingVersion.clear();
        fetchSchema();
    });
}

void AvroSchemaPicker::fetchSchema()
{
    const QString name = subject();
    const QString version = m_version->currentData().toString();
    if (name.isEmpty() || version.isEmpty())
        return;
    const int generation = ++m_generation;
    m_schema = {};
    m_loading = true;
    m_status->setText(tr("Reading the schema…"));
    Q_EMIT schemaChanged();
    m_client->fetchVersion(name, version, false, [this, generation](const SchemaVersion& answer, const RegistryError& error) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (error.isError()) {
            m_status->setText(tr("The schema could not be read: %1").arg(error.message));
        } else if (answer.schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0) {
            m_status->setText(tr("%1 version %2 is a %3 schema, not Avro.").arg(answer.subject).arg(answer.version).arg(answer.schemaType));
        } else {
            m_schema = answer;
            checkStrategy();
        }
        Q_EMIT schemaChanged();
    });
}

void AvroSchemaPicker::checkStrategy()
{
    QString text = tr("%1 version %2, schema id %3").arg(m_schema.subject).arg(m_schema.version).arg(m_schema.id);
    const QString record = recordFullName(m_schema.schema);
    const QString expected = subjectName(strategy(), m_topic, record);
    // Consumers derive the subject from the strategy; another subject works but surprises them.
    if (!expected.isEmpty() && expected != m_schema.subject)
        text += tr(" — note: under %1 the record %2 on topic %3 belongs to subject %4")
                    .arg(subjectNameStrategyName(strategy()), record, m_topic, expected);
    m_status->setText(text);
}

} // namespace Samsa

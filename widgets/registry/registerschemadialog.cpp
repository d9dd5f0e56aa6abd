#include "registerschemadialog.h"

#include "common/jsonhighlighter.h"
#include "produce/producepayload.h"
#include "registry/localcompatibility.h"
#include "registry/schemaregistryclient.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Samsa {

namespace {

QString versionList(const QList<int>& versions)
{
    QStringList numbers;
    for (int version : versions)
        numbers.append(QString::number(version));
    return numbers.join(QStringLiteral(", "));
}

} // namespace

RegisterSchemaDialog::RegisterSchemaDialog(SchemaRegistryClient* client, const Setup& setup, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_subject(new QLineEdit(setup.subject, this))
    , m_editor(new QPlainTextEdit(setup.schemaText, this))
    , m_status(new QLabel(this))
    , m_problems(new QListWidget(this))
    , m_check(new QPushButton(tr("Check Compatibility"), this))
    , m_register(new QPushButton(tr("Register"), this))
{
    setObjectName(QStringLiteral("registerSchemaDialog"));
    setWindowTitle(setup.subjectEditable ? tr("Register Schema") : tr("Register New Version of %1").arg(setup.subject));
    m_subject->setObjectName(QStringLiteral("registerSubject"));
    m_editor->setObjectName(QStringLiteral("registerEditor"));
    m_status->setObjectName(QStringLiteral("registerStatus"));
    m_problems->setObjectName(QStringLiteral("registerProblems"));
    m_check->setObjectName(QStringLiteral("checkButton"));
    m_register->setObjectName(QStringLiteral("registerButton"));

    m_subject->setReadOnly(!setup.subjectEditable);
    m_subject->setPlaceholderText(tr("orders-value"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(false);
    m_checkedText = setup.schemaText;
    m_checkedSubject = setup.subject.trimmed();
    new JsonHighlighter(m_editor->document());
    m_status->setWordWrap(true);
    m_problems->setWordWrap(true);
    m_problems->setSelectionMode(QAbstractItemView::ExtendedSelection); // so problems can be copied
    m_register->setEnabled(false);
    m_register->setToolTip(tr("Enabled once the registry has accepted the schema as it stands"));

    auto* form = new QFormLayout;
    form->addRow(tr("Subject:"), m_subject);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_check, QDialogButtonBox::ActionRole);
    buttons->addButton(m_register, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Avro schema:"), this));
    layout->addWidget(m_editor, 3);
    layout->addWidget(m_status);
    layout->addWidget(m_problems, 2);
    layout->addWidget(buttons);
    resize(760, 640);

    m_status->setText(tr("Edit the schema, then check it against the subject's compatibility level."));
    connect(m_check, &QPushButton::clicked, this, &RegisterSchemaDialog::check);
    connect(m_register, &QPushButton::clicked, this, &RegisterSchemaDialog::registerSchema);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto changed = [this] {
        // textChanged also fires when the highlighter recolours: only a real edit voids a check.
        if (m_editor->toPlainText() == m_checkedText && subjectName() == m_checkedSubject)
            return;
        m_checkedText = m_editor->toPlainText();
        m_checkedSubject = subjectName();
        ++m_generation; // a check of the old text no longer counts
        m_register->setEnabled(false);
        m_check->setEnabled(true);
        if (!m_problems->count() && m_acceptedSchema.isEmpty())
            return;
        m_acceptedSchema.clear();
        m_status->setText(tr("Changed since the last check."));
    };
    connect(m_editor, &QPlainTextEdit::textChanged, this, changed);
    connect(m_subject, &QLineEdit::textChanged, this, changed);
}

QString RegisterSchemaDialog::subjectName() const { return m_subject->text().trimmed(); }

void RegisterSchemaDialog::setBusy(const QString& status)
{
    m_status->setText(status);
    m_register->setEnabled(false);
}

void RegisterSchemaDialog::addHeading(const QString& text)
{
    auto* item = new QListWidgetItem(text, m_problems);
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    item->setFlags(Qt::ItemIsEnabled);
}

void RegisterSchemaDialog::addProblem(const QString& text) { new QListWidgetItem(text, m_problems); }

void RegisterSchemaDialog::check()
{
    const int generation = ++m_generation;
    m_problems->clear();
    m_acceptedSchema.clear();
    m_fetched.clear();
    m_fetchErrors.clear();
    m_localProblems.clear();
    m_localError.clear();
    m_registryCheck = {};
    m_registryError = {};
    m_localDone = false;
    m_registryDone = false;
    m_schemaType = QStringLiteral("AVRO");
    if (subjectName().isEmpty()) {
        setBusy(tr("Name the subject first."));
        return;
    }
    m_checkedText = m_editor->toPlainText();
    m_checkedSubject = subjectName();
    const PayloadResult json = encodeJsonPayload(m_checkedText);
    if (!json.ok()) {
        setBusy(tr("The schema is not valid JSON."));
        addProblem(json.error);
        return;
    }
    m_schema = json.bytes;
    setBusy(tr("Checking…"));
    m_check->setEnabled(false);
    const QString subject = subjectName();
    m_client->fetchCompatibility(subject, [this, generation, subject](const CompatibilityLevel& level, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_check->setEnabled(true);
            setBusy(tr("The compatibility level could not be read."));
            addProblem(error.message);
            return;
        }
        m_client->listVersions(subject, false,
            [this, generation, level = level.level](const QList<int>& live, const RegistryError& listError) {
                if (generation != m_generation)
                    return;
                if (listError.isError() && listError.errorCode != RegistryErrorCode::SubjectNotFound) {
                    m_check->setEnabled(true);
                    setBusy(tr("The subject's versions could not be listed."));
                    addProblem(listError.message);
                    return;
                }
                QList<int> sorted = listError.isError() ? QList<int>() : live;
                std::sort(sorted.begin(), sorted.end());
                checkAgainst(level, sorted);
            });
    });
}

void RegisterSchemaDialog::checkAgainst(const QString& level, const QList<int>& liveVersions)
{
    const int generation = m_generation;
    const QString subject = subjectName();
    m_level = level;
    m_checkVersions = versionsToCheck(level, liveVersions);
    m_pendingFetches = int(m_checkVersions.size());
    for (int version : std::as_const(m_checkVersions)) {
        m_client->fetchVersion(subject, QString::number(version), false,
            [this, generation, version](const SchemaVersion& answer, const RegistryError& error) {
                if (generation != m_generation)
                    return;
                if (error.isError())
                    m_fetchErrors.append(tr("version %1 could not be read: %2").arg(version).arg(error.message));
                else
                    m_fetched.insert(version, answer);
                if (--m_pendingFetches == 0)
                    runLocalCheck();
            });
    }
    if (m_pendingFetches == 0)
        runLocalCheck();

    m_client->checkCompatibility(subject, QStringLiteral("latest"), m_schema,
        [this, generation](const CompatibilityCheck& result, const RegistryError& error) {
            if (generation != m_generation)
                return;
            m_registryCheck = result;
            m_registryError = error;
            m_registryDone = true;
            finishCheck();
        });
}

void RegisterSchemaDialog::runLocalCheck()
{
    QList<QByteArray> existing;
    for (int version : std::as_const(m_checkVersions)) {
        if (!m_fetched.contains(version))
            continue;
        const SchemaVersion& schema = m_fetched[version];
        if (!schema.schemaType.isEmpty() && schema.schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0)
            m_schemaType = schema.schemaType;
        existing.append(schema.schema);
    }
    if (m_schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) == 0) {
        const LocalCompatibilityResult result = checkCompatibilityLocally(m_level, m_schema, existing);
        m_localError = result.schemaError;
        m_localProblems = result.problems;
        for (const QString& skipped : result.skipped)
            m_fetchErrors.append(tr("an existing version is not a schema this check can read: %1").arg(skipped));
    }
    m_localDone = true;
    finishCheck();
}

void RegisterSchemaDialog::finishCheck()
{
    if (!m_localDone || !m_registryDone)
        return;
    m_check->setEnabled(true);
    m_problems->clear();

    const QString against = m_checkVersions.isEmpty()
        ? tr("nothing to check against")
        : tr("against version(s) %1").arg(versionList(m_checkVersions));
    if (m_schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0) {
        addHeading(tr("Checked here: skipped (%1 schemas are checked by the registry only)").arg(m_schemaType));
    } else if (!m_localError.isEmpty()) {
        addHeading(tr("Checked here: not a valid Avro schema"));
        addProblem(m_localError);
    } else if (m_localProblems.isEmpty()) {
        addHeading(tr("Checked here (%1, %2): compatible").arg(m_level, against));
    } else {
        addHeading(tr("Checked here (%1, %2): %n problem(s)", nullptr, int(m_localProblems.size())).arg(m_level, against));
        for (const QString& problem : std::as_const(m_localProblems))
            addProblem(problem);
    }
    for (const QString& error : std::as_const(m_fetchErrors))
        addProblem(error);

    if (m_registryError.isError()) {
        addHeading(tr("Schema Registry: the check failed"));
        addProblem(m_registryError.message);
    } else if (m_registryCheck.compatible) {
        addHeading(m_registryCheck.subjectIsNew ? tr("Schema Registry: compatible (a new subject)")
                                                : tr("Schema Registry: compatible"));
    } else {
        addHeading(tr("Schema Registry: incompatible"));
        for (const QString& message : std::as_const(m_registryCheck.messages))
            addProblem(message);
        if (m_registryCheck.messages.isEmpty())
            addProblem(tr("(the registry gave no reasons)"));
    }

    const bool accepted = !m_registryError.isError() && m_registryCheck.compatible;
    if (accepted)
        m_acceptedSchema = m_schema;
    m_register->setEnabled(accepted);
    if (!accepted)
        m_status->setText(tr("Not registered: fix the problems below and check again."));
    else if (!m_localProblems.isEmpty() || !m_localError.isEmpty())
        m_status->setText(tr("The registry accepts this schema, although the check here found problems."));
    else
        m_status->setText(tr("Compatible. Register it as the next version of %1.").arg(subjectName()));
}

void RegisterSchemaDialog::registerSchema()
{
    if (m_acceptedSchema.isEmpty())
        return;
    const int generation = m_generation;
    const QString subject = subjectName();
    setBusy(tr("Registering…"));
    m_check->setEnabled(false);
    m_client->registerSchema(subject, m_acceptedSchema, m_schemaType, {}, [this, generation, subject](int id, const RegistryError& error) {
        if (generation != m_generation)
            return;
        m_check->setEnabled(true);
        if (error.isError()) {
            m_status->setText(tr("The registry refused the schema."));
            m_problems->clear();
            addHeading(tr("Schema Registry: not registered"));
            addProblem(error.message);
            return;
        }
        Q_EMIT registered(subject, id);
        accept();
    });
}

} // namespace Samsa

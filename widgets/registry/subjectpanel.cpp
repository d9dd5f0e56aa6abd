#include "subjectpanel.h"

#include "common/datatableview.h"
#include "common/jsonhighlighter.h"
#include "common/messagebar.h"
#include "compatibilitycombo.h"
#include "decoding/jsontext.h"
#include "registerschemadialog.h"
#include "registry/schemaregistryclient.h"
#include "registry/schemaversionsmodel.h"
#include "schemadiffview.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Samsa {

QString prettySchema(const QByteArray& schema)
{
    const JsonText::Result pretty = JsonText::normalize(schema, true);
    return QString::fromUtf8(pretty.ok ? pretty.json : schema);
}

SubjectPanel::SubjectPanel(SchemaRegistryClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_message(new MessageBar(this))
    , m_title(new QLabel(this))
    , m_compatibility(new CompatibilityCombo(this))
    , m_register(new QPushButton(tr("Register New Version…"), this))
    , m_delete(new QToolButton(this))
    , m_model(new SchemaVersionsModel(this))
    , m_versionsView(new DataTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_schemaInfo(new QLabel(this))
    , m_schemaText(new QPlainTextEdit(this))
    , m_diff(new SchemaDiffView(this))
{
    m_message->setObjectName(QStringLiteral("subjectMessage"));
    m_title->setObjectName(QStringLiteral("subjectTitle"));
    m_compatibility->setObjectName(QStringLiteral("subjectCompatibility"));
    m_register->setObjectName(QStringLiteral("registerVersionButton"));
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_versionsView->setObjectName(QStringLiteral("versionsView"));
    m_tabs->setObjectName(QStringLiteral("subjectTabs"));
    m_schemaInfo->setObjectName(QStringLiteral("schemaInfo"));
    m_schemaText->setObjectName(QStringLiteral("schemaText"));
    m_diff->setObjectName(QStringLiteral("schemaDiff"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compatibility->setInheritOption(true);
    m_compatibility->setToolTip(tr("Compatibility level of this subject; “Global” follows the registry's level"));

    auto* deleteMenu = new QMenu(m_delete);
    deleteMenu->setToolTipsVisible(true);
    m_softDeleteVersion = deleteMenu->addAction(QString(), this, [this] { confirmDelete(false, false); });
    m_hardDeleteVersion = deleteMenu->addAction(QString(), this, [this] { confirmDelete(false, true); });
    deleteMenu->addSeparator();
    m_softDeleteSubject = deleteMenu->addAction(tr("Soft-Delete Subject…"), this, [this] { confirmDelete(true, false); });
    m_hardDeleteSubject
        = deleteMenu->addAction(tr("Delete Subject Permanently…"), this, [this] { confirmDelete(true, true); });
    m_softDeleteVersion->setObjectName(QStringLiteral("softDeleteVersionAction"));
    m_hardDeleteVersion->setObjectName(QStringLiteral("hardDeleteVersionAction"));
    m_softDeleteSubject->setObjectName(QStringLiteral("softDeleteSubjectAction"));
    m_hardDeleteSubject->setObjectName(QStringLiteral("hardDeleteSubjectAction"));
    m_delete->setText(tr("Delete"));
    m_delete->setMenu(deleteMenu);
    m_delete->setPopupMode(QToolButton::InstantPopup);
    m_delete->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_versionsView->setModel(m_model);
    m_versionsView->setSortingEnabled(false);
    m_versionsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_versionsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_versionsView->horizontalHeader()->setStretchLastSection(true);
    m_versionsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_schemaText->setReadOnly(true);
    m_schemaText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_schemaText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_schemaText->document());
    m_schemaInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* schemaPage = new QWidget(this);
    auto* schemaLayout = new QVBoxLayout(schemaPage);
    schemaLayout->setContentsMargins(0, 4, 0, 0);
    schemaLayout->addWidget(m_schemaInfo);
    schemaLayout->addWidget(m_schemaText, 1);
    m_tabs->addTab(schemaPage, tr("Schema"));
    m_tabs->addTab(m_diff, tr("Compare Versions"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(new QLabel(tr("Compatibility:"), this));
    header->addWidget(m_compatibility);
    header->addSpacing(12);
    header->addWidget(m_register);
    header->addWidget(m_delete);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_versionsView);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 240, 700 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);

    connect(m_versionsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            showVersion(m_model->versionAt(current.row()));
            updateActions();
        });
    connect(m_compatibility, &CompatibilityCombo::levelChosen, this, &SubjectPanel::chooseCompatibility);
    connect(m_register, &QPushButton::clicked, this, [this] { openRegisterDialog(); });
    connect(m_diff, &SchemaDiffView::schemaNeeded, this, [this](int version) {
        if (m_versions.contains(version))
            m_diff->setSchema(version, prettySchema(m_versions.value(version).schema));
        else
            fetchVersion(version);
    });
    showSubject({});
}

void SubjectPanel::setGlobalCompatibility(const QString& level)
{
    m_globalLevel = level;
    m_compatibility->setInheritOption(true, level);
    if (m_levelInherited)
        m_level = level;
}

void SubjectPanel::showSubject(const QString& subject)
{
    if (subject != m_subject) {
        m_subject = subject;
        m_pendingSelect = -1;
        m_model->clear();
        m_diff->clear();
        m_schemaText->clear();
        m_schemaInfo->clear();
        m_message->clearMessage();
    }
    reload();
}

void SubjectPanel::reload()
{
    ++m_generation;
    m_versions.clear();
    m_errors.clear();
    m_diff->clear();
    const bool any = !m_subject.isEmpty();
    m_title->setText(any ? m_subject : tr("Select a subject"));
    m_compatibility->setEnabled(any);
    if (!any) {
        m_model->clear();
        updateActions();
        return;
    }
    loadCompatibility();
    loadVersions();
    updateActions();
}

void SubjectPanel::loadCompatibility()
{
    const int generation = m_generation;
    m_client->fetchCompatibility(m_subject, [this, generation](const CompatibilityLevel& level, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_message->showError(tr("Compatibility of “%1” could not be read: %2").arg(m_subject, error.message));
            return;
        }
        m_level = level.level;
        m_levelInherited = level.inherited;
        m_compatibility->setLevel(level.inherited ? QString() : level.level);
    });
}

void SubjectPanel::loadVersions()
{
    const int generation = m_generation;
    m_client->listVersions(m_subject, true, [this, generation](const QList<int>& all, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_model->clear();
            updateActions();
            if (error.errorCode == RegistryErrorCode::SubjectNotFound)
                m_message->showMessage(tr("Subject “%1” does not exist (any more).").arg(m_subject), MessageBar::Kind::Warning);
            else
                m_message->showError(tr("Versions of “%1” could not be listed: %2").arg(m_subject, error.message));
            return;
        }
        m_client->listVersions(m_subject, false, [this, generation, all](const QList<int>& live, const RegistryError& liveError) {
            if (generation != m_generation)
                return;
            // Every version soft-deleted: the registry says the subject is not found.
            if (liveError.isError() && liveError.errorCode != RegistryErrorCode::SubjectNotFound) {
                m_message->showError(tr("Versions of “%1” could not be listed: %2").arg(m_subject, liveError.message));
                return;
            }
            const QList<int> liveList = liveError.isError() ? QList<int>() : live;
            m_model->setVersions(all, liveList);
            QList<int> sorted = all;
            std::sort(sorted.begin(), sorted.end());
            m_diff->setVersions(sorted);
            for (int version : sorted)
                fetchVersion(version);
            int select = m_pendingSelect;
            if (select == -2 || m_model->rowOfVersion(select) < 0)
                select = !liveList.isEmpty() ? *std::max_element(liveList.begin(), liveList.end())
                                             : (sorted.isEmpty() ? -1 : sorted.last());
            if (m_model->rowOfVersion(selectedVersion()) < 0 || m_pendingSelect != -1)
                selectVersion(select);
            m_pendingSelect = -1;
            updateActions();
        });
    });
}

void SubjectPanel::fetchVersion(int version)
{
    const int generation = m_generation;
    m_client->fetchVersion(m_subject, QString::number(version), true,
        [this, generation, version](const SchemaVersion& answer, const RegistryError& error) {
            if (generation != m_generation)
                return;
            if (error.isError()) {
                m_errors.insert(version, error.message);
            } else {
                m_versions.insert(version, answer);
                m_model->setId(version, answer.id);
                m_diff->setSchema(version, prettySchema(answer.schema));
            }
            if (version == selectedVersion())
                showVersion(version);
        });
}

void SubjectPanel::selectVersion(int version)
{
    const int row = m_model->rowOfVersion(version);
    if (row < 0)
        return;
    m_versionsView->setCurrentIndex(m_model->index(row, 0));
    m_versionsView->scrollTo(m_model->index(row, 0));
}

int SubjectPanel::selectedVersion() const { return m_model->versionAt(m_versionsView->currentIndex().row()); }

void SubjectPanel::showVersion(int version)
{
    if (version < 0) {
        m_schemaInfo->clear();
        m_schemaText->clear();
        return;
    }
    const auto entry = m_model->entry(version);
    const QString state = entry && entry->deleted ? tr(" · soft-deleted") : QString();
    if (m_versions.contains(version)) {
        const SchemaVersion& schema = m_versions[version];
        m_schemaInfo->setText(
            tr("Version %1 · id %2 · %3").arg(version).arg(schema.id).arg(schema.schemaType) + state);
        const QString text = prettySchema(schema.schema);
        if (m_schemaText->toPlainText() != text)
            m_schemaText->setPlainText(text);
    } else if (m_errors.contains(version)) {
        m_schemaInfo->setText(tr("Version %1 could not be read: %2").arg(version).arg(m_errors.value(version)));
        m_schemaText->clear();
    } else {
        m_schemaInfo->setText(tr("Version %1 · loading…").arg(version));
        m_schemaText->clear();
    }
}

QList<int> SubjectPanel::liveVersions() const
{
    QList<int> live;
    for (const SchemaVersionEntry& entry : m_model->entries()) {
        if (!entry.deleted)
            live.append(entry.version);
    }
    return live;
}

void SubjectPanel::updateActions()
{
    const bool any = !m_subject.isEmpty();
    const int version = selectedVersion();
    const auto entry = m_model->entry(version);
    const QList<int> live = liveVersions();
    m_register->setEnabled(any);
    m_delete->setEnabled(any && m_model->rowCount() > 0);

    m_softDeleteVersion->setText(version >= 0 ? tr("Soft-Delete Version %1…").arg(version) : tr("Soft-Delete Version…"));
    m_softDeleteVersion->setEnabled(entry && !entry->deleted);
    m_softDeleteVersion->setToolTip(entry && entry->deleted ? tr("This version is already soft-deleted") : QString());
    m_hardDeleteVersion->setText(
        version >= 0 ? tr("Delete Version %1 Permanently…").arg(version) : tr("Delete Version Permanently…"));
    m_hardDeleteVersion->setEnabled(entry && entry->deleted);
    m_hardDeleteVersion->setToolTip(entry && !entry->deleted
            ? tr("The registry deletes a version permanently only after it was soft-deleted")
            : QString());
    m_softDeleteSubject->setEnabled(!live.isEmpty());
    m_hardDeleteSubject->setEnabled(m_model->rowCount() > 0 && live.isEmpty());
    m_hardDeleteSubject->setToolTip(!live.isEmpty()
            ? tr("The registry deletes a subject permanently only after it was soft-deleted")
            : QString());
}

void SubjectPanel::chooseCompatibility(const QString& level)
{
    if (!m_subject.isEmpty())
        m_compatibilityChoice.choose({ m_subject, level, m_generation });
}

void SubjectPanel::sendCompatibility(const LevelChoice& choice, const std::function<void()>& finished)
{
    const int generation = choice.generation;
    const QString subject = choice.subject;
    const QString level = choice.level;
    auto done = [this, generation, subject, level, finished](const CompatibilityLevel&, const RegistryError& error) {
        finished(); // the next waiting choice goes now: this one is applied
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_message->showError(tr("The compatibility of “%1” was not changed: %2").arg(subject, error.message));
            m_compatibility->setLevel(m_levelInherited ? QString() : m_level);
            return;
        }
        m_levelInherited = level.isEmpty();
        m_level = level.isEmpty() ? m_globalLevel : level;
        m_message->showMessage(level.isEmpty()
                ? tr("“%1” now follows the global compatibility level (%2).").arg(subject, m_globalLevel)
                : tr("Compatibility of “%1” set to %2.").arg(subject, level),
            MessageBar::Kind::Information);
        loadCompatibility();
        Q_EMIT subjectChanged(subject);
    };
    if (level.isEmpty())
        m_client->clearCompatibility(subject, done);
    else
        m_client->setCompatibility(subject, level, done);
}

void SubjectPanel::confirmDelete(bool wholeSubject, bool permanent)
{
    const int version = selectedVersion();
    if (m_subject.isEmpty() || (!wholeSubject && version < 0) || m_confirmation)
        return;
    QString question;
    QString detail;
    if (wholeSubject && !permanent) {
        question = tr("Soft-delete subject “%1” and its %n live version(s)?", nullptr, int(liveVersions().size())).arg(m_subject);
        detail = tr("Its schemas can still be read by id, so existing messages keep decoding. The registry deletes a "
                    "subject permanently only after this soft deletion.");
    } else if (wholeSubject) {
        question = tr("Permanently delete subject “%1” and all its versions?").arg(m_subject);
        detail = tr("This cannot be undone. Schemas no other subject uses can no longer be found by id, so messages "
                    "written with them cannot be decoded any more.");
    } else if (!permanent) {
        question = tr("Soft-delete version %1 of “%2”?").arg(version).arg(m_subject);
        detail = tr("Its schema can still be read by id, so existing messages keep decoding. The registry deletes a "
                    "version permanently only after this soft deletion.");
    } else {
        question = tr("Permanently delete version %1 of “%2”?").arg(version).arg(m_subject);
        detail = tr("This cannot be undone. If no other version uses its schema, messages written with it cannot be "
                    "decoded any more.");
    }
    m_confirmation = new QMessageBox(QMessageBox::Warning, tr("Delete"), question, QMessageBox::Cancel, this);
    m_confirmation->setObjectName(QStringLiteral("deleteConfirmation"));
    m_confirmation->setInformativeText(detail);
    QPushButton* confirm = m_confirmation->addButton(
        permanent ? tr("Delete Permanently") : tr("Soft-Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeleteButton"));
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::buttonClicked, this,
        [this, confirm, wholeSubject, permanent, version, subject = m_subject](QAbstractButton* button) {
            if (button == confirm && subject == m_subject)
                runDelete(wholeSubject, permanent, version);
        });
    m_confirmation->open();
}

void SubjectPanel::runDelete(bool wholeSubject, bool permanent, int version)
{
    const QString subject = m_subject;
    const int generation = m_generation;
    const auto finished = [this, generation, subject](const QString& failure, const QString& success) {
        if (generation == m_generation) {
            if (!failure.isEmpty())
                m_message->showError(failure);
            else
                m_message->showMessage(success, MessageBar::Kind::Information);
            reload();
        }
        Q_EMIT subjectChanged(subject);
    };
    if (wholeSubject) {
        m_client->deleteSubject(subject, permanent,
            [finished, subject, permanent](const QList<int>& versions, const RegistryError& error) {
                finished(error.isError() ? tr("“%1” was not deleted: %2").arg(subject, error.message) : QString(),
                    (permanent ? tr("“%1” deleted permanently (%n version(s)).", nullptr, int(versions.size()))
                               : tr("“%1” soft-deleted (%n version(s)).", nullptr, int(versions.size())))
                        .arg(subject));
            });
    } else {
        m_client->deleteVersion(subject, QString::number(version), permanent,
            [finished, subject, permanent, version](int, const RegistryError& error) {
                finished(error.isError()
                        ? tr("Version %1 of “%2” was not deleted: %3").arg(version).arg(subject, error.message)
                        : QString(),
                    (permanent ? tr("Version %1 of “%2” deleted permanently.") : tr("Version %1 of “%2” soft-deleted."))
                        .arg(version)
                        .arg(subject));
            });
    }
}

QString SubjectPanel::latestSchemaText() const
{
    const QList<int> live = liveVersions();
    if (live.isEmpty() || !m_versions.contains(live.last()))
        return {};
    return prettySchema(m_versions.value(live.last()).schema);
}

void SubjectPanel::openRegisterDialog(bool newSubject)
{
    newSubject = newSubject || m_subject.isEmpty();
    RegisterSchemaDialog::Setup setup;
    setup.subject = newSubject ? QString() : m_subject;
    setup.subjectEditable = newSubject;
    setup.schemaText = newSubject ? QStringLiteral("{\n  \"type\": \"record\",\n  \"name\": \"Example\",\n  \"fields\": [\n"
                                                  "    { \"name\": \"id\", \"type\": \"string\" }\n  ]\n}\n")
                                  : latestSchemaText();
    auto* dialog = new RegisterSchemaDialog(m_client, setup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterSchemaDialog::registered, this, [this](const QString& registeredSubject, int) {
        if (registeredSubject == m_subject) {
            m_pendingSelect = -2; // the newest version
            reload();
        }
        Q_EMIT subjectChanged(registeredSubject);
    });
    dialog->open();
}

} // namespace Samsa

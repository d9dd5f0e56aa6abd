#include "schemaregistrypage.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "compatibilitycombo.h"
#include "registry/schemaregistryclient.h"
#include "registry/subjectsmodel.h"
#include "subjectpanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QVBoxLayout>

namespace Samsa {

SchemaRegistryPage::SchemaRegistryPage(const ConnectionProfile& profile, const ProfileSecrets& secrets, QWidget* parent)
    : QWidget(parent)
    , m_message(new MessageBar(this))
    , m_registryLabel(new QLabel(this))
    , m_globalCompatibility(new CompatibilityCombo(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_newSubject(new QPushButton(tr("New Subject…"), this))
    , m_filter(new QLineEdit(this))
    , m_showDeleted(new QCheckBox(tr("Show soft-deleted"), this))
    , m_model(new SubjectsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new DataTableView(this))
    , m_count(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("registryMessage"));
    m_registryLabel->setObjectName(QStringLiteral("registryLabel"));
    m_globalCompatibility->setObjectName(QStringLiteral("globalCompatibility"));
    m_refresh->setObjectName(QStringLiteral("registryRefresh"));
    m_newSubject->setObjectName(QStringLiteral("newSubjectButton"));
    m_filter->setObjectName(QStringLiteral("subjectsFilter"));
    m_showDeleted->setObjectName(QStringLiteral("showDeletedSubjects"));
    m_view->setObjectName(QStringLiteral("subjectsView"));
    m_count->setObjectName(QStringLiteral("subjectsCountLabel"));

    const QString url = profile.schemaRegistryUrl.trimmed();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    if (url.isEmpty()) {
        // Nothing to talk to: say so plainly instead of showing empty tables.
        m_registryLabel->setText(tr("<b>No Schema Registry is configured for “%1”.</b><br>Add its URL (for example "
                                    "http://127.0.0.1:8081) in File › Connect…, on the connection's profile, then "
                                    "connect again.")
                                     .arg(profile.name.toHtmlEscaped()));
        m_registryLabel->setWordWrap(true);
        m_registryLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        layout->addWidget(m_registryLabel);
        layout->addStretch(1);
        for (QWidget* unused : std::initializer_list<QWidget*> { m_globalCompatibility, m_refresh, m_newSubject,
                 m_filter, m_showDeleted, m_view, m_count })
            unused->hide();
        return;
    }

    m_client = new SchemaRegistryClient(QUrl(url), this);
    m_client->setBasicAuth(profile.schemaRegistryUsername, secrets.schemaRegistryPassword);
    if (url.startsWith(QLatin1String("https"), Qt::CaseInsensitive) && !profile.caFile.isEmpty()) {
        QString error;
        if (!m_client->setCaFile(profile.caFile, &error))
            m_message->showError(tr("The CA file for the Schema Registry could not be read: %1").arg(error));
    }
    m_panel = new SubjectPanel(m_client, this);
    m_panel->setObjectName(QStringLiteral("subjectPanel"));

    m_registryLabel->setText(tr("Schema Registry at %1").arg(url));
    m_registryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_globalCompatibility->setToolTip(tr("The registry's global compatibility level, for subjects without their own"));
    m_filter->setPlaceholderText(tr("Filter subjects, types, levels"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SubjectsModel::SortRole);
    m_proxy->setFilterKeyColumn(-1); // any column: a subject, "AVRO", "FULL"
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(SubjectsModel::SubjectColumn, Qt::AscendingOrder);
    // The subject takes the room; the short columns are as wide as their contents.
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SubjectsModel::SubjectColumn, QHeaderView::Stretch);

    auto* topRow = new QHBoxLayout;
    topRow->addWidget(m_registryLabel, 1);
    topRow->addWidget(new QLabel(tr("Global compatibility:"), this));
    topRow->addWidget(m_globalCompatibility);
    topRow->addWidget(m_refresh);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_showDeleted);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_view, 1);
    auto* bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_count, 1);
    bottomRow->addWidget(m_newSubject);
    leftLayout->addLayout(bottomRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("registrySplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 460, 940 });

    layout->addLayout(topRow);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, this, &SchemaRegistryPage::updateCount);
    connect(m_showDeleted, &QCheckBox::toggled, this, &SchemaRegistryPage::reload);
    connect(m_refresh, &QPushButton::clicked, this, &SchemaRegistryPage::reload);
    connect(m_newSubject, &QPushButton::clicked, this, [this] { m_panel->openRegisterDialog(true); });
    connect(m_globalCompatibility, &CompatibilityCombo::levelChosen, this, &SchemaRegistryPage::chooseGlobalCompatibility);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SchemaRegistryPage::showSelection);
    connect(m_panel, &SubjectPanel::subjectChanged, this, [this](const QString& subject) {
        m_changedSubject = subject;
        reload();
    });
    reload();
}

void SchemaRegistryPage::reload()
{
    if (!m_client)
        return;
    const int generation = ++m_generation;
    m_count->setText(tr("Loading subjects…"));
    m_refresh->setEnabled(false);
    loadGlobalCompatibility();
    m_client->listSubjects(false, [this, generation](const QStringList& live, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_refresh->setEnabled(true);
            m_message->showError(tr("The subjects could not be listed: %1").arg(error.message));
            updateCount();
            return;
        }
        if (!m_showDeleted->isChecked()) {
            showSubjects(live, live);
            return;
        }
        m_client->listSubjects(true, [this, generation, live](const QStringList& all, const RegistryError& allError) {
            if (generation != m_generation)
                return;
            if (allError.isError()) {
                m_refresh->setEnabled(true);
                m_message->showError(tr("The subjects could not be listed: %1").arg(allError.message));
                return;
            }
            showSubjects(live, all);
        });
    });
}

void SchemaRegistryPage::loadGlobalCompatibility()
{
    const int generation = m_generation;
    m_client->fetchCompatibility({}, [this, generation](const CompatibilityLevel& level, const RegistryError& error) {
        if (generation != m_generation)
            return;
        if (error.isError()) {
            m_message->showError(tr("The global compatibility level could not be read: %1").arg(error.message));
            return;
        }
        m_globalLevel = level.level;
        m_globalCompatibility->setLevel(level.level);
        m_model->setGlobalCompatibility(level.level);
        m_panel->setGlobalCompatibility(level.level);
    });
}

void SchemaRegistryPage::showSubjects(const QStringList& live, const QStringList& all)
{
    if (m_message->kind() == MessageBar::Kind::Error)
        m_message->clearMessage();
    QStringList deleted;
    for (const QString& subject : all) {
        if (!live.contains(subject))
            deleted.append(subject);
    }
    m_model->setSubjects(all, deleted);
    m_pendingDetails = int(all.size());
    m_refresh->setEnabled(m_pendingDetails == 0);
    for (const QString& subject : all)
        loadDetails(subject, deleted.contains(subject));
    updateCount();

    // After a change made in the panel (which reloaded itself) select that subject; after a refresh
    // reload the one shown.
    const QString changed = m_changedSubject;
    m_changedSubject.clear();
    const QString wanted = !changed.isEmpty() ? changed : m_panel->subject();
    if (wanted.isEmpty())
        return;
    if (all.contains(wanted)) {
        const bool reloadPanel = changed.isEmpty() && m_panel->subject() == wanted;
        selectSubject(wanted);
        if (reloadPanel)
            m_panel->showSubject(wanted);
    } else if (m_panel->subject() == wanted) {
        m_panel->showSubject({});
        if (!changed.isEmpty() && !m_showDeleted->isChecked() && live.size() == all.size())
            m_message->showMessage(tr("“%1” is no longer listed. Tick “Show soft-deleted” to see soft-deleted subjects "
                                      "and delete them permanently.")
                                       .arg(wanted),
                MessageBar::Kind::Information);
    }
}

void SchemaRegistryPage::loadDetails(const QString& subject, bool deleted)
{
    const int generation = m_generation;
    const auto done = [this, generation] {
        if (generation != m_generation)
            return;
        if (--m_pendingDetails <= 0)
            m_refresh->setEnabled(true);
        updateCount();
    };
    m_client->fetchVersion(subject, QStringLiteral("latest"), deleted,
        [this, generation, subject, done](const SchemaVersion& version, const RegistryError& error) {
            if (generation != m_generation)
                return;
            if (error.isError())
                m_model->setError(subject, error.message);
            else
                m_model->setLatest(subject, version.version, version.id, version.schemaType);
            done();
        });
    m_client->fetchCompatibility(subject, [this, generation, subject](const CompatibilityLevel& level, const RegistryError& error) {
        if (generation != m_generation || error.isError())
            return;
        m_model->setCompatibility(subject, level.level, level.inherited);
    });
}

void SchemaRegistryPage::chooseGlobalCompatibility(const QString& level)
{
    if (!level.isEmpty())
        m_globalChoice.choose(level);
}

void SchemaRegistryPage::sendGlobalCompatibility(const QString& level, const std::function<void()>& finished)
{
    if (level == m_globalLevel) {
        finished();
        return;
    }
    m_client->setCompatibility({}, level, [this, level, finished](const CompatibilityLevel&, const RegistryError& error) {
        if (error.isError()) {
            m_message->showError(tr("The global compatibility level was not changed: %1").arg(error.message));
            m_globalCompatibility->setLevel(m_globalLevel);
        } else {
            m_message->showMessage(tr("Global compatibility set to %1.").arg(level), MessageBar::Kind::Information);
            m_globalLevel = level;
            m_model->setGlobalCompatibility(level);
            m_panel->setGlobalCompatibility(level);
        }
        finished();
    });
}

void SchemaRegistryPage::selectSubject(const QString& subject)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(SubjectsModel::SubjectRole).toString() == subject) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return;
        }
    }
}

void SchemaRegistryPage::showSelection()
{
    const QString subject = m_view->currentIndex().data(SubjectsModel::SubjectRole).toString();
    if (subject != m_panel->subject())
        m_panel->showSubject(subject);
}

void SchemaRegistryPage::updateCount()
{
    QString text = tr("%1 of %2 subjects").arg(m_proxy->rowCount()).arg(m_model->rowCount());
    if (m_pendingDetails > 0)
        text += tr(" · loading details of %n…", nullptr, m_pendingDetails);
    m_count->setText(text);
}

} // namespace Samsa

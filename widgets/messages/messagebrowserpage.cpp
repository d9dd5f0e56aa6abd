#include "messagebrowserpage.h"

#include "common/datatableview.h"
#include "common/messagebar.h"
#include "filterbar.h"
#include "kafka/clustersession.h"
#include "messagecomparedialog.h"
#include "messagedetailpane.h"
#include "messageexportdialog.h"
#include "messages/messagejson.h"
#include "messages/messagereader.h"
#include "messagesmodel.h"
#include "profiles/connectionconfig.h"
#include "readbar.h"
#include "registry/schemacache.h"
#include "storage/storagekeys.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace Samsa {

namespace {
    // Per-partition positions in the progress line; the rest are in its tooltip.
    constexpr int PartitionsInLine = 6;

    QString partitionText(const PartitionProgress& partition)
    {
        return QStringLiteral("p%1 %L2/%L3").arg(partition.partition).arg(partition.position).arg(partition.end);
    }

    bool needsSchemaFile(MessageFormat format)
    {
        return format == MessageFormat::AvroFile || format == MessageFormat::AvroSingleObject;
    }
}

MessageBrowserPage::MessageBrowserPage(
    ClusterSession* session, const QString& topic, const QString& databasePath, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_topic(topic)
    , m_readBar(new ReadBar(this))
    , m_findKey(new QLineEdit(this))
    , m_findButton(new QPushButton(tr("Find"), this))
    , m_progress(new QLabel(this))
    , m_plan(new QLabel(this))
    , m_message(new MessageBar(this))
    , m_filterBar(new FilterBar(this))
    , m_view(new DataTableView(this))
    , m_detail(new MessageDetailPane(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    const ConnectionProfile profile = session ? session->profile() : ConnectionProfile();
    const ProfileSecrets secrets = session ? session->secrets() : ProfileSecrets();
    if (!profile.schemaRegistryUrl.trimmed().isEmpty()) {
        SchemaCache::Options cacheOptions;
        cacheOptions.registryUrl = QUrl(profile.schemaRegistryUrl.trimmed());
        cacheOptions.user = profile.schemaRegistryUsername;
        cacheOptions.password = secrets.schemaRegistryPassword;
        cacheOptions.databasePath = databasePath;
        m_schemaCache = std::make_shared<SchemaCache>(cacheOptions);
    }
    m_decoder = std::make_shared<PayloadDecoder>(m_schemaCache);
    m_model = new MessagesModel(m_decoder, this);
    m_reader = new MessageReader(ConnectionConfig::librdkafkaProperties(profile, secrets), this);
    if (!databasePath.isEmpty() && m_formatStore.open(databasePath))
        m_formats = m_formatStore.formats(clusterStorageKey(profile), topic);

    m_findKey->setObjectName(QStringLiteral("findKeyEdit"));
    m_findKey->setPlaceholderText(tr("Find by key"));
    m_findKey->setToolTip(tr("Reads only the partition Kafka's default partitioner chooses for this key (UTF-8)"));
    m_findKey->setClearButtonEnabled(true);
    m_findKey->setMinimumWidth(220);
    m_findKey->setMaximumWidth(320);
    m_findButton->setObjectName(QStringLiteral("findKeyButton"));
    m_findButton->setToolTip(tr("Hash the key as Kafka's default partitioner does (murmur2) and read only that partition"));
    m_progress->setObjectName(QStringLiteral("readProgressLabel"));
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plan->setObjectName(QStringLiteral("readPlanLabel"));
    m_plan->setWordWrap(true);
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plan->hide();
    m_message->setObjectName(QStringLiteral("browserMessage"));
    m_view->setObjectName(QStringLiteral("messagesView"));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSortIndicatorShown(false);
    m_view->setColumnWidth(MessagesModel::PartitionColumn, 70);
    m_view->setColumnWidth(MessagesModel::OffsetColumn, 90);
    m_view->setColumnWidth(MessagesModel::TimestampColumn, 190);
    m_view->setColumnWidth(MessagesModel::KeyColumn, 160);
    m_view->setColumnWidth(MessagesModel::ValueColumn, 520);
    m_view->setColumnWidth(MessagesModel::HeadersColumn, 140);
    m_detail->setObjectName(QStringLiteral("messageDetail"));
    m_detail->setDecoder(m_decoder);

    m_readBar->setObjectName(QStringLiteral("readBar"));
    m_readBar->setFormats(m_formats.keyFormat, m_formats.valueFormat);
    applyFormats(false);

    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_findKey);
    findRow->addWidget(m_findButton);
    findRow->addSpacing(12);
    findRow->addWidget(m_progress, 1);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view);
    m_splitter->setObjectName(QStringLiteral("browserSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_readBar);
    layout->addLayout(findRow);
    layout->addWidget(m_plan);
    layout->addWidget(m_message);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_splitter, 1);

    // Reading.
    connect(m_readBar, &ReadBar::readRequested, this, &MessageBrowserPage::read);
    connect(m_readBar, &ReadBar::stopRequested, this, &MessageBrowserPage::stop);
    connect(m_readBar, &ReadBar::formatsChanged, this, [this] { applyFormats(true); });
    connect(m_findButton, &QPushButton::clicked, this, [this] { findKey(m_findKey->text()); });
    connect(m_findKey, &QLineEdit::returnPressed, this, [this] { findKey(m_findKey->text()); });
    connect(m_reader, &MessageReader::planned, this, &MessageBrowserPage::showPlan);
    connect(m_reader, &MessageReader::recordsReady, m_model, &MessagesModel::appendRecords);
    connect(m_reader, &MessageReader::progress, this, &MessageBrowserPage::showProgress);
    connect(m_reader, &MessageReader::finished, this, [this](const QString& reason) { readEnded(reason, false); });
    connect(m_reader, &MessageReader::failed, this, [this](const QString& error) { readEnded(error, true); });
    connect(m_reader, &MessageReader::connectionChanged, this, &MessageBrowserPage::showConnection);

    // Filter.
    connect(m_filterBar, &FilterBar::filterChanged, this, &MessageBrowserPage::applyFilter);
    connect(m_model, &MessagesModel::filterProgress, m_filterBar, &FilterBar::showProgress);
    connect(m_model, &MessagesModel::filterFinished, this,
        [this](qint64 matches, qint64 searched) { m_filterBar->showCount(matches, searched); });
    const auto updateCount = [this] {
        if (!m_model->isFiltered())
            m_filterBar->showCount(m_model->rowCount(), m_model->rowCount());
        else if (!m_model->isFiltering())
            m_filterBar->showCount(m_model->filterMatchCount(), m_model->store().count());
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filterBar, &FilterBar::focusPattern);

    // Table and detail.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MessageBrowserPage::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MessageBrowserPage::showCurrent);
    connect(m_decoder.get(), &PayloadDecoder::schemaArrived, m_detail, [this] {
        if (m_detail->hasRecord())
            m_detail->reload();
    });
    auto* copy = new QAction(tr("&Copy as JSON"), m_view);
    copy->setObjectName(QStringLiteral("copyJsonAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &MessageBrowserPage::copySelectionAsJson);
    m_view->addAction(copy);
    auto* compare = new QAction(tr("Co&mpare"), m_view);
    compare->setObjectName(QStringLiteral("compareAction"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    compare->setShortcutContext(Qt::WidgetShortcut);
    connect(compare, &QAction::triggered, this, &MessageBrowserPage::compareSelection);
    m_view->addAction(compare);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MessageBrowserPage::showContextMenu);

    if (m_session) {
        connect(m_session, &ClusterSession::metadataReady, this, &MessageBrowserPage::updatePartitions);
        connect(m_session, &ClusterSession::groupsReady, this, [this](const GroupListResult& result) {
            QStringList groups;
            for (const GroupListing& group : result.groups)
                groups.append(group.id);
            groups.sort(Qt::CaseInsensitive);
            m_readBar->setGroups(groups);
        });
        connect(m_readBar, &ReadBar::groupsWanted, m_session, &ClusterSession::requestGroups);
        updatePartitions();
    } else {
        m_message->showError(tr("Not connected to a cluster."));
        m_readBar->setEnabled(false);
    }
    m_progress->setText(tr("Choose where to start and press Read."));
    m_filterBar->showCount(0, 0);
}

MessageBrowserPage::~MessageBrowserPage() = default;

QString MessageBrowserPage::title() const
{
    return tr("%1 · %2 · Messages").arg(m_session ? m_session->profile().name : tr("(disconnected)"), m_topic);
}

bool MessageBrowserPage::isReading() const { return m_reader->isRunning(); }

void MessageBrowserPage::updatePartitions()
{
    if (!m_session)
        return;
    for (const TopicInfo& topic : m_session->metadata().topics) {
        if (topic.name != m_topic)
            continue;
        QList<int> partitions;
        for (const PartitionInfo& partition : topic.partitions)
            partitions.append(partition.partition);
        std::sort(partitions.begin(), partitions.end());
        m_readBar->setPartitions(partitions);
    }
}

DecodeOptions MessageBrowserPage::options(MessageFormat format, const QString& schemaFile) const
{
    DecodeOptions options;
    options.format = format;
    options.avroSchemaFile = schemaFile;
    return options;
}

void MessageBrowserPage::applyFormats(bool remember)
{
    TopicFormats formats = m_formats;
    formats.keyFormat = m_readBar->keyFormat();
    formats.valueFormat = m_readBar->valueFormat();
    // A local schema is asked for when such a format is chosen and none is known yet.
    const auto askSchema = [this](MessageFormat format, QString* file, const QString& side) {
        if (!needsSchemaFile(format) || !file->isEmpty())
            return true;
        *file = QFileDialog::getOpenFileName(this, tr("Avro Schema for the %1").arg(side), QString(),
            tr("Avro schemas (*.avsc *.json);;All files (*)"));
        return !file->isEmpty();
    };
    if (remember && (!askSchema(formats.keyFormat, &formats.keySchemaFile, tr("Key"))
                        || !askSchema(formats.valueFormat, &formats.valueSchemaFile, tr("Value")))) {
        m_readBar->setFormats(m_formats.keyFormat, m_formats.valueFormat); // cancelled: back to what was
        return;
    }
    m_formats = formats;
    const DecodeOptions keyOptions = options(formats.keyFormat, formats.keySchemaFile);
    const DecodeOptions valueOptions = options(formats.valueFormat, formats.valueSchemaFile);
    m_model->setKeyOptions(keyOptions);
    m_model->setValueOptions(valueOptions);
    m_detail->setDecodeOptions(keyOptions, valueOptions);
    m_detail->reload();
    if (remember && m_session && m_formatStore.isOpen()
        && !m_formatStore.setFormats(clusterStorageKey(m_session->profile()), m_topic, formats))
        m_message->showMessage(tr("The formats could not be remembered: %1").arg(m_formatStore.errorText()),
            MessageBar::Kind::Warning);
    if (m_model->isFiltered())
        applyFilter(); // the filter searches what the table shows
}

void MessageBrowserPage::read()
{
    ReadRequest request = m_readBar->request();
    if (request.start == ReadStart::GroupOffsets && request.groupId.isEmpty()) {
        m_message->showError(tr("Choose the consumer group whose committed offsets to start from."));
        return;
    }
    startRead(request);
}

void MessageBrowserPage::findKey(const QString& key)
{
    if (key.isEmpty()) {
        m_findKey->setFocus();
        return;
    }
    ReadRequest request = m_readBar->request();
    request.findKey = key.toUtf8();
    request.onlyMatchingKey = true;
    startRead(request);
}

void MessageBrowserPage::startRead(ReadRequest request)
{
    if (!m_session)
        return;
    request.topic = m_topic;
    // Live tail keeps the newest messages: the limit becomes the table's cap instead of a stop.
    m_model->setMaximumRows(request.liveTail ? request.maxMessages : 0);
    if (request.liveTail)
        request.maxMessages = 0;
    m_model->clear();
    m_detail->clearRecord();
    m_message->clearMessage();
    m_plan->clear();
    m_plan->hide();
    m_endReason.clear();
    m_connectionLost = false;
    m_lastProgress = {};
    m_progress->setText(tr("Reading…"));
    m_progress->setToolTip(QString());
    m_readBar->setRunning(true);
    m_findButton->setEnabled(false);
    m_reader->start(request);
}

void MessageBrowserPage::stop() { m_reader->stop(); }

void MessageBrowserPage::showPlan(const ReadPlan& plan)
{
    if (plan.notes.isEmpty())
        return;
    m_plan->setText(plan.notes.join(QLatin1Char('\n')));
    m_plan->show();
}

void MessageBrowserPage::showProgress(const ReadProgress& progress)
{
    m_lastProgress = progress;
    QStringList positions;
    QStringList tooltip;
    for (const PartitionProgress& partition : progress.partitions) {
        if (positions.size() < PartitionsInLine)
            positions.append(partitionText(partition));
        tooltip.append(tr("Partition %1: started at %L2, next %L3, end %L4%5")
                           .arg(partition.partition)
                           .arg(partition.start)
                           .arg(partition.position)
                           .arg(partition.end)
                           .arg(partition.done ? tr(" (done)") : QString()));
    }
    if (progress.partitions.size() > PartitionsInLine)
        positions.append(tr("+%1 more").arg(progress.partitions.size() - PartitionsInLine));
    QString text = tr("%L1 loaded · %L2/s").arg(progress.loaded).arg(qRound64(progress.rate));
    if (progress.scanned != progress.loaded)
        text += QStringLiteral(" · ") + tr("%L1 read").arg(progress.scanned);
    if (!positions.isEmpty())
        text += QStringLiteral(" · ") + positions.join(QStringLiteral("  "));
    if (m_connectionLost)
        text += QStringLiteral(" · ") + tr("cluster unreachable, retrying");
    if (!m_endReason.isEmpty())
        text += QStringLiteral(" · ") + m_endReason;
    m_progress->setText(text);
    m_progress->setToolTip(tooltip.join(QLatin1Char('\n')));
}

void MessageBrowserPage::showConnection(bool lost, const QString& cause)
{
    m_connectionLost = lost;
    if (lost) {
        m_message->showMessage(
            tr("Broker unreachable — retrying. The live tail goes on by itself from where it was when the cluster is "
               "back%1")
                .arg(cause.isEmpty() ? QStringLiteral(".") : QStringLiteral(" (%1).").arg(cause)),
            MessageBar::Kind::Warning);
    } else {
        m_message->showMessage(tr("The cluster is back: the live tail goes on."), MessageBar::Kind::Information);
    }
    showProgress(m_lastProgress);
}

void MessageBrowserPage::readEnded(const QString& reason, bool failed)
{
    m_connectionLost = false;
    m_readBar->setRunning(false);
    m_findButton->setEnabled(true);
    if (failed) {
        m_message->showError(tr("Reading failed: %1").arg(reason));
        m_endReason = tr("failed");
    } else {
        m_endReason = reason;
    }
    showProgress(m_lastProgress);
}

void MessageBrowserPage::applyFilter()
{
    if (m_filterBar->isEmpty()) {
        m_model->clearFilter();
        m_filterBar->showCount(m_model->rowCount(), m_model->rowCount());
        return;
    }
    QString error;
    if (!m_model->setFilter(m_filterBar->spec(), &error)) {
        m_filterBar->showError(error);
        return;
    }
    m_filterBar->showError(QString());
    if (!m_model->isFiltering())
        m_filterBar->showCount(m_model->filterMatchCount(), m_model->store().count());
}

void MessageBrowserPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clearRecord();
        return;
    }
    const KafkaRecord record = m_model->record(current.row());
    // The same record again (a re-sort or a filter moved it): keep the pane as it is.
    if (m_detail->hasRecord() && m_detail->record().partition == record.partition
        && m_detail->record().offset == record.offset)
        return;
    m_detail->showRecord(record);
}

QList<int> MessageBrowserPage::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void MessageBrowserPage::copySelectionAsJson()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    QByteArray text;
    for (int row : rows) {
        if (!text.isEmpty())
            text += '\n';
        text += messageToJson(m_topic, m_model->record(row), m_model->decodedKey(row), m_model->decodedValue(row),
            rows.size() == 1);
    }
    QApplication::clipboard()->setText(QString::fromUtf8(text));
}

void MessageBrowserPage::compareSelection()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 2)
        return;
    const auto describe = [this](int row) {
        const KafkaRecord record = m_model->record(row);
        return std::pair { tr("Partition %1 · Offset %L2").arg(record.partition).arg(record.offset),
            QString::fromUtf8(
                messageToJson(m_topic, record, m_model->decodedKey(row), m_model->decodedValue(row), true)) };
    };
    const auto [leftTitle, leftText] = describe(rows.at(0));
    const auto [rightTitle, rightText] = describe(rows.at(1));
    auto* dialog = new MessageCompareDialog(leftTitle, leftText, rightTitle, rightText, this);
    dialog->setObjectName(QStringLiteral("compareDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MessageBrowserPage::exportMessages(bool selectionOnly)
{
    QList<qint64> indices;
    if (selectionOnly) {
        for (int row : selectedRows())
            indices.append(m_model->storeIndex(row));
    } else if (m_model->isFiltered()) {
        // "Everything loaded" that the table shows: the filter's matches, in table order.
        for (int row = 0; row < m_model->rowCount(); ++row)
            indices.append(m_model->storeIndex(row));
    }
    auto* dialog = new MessageExportDialog(m_topic, m_model->snapshot(), m_decoder, m_model->keyOptions(),
        m_model->valueOptions(), indices, selectionOnly || m_model->isFiltered(), this);
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MessageBrowserPage::showContextMenu(const QPoint& position)
{
    const int selected = int(selectedRows().size());
    QMenu menu(this);
    QAction* copy = menu.addAction(tr("&Copy as JSON"), this, &MessageBrowserPage::copySelectionAsJson);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(selected > 0);
    QAction* compare = menu.addAction(tr("Co&mpare"), this, &MessageBrowserPage::compareSelection);
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    compare->setEnabled(selected == 2);
    if (selected != 2)
        compare->setToolTip(tr("Select two messages to compare"));
    menu.addSeparator();
    QAction* exportSelection
        = menu.addAction(tr("Export &Selection…"), this, [this] { exportMessages(true); });
    exportSelection->setEnabled(selected > 0);
    QAction* exportAll = menu.addAction(
        m_model->isFiltered() ? tr("Export &Matches…") : tr("Export &All Loaded…"), this, [this] { exportMessages(false); });
    exportAll->setEnabled(m_model->rowCount() > 0);
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid()) {
        const KafkaRecord record = m_model->record(index.row());
        if (record.key) {
            menu.addSeparator();
            menu.addAction(tr("Find This &Key"), this, [this, key = QString::fromUtf8(*record.key)] {
                m_findKey->setText(key);
                findKey(key);
            });
        }
    }
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace Samsa

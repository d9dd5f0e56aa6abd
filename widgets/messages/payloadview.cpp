#include "payloadview.h"

#include "common/hexdumpview.h"
#include "common/jsonhighlighter.h"
#include "common/messagebar.h"
#include "jsontreemodel.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Samsa {

namespace {
    QString formatText(const LoadedPayload& payload)
    {
        const DecodedPayload& decoded = payload.decoded;
        if (payload.isNull)
            return PayloadView::tr("null");
        QString text = decoded.formatName;
        if (decoded.schemaId >= 0) {
            text += QStringLiteral(" · ") + PayloadView::tr("schema id %1").arg(decoded.schemaId);
            if (!decoded.subject.isEmpty())
                text += QStringLiteral(" · ") + decoded.subject;
            if (decoded.schemaVersion >= 0)
                text += QStringLiteral(" v%1").arg(decoded.schemaVersion);
        }
        const qint64 size = payload.raw.size();
        text += QStringLiteral(" · ") + (size == 1 ? PayloadView::tr("1 byte") : PayloadView::tr("%L1 bytes").arg(size));
        return text;
    }
}

PayloadView::PayloadView(const QString& name, QWidget* parent)
    : QWidget(parent)
    , m_format(new QLabel(this))
    , m_textButton(new QToolButton(this))
    , m_treeButton(new QToolButton(this))
    , m_copyButton(new QToolButton(this))
    , m_message(new MessageBar(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_tree(new QTreeView(this))
    , m_treeModel(new JsonTreeModel(this))
    , m_placeholder(new QLabel(this))
    , m_hex(new HexDumpView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_format->setObjectName(name + QStringLiteral("Format"));
    m_format->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(name + QStringLiteral("Message"));
    m_text->setObjectName(name + QStringLiteral("Text"));
    m_tree->setObjectName(name + QStringLiteral("Tree"));
    m_hex->setObjectName(name + QStringLiteral("Hex"));
    m_textButton->setObjectName(name + QStringLiteral("TextMode"));
    m_treeButton->setObjectName(name + QStringLiteral("TreeMode"));

    m_textButton->setText(tr("Text"));
    m_treeButton->setText(tr("Tree"));
    m_textButton->setToolTip(tr("Pretty-printed text"));
    m_treeButton->setToolTip(tr("A tree where objects and arrays fold, for large documents"));
    for (QToolButton* button : { m_textButton, m_treeButton }) {
        button->setCheckable(true);
        button->setAutoRaise(true);
    }
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_textButton);
    modes->addButton(m_treeButton);
    m_textButton->setChecked(true);
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setAutoRaise(true);
    m_copyButton->setToolTip(tr("Copy the decoded text"));

    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUndoRedoEnabled(false);
    m_highlighter = new JsonHighlighter(m_text->document());

    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->setColumnWidth(JsonTreeModel::NameColumn, 180);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setObjectName(name + QStringLiteral("Placeholder"));
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_stack->addWidget(m_text);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_placeholder);

    // The dump never needs more than one full line's width; the decoded text gets the rest.
    m_hex->setMaximumWidth(m_hex->sizeHint().width() + 24);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_hex);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_format, 1);
    bar->addWidget(m_textButton);
    bar->addWidget(m_treeButton);
    bar->addWidget(m_copyButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    connect(m_textButton, &QToolButton::toggled, this, &PayloadView::updateMode);
    connect(m_treeButton, &QToolButton::toggled, this, &PayloadView::updateMode);
    connect(m_copyButton, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    clear();
}

void PayloadView::clear()
{
    m_loading = false;
    m_hasTree = false;
    m_format->clear();
    m_message->clearMessage();
    m_text->clear();
    m_treeModel->clear();
    m_hex->clear();
    m_placeholder->setText(tr("No message selected"));
    updateMode();
}

void PayloadView::showLoading(const QByteArray& raw)
{
    clear();
    m_loading = true;
    m_hex->setData(raw);
    m_format->setText(tr("%L1 bytes").arg(raw.size()));
    m_placeholder->setText(tr("Loading…"));
    updateMode();
}

void PayloadView::showPayload(const LoadedPayload& payload)
{
    m_loading = false;
    m_message->clearMessage();
    m_format->setText(formatText(payload));
    m_hex->setData(payload.raw);
    const DecodedPayload& decoded = payload.decoded;
    if (decoded.kind == DecodedPayload::Kind::Error)
        m_message->showError(tr("Could not decode: %1. The raw bytes are shown beside.").arg(decoded.error));
    else if (decoded.kind == DecodedPayload::Kind::Pending)
        m_message->showMessage(tr("Waiting for the schema from the Schema Registry…"), MessageBar::Kind::Information);
    else if (!decoded.note.isEmpty())
        m_message->showMessage(decoded.note, MessageBar::Kind::Warning);

    // Colouring a document of megabytes would run over every line at once on this thread.
    const bool colour = payload.text.size() <= MaxHighlightedChars;
    m_highlighter->setDocument(nullptr);
    m_text->setPlainText(payload.text);
    if (colour && decoded.kind == DecodedPayload::Kind::Json)
        m_highlighter->setDocument(m_text->document());
    m_hasTree = payload.tree.isArray() || payload.tree.isObject();
    m_treeModel->setRoot(m_hasTree ? payload.tree : QJsonValue(QJsonValue::Undefined));
    if (payload.isNull)
        m_placeholder->setText(tr("null"));
    else if (decoded.kind == DecodedPayload::Kind::Error)
        m_placeholder->setText(tr("Not decoded; see the raw bytes"));
    else if (payload.raw.isEmpty())
        m_placeholder->setText(tr("(empty)"));
    updateMode();
}

bool PayloadView::treeMode() const { return m_treeButton->isChecked(); }

void PayloadView::setTreeMode(bool tree) { (tree ? m_treeButton : m_textButton)->setChecked(true); }

QString PayloadView::text() const { return m_text->toPlainText(); }

void PayloadView::updateMode()
{
    m_treeButton->setEnabled(m_hasTree);
    m_copyButton->setEnabled(!m_text->document()->isEmpty());
    if (m_loading || (m_text->document()->isEmpty() && !(treeMode() && m_hasTree)))
        m_stack->setCurrentWidget(m_placeholder);
    else if (treeMode() && m_hasTree)
        m_stack->setCurrentWidget(m_tree);
    else
        m_stack->setCurrentWidget(m_text);
}

} // namespace Samsa

#include "schemadiffview.h"

#include "text/linediff.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Samsa {

SchemaDiffView::SchemaDiffView(QWidget* parent)
    : QWidget(parent)
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_from->setObjectName(QStringLiteral("diffFrom"));
    m_to->setObjectName(QStringLiteral("diffTo"));
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_text->setObjectName(QStringLiteral("diffText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Compare version"), this));
    choose->addWidget(m_from);
    choose->addWidget(new QLabel(tr("with"), this));
    choose->addWidget(m_to);
    choose->addSpacing(12);
    choose->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choose);
    layout->addWidget(m_text, 1);

    connect(m_from, &QComboBox::currentIndexChanged, this, &SchemaDiffView::update);
    connect(m_to, &QComboBox::currentIndexChanged, this, &SchemaDiffView::update);
}

void SchemaDiffView::setVersions(const QList<int>& versions)
{
    const int from = fromVersion();
    const int to = toVersion();
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->clear();
        m_to->clear();
        for (int version : versions) {
            m_from->addItem(QString::number(version), version);
            m_to->addItem(QString::number(version), version);
        }
        const bool keep = versions.contains(from) && versions.contains(to);
        const int count = int(versions.size());
        m_from->setCurrentIndex(keep ? m_from->findData(from) : std::max(0, count - 2));
        m_to->setCurrentIndex(keep ? m_to->findData(to) : count - 1);
    }
    update();
}

void SchemaDiffView::compare(int fromVersion, int toVersion)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setCurrentIndex(m_from->findData(fromVersion));
        m_to->setCurrentIndex(m_to->findData(toVersion));
    }
    update();
}

void SchemaDiffView::setSchema(int version, const QString& text)
{
    m_schemas.insert(version, text);
    if (version == fromVersion() || version == toVersion())
        update();
}

void SchemaDiffView::clear()
{
    m_schemas.clear();
    setVersions({});
}

int SchemaDiffView::fromVersion() const { return m_from->currentIndex() >= 0 ? m_from->currentData().toInt() : -1; }

int SchemaDiffView::toVersion() const { return m_to->currentIndex() >= 0 ? m_to->currentData().toInt() : -1; }

QString SchemaDiffView::summary() const { return m_summary->text(); }

void SchemaDiffView::update()
{
    m_text->clear();
    const int from = fromVersion();
    const int to = toVersion();
    if (from < 0 || to < 0) {
        m_summary->setText(m_from->count() < 2 ? tr("Only one version: nothing to compare") : QString());
        return;
    }
    const bool haveFrom = m_schemas.contains(from);
    const bool haveTo = m_schemas.contains(to);
    if (!haveFrom || !haveTo) {
        m_summary->setText(tr("Loading…"));
        if (!haveFrom)
            Q_EMIT schemaNeeded(from);
        if (!haveTo && to != from)
            Q_EMIT schemaNeeded(to);
        return;
    }
    const LineDiff diff = diffTexts(m_schemas.value(from), m_schemas.value(to));
    QStringList lines;
    lines.reserve(diff.lines.size());
    for (const DiffLine& line : diff.lines) {
        const QLatin1String mark = line.kind == DiffLine::Kind::Same ? QLatin1String("  ")
            : line.kind == DiffLine::Kind::Removed                   ? QLatin1String("- ")
                                                                     : QLatin1String("+ ");
        lines.append(mark + line.text);
    }
    m_text->setPlainText(lines.join(QLatin1Char('\n')));

    // Background of whole lines, as every diff tool shows them.
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = m_text->document()->firstBlock();
    for (const DiffLine& line : diff.lines) {
        if (line.kind != DiffLine::Kind::Same) {
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(
                line.kind == DiffLine::Kind::Removed ? QColor(0xff, 0xdc, 0xe0) : QColor(0xd4, 0xf5, 0xdb));
            selection.format.setForeground(QColor(0x20, 0x20, 0x20));
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.cursor = QTextCursor(block);
            selections.append(selection);
        }
        block = block.next();
    }
    m_text->setExtraSelections(selections);

    if (diff.identical())
        m_summary->setText(from == to ? tr("Same version") : tr("No differences"));
    else {
        QStringList parts;
        if (diff.removed > 0)
            parts.append(tr("%n line(s) removed", nullptr, diff.removed));
        if (diff.added > 0)
            parts.append(tr("%n line(s) added", nullptr, diff.added));
        m_summary->setText(parts.join(QStringLiteral(", "))
            + (diff.approximate ? tr(" (too large for a line-by-line match)") : QString()));
    }
}

} // namespace Samsa

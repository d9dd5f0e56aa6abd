#include "filterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QVBoxLayout>

namespace Samsa {

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_header(new QLineEdit(this))
    , m_pattern(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Aa"), this))
    , m_progress(new QProgressBar(this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this))
{
    m_mode->setObjectName(QStringLiteral("filterModeCombo"));
    m_mode->addItem(tr("Text"), int(MessageFilterSpec::Mode::Text));
    m_mode->addItem(tr("Regex"), int(MessageFilterSpec::Mode::RegularExpression));
    m_mode->addItem(tr("Expression"), int(MessageFilterSpec::Mode::Expression));
    m_scope->setObjectName(QStringLiteral("filterScopeCombo"));
    m_scope->addItem(tr("Anywhere"), int(MessageFilterSpec::Scope::All));
    m_scope->addItem(tr("Key"), int(MessageFilterSpec::Scope::Key));
    m_scope->addItem(tr("Value"), int(MessageFilterSpec::Scope::Value));
    m_scope->addItem(tr("Header"), int(MessageFilterSpec::Scope::Header));
    m_header->setObjectName(QStringLiteral("filterHeaderEdit"));
    m_header->setPlaceholderText(tr("header name"));
    m_header->setMaximumWidth(140);
    m_pattern->setObjectName(QStringLiteral("filterEdit"));
    m_pattern->setClearButtonEnabled(true);
    m_caseSensitive->setObjectName(QStringLiteral("filterCaseCheck"));
    m_caseSensitive->setToolTip(tr("Match case"));
    m_progress->setObjectName(QStringLiteral("filterProgress"));
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_count->setObjectName(QStringLiteral("filterCountLabel"));
    m_error->setObjectName(QStringLiteral("filterErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Filter:"), this));
    row->addWidget(m_mode);
    row->addWidget(m_scope);
    row->addWidget(m_header);
    row->addWidget(m_pattern, 1);
    row->addWidget(m_caseSensitive);
    row->addWidget(m_progress);
    row->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_error);

    m_typing.setSingleShot(true);
    m_typing.setInterval(TypingPauseMs);
    connect(&m_typing, &QTimer::timeout, this, &FilterBar::changed);
    connect(m_pattern, &QLineEdit::textEdited, this, [this] { m_typing.start(); });
    connect(m_pattern, &QLineEdit::returnPressed, this, &FilterBar::changed);
    // The clear button does not count as editing.
    connect(m_pattern, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            changed();
    });
    connect(m_header, &QLineEdit::returnPressed, this, &FilterBar::changed);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateInputs();
        changed();
    });
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        updateInputs();
        changed();
    });
    connect(m_caseSensitive, &QCheckBox::toggled, this, &FilterBar::changed);
    updateInputs();
}

void FilterBar::updateInputs()
{
    const auto mode = MessageFilterSpec::Mode(m_mode->currentData().toInt());
    const bool expression = mode == MessageFilterSpec::Mode::Expression;
    m_scope->setVisible(!expression);
    m_caseSensitive->setVisible(!expression);
    m_header->setVisible(!expression && MessageFilterSpec::Scope(m_scope->currentData().toInt()) == MessageFilterSpec::Scope::Header);
    switch (mode) {
    case MessageFilterSpec::Mode::Text:
        m_pattern->setPlaceholderText(tr("Text in the key, value or headers (Ctrl+F)"));
        break;
    case MessageFilterSpec::Mode::RegularExpression:
        m_pattern->setPlaceholderText(tr("Regular expression, e.g. ^order-\\d+$"));
        break;
    case MessageFilterSpec::Mode::Expression:
        m_pattern->setPlaceholderText(tr("Field expression, e.g. value.status == \"PAID\" && value.amount > 100"));
        break;
    }
}

void FilterBar::changed()
{
    m_typing.stop();
    Q_EMIT filterChanged();
}

MessageFilterSpec FilterBar::spec() const
{
    MessageFilterSpec spec;
    spec.mode = MessageFilterSpec::Mode(m_mode->currentData().toInt());
    spec.scope = MessageFilterSpec::Scope(m_scope->currentData().toInt());
    spec.pattern = m_pattern->text();
    spec.headerName = m_header->text().trimmed();
    spec.caseSensitive = m_caseSensitive->isChecked();
    return spec;
}

bool FilterBar::isEmpty() const { return m_pattern->text().trimmed().isEmpty(); }

void FilterBar::showProgress(qint64 done, qint64 total)
{
    m_progress->setVisible(true);
    // QProgressBar holds ints: scale to per mille.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
}

void FilterBar::showCount(qint64 matches, qint64 total)
{
    m_progress->hide();
    m_error->hide();
    m_count->setText(isEmpty() ? tr("%L1 messages").arg(total) : tr("%L1 of %L2 match").arg(matches).arg(total));
}

void FilterBar::showError(const QString& error)
{
    m_progress->hide();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        m_count->setText(tr("invalid filter"));
}

QString FilterBar::countText() const { return m_count->text(); }

QString FilterBar::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }

void FilterBar::focusPattern()
{
    m_pattern->setFocus(Qt::ShortcutFocusReason);
    m_pattern->selectAll();
}

} // namespace Samsa

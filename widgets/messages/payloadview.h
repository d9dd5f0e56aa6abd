#pragma once

// One side of a message (its key or its value) in the detail pane: the decoded form as text (pretty
// JSON with syntax colouring) or as a folding tree, the reason when it could not be decoded, and the
// raw bytes as a hex dump beside it. Nothing is cut: the text holds the whole payload, the hex dump
// pages through every byte.

#include "decoding/decodedpayload.h"

#include <QJsonValue>
#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace Samsa {

class HexDumpView;
class JsonHighlighter;
class JsonTreeModel;
class MessageBar;

// A payload made ready for showing (decoding and pretty-printing may run on a worker thread).
struct LoadedPayload {
    bool isNull = true;
    QByteArray raw;
    DecodedPayload decoded;
    QString text; // what the text view shows
    QJsonValue tree = QJsonValue(QJsonValue::Undefined); // parsed JSON for the tree view
};

class PayloadView : public QWidget {
    Q_OBJECT
public:
    // Above this many characters the text view has no syntax colouring: colouring runs over every
    // line at once and would stall the window on a document of several megabytes.
    static constexpr int MaxHighlightedChars = 1024 * 1024;

    // `name` prefixes the children's object names ("value": valueText, valueTree, valueHex, ...).
    PayloadView(const QString& name, QWidget* parent = nullptr);

    void showPayload(const LoadedPayload& payload);
    // The raw bytes at once, "Loading…" until showPayload() follows.
    void showLoading(const QByteArray& raw);
    void clear();

    bool treeMode() const;
    void setTreeMode(bool tree);
    QString text() const;

private:
    void updateMode();

    QLabel* m_format;
    QToolButton* m_textButton;
    QToolButton* m_treeButton;
    QToolButton* m_copyButton;
    MessageBar* m_message;
    QStackedWidget* m_stack;
    QPlainTextEdit* m_text;
    QTreeView* m_tree;
    JsonTreeModel* m_treeModel;
    QLabel* m_placeholder;
    HexDumpView* m_hex;
    QSplitter* m_splitter;
    JsonHighlighter* m_highlighter = nullptr;
    bool m_hasTree = false;
    bool m_loading = false;
};

} // namespace Samsa

#pragma once

// Syntax colouring of JSON text in any QTextDocument (a schema, a message value): object keys,
// strings, numbers and true/false/null each get a colour that reads on light and dark palettes.
// Line by line, with no state carried between lines, so it stays cheap on large documents (a
// string broken across lines is rare in pretty-printed JSON and only loses its colour).

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Samsa {

class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace Samsa

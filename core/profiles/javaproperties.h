#pragma once

// The syntax of java.util.Properties text: key=value, key: value or "key value", # and ! comments,
// backslash line continuation, backslash escapes (\t, \n, \uXXXX, ...).

#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa {

struct JavaProperty {
    int line = 0; // where the logical line starts, 1-based
    QString key;
    QString value; // surrounding whitespace removed
};

// Lines without a key are reported in errors as "line N: ..." and skipped.
QList<JavaProperty> parseJavaProperties(const QString& text, QStringList* errors);

} // namespace Samsa

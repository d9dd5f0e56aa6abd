#pragma once

// Validates JSON text (RFC 8259, UTF-8) and rewrites it compact or indented in one pass, keeping
// numbers and strings byte for byte: a value shows exactly what was sent (QJsonDocument would turn
// 1.10 into 1.1 and big integers into doubles). Iterative, so hostile nesting cannot overflow the
// stack; indentation stops growing at a fixed depth so that output stays linear in the input.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Samsa::JsonText {

struct Result {
    bool ok = false;
    QByteArray json;
    QString error; // "expected ':' after an object key at byte 12"
    qsizetype errorOffset = -1;
    bool isContainer = false; // the top-level value is an object or an array
};

Result normalize(QByteArrayView input, bool pretty);

} // namespace Samsa::JsonText

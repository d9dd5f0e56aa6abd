#pragma once

// What every samsactl command prints: results on stdout, written and flushed at once (a pipe reader
// sees each line as it comes), and errors on stderr, prefixed "samsactl: ".

#include <QByteArray>
#include <QString>

namespace Samsa::Ctl {

void writeOut(const QByteArray& bytes);
void printError(const QString& message);

} // namespace Samsa::Ctl

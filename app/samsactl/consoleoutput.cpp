#include "consoleoutput.h"

#include <cstdio>

namespace Samsa::Ctl {

void writeOut(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printError(const QString& message)
{
    std::fprintf(stderr, "samsactl: %s\n", message.toLocal8Bit().constData());
}

} // namespace Samsa::Ctl

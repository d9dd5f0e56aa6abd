#include "freeport.h"

#include <QTcpServer>

namespace Samsa {

bool isPortFree(quint16 port)
{
    QTcpServer probe;
    return port != 0 && probe.listen(QHostAddress::LocalHost, port);
}

quint16 findFreePort(quint16 busy)
{
    // Nearby ports are easier to remember than whatever the system picks.
    for (int port = busy + 1; port <= busy + 100 && port <= 65535; ++port)
        if (isPortFree(quint16(port)))
            return quint16(port);
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace Samsa

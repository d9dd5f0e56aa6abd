#pragma once

// A TCP port on 127.0.0.1 that nothing listens on: bound once to learn a free port, then released.

#include <QTcpServer>

namespace Samsa::Test {

inline quint16 closedLocalPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace Samsa::Test

#pragma once

// Finding a TCP port on 127.0.0.1 that nothing listens on, to offer when the configured one is busy.

#include <QtGlobal>

namespace Samsa {

// The first port above `busy` (up to 100 further) that can be listened on, else any free port the
// system picks; 0 when none can be found. Another program may still take it before it is used.
quint16 findFreePort(quint16 busy);
bool isPortFree(quint16 port);

} // namespace Samsa

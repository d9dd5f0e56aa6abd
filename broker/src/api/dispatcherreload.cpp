#include "api/dispatcher.h"

#include "security/userstore.h"

namespace samsa::broker::api {

// Kept apart from dispatcher.cpp: what a reload touches belongs to the security code. Runs on a
// pool thread; connections go on reading the old users until the new ones are swapped in.
void Dispatcher::reload()
{
    if (m_broker.users)
        m_broker.users->reload();
}

} // namespace samsa::broker::api

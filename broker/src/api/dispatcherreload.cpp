#include "api/dispatcher.h"

namespace samsa::broker::api {

// Kept apart from dispatcher.cpp: what a reload touches belongs to the security code.
void Dispatcher::reload()
{
}

} // namespace samsa::broker::api

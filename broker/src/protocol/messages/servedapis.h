#pragma once

// Every API this broker serves, each described once by its messages/<name>.h: key, versions,
// first flexible version, request and response fields. ApiVersions advertises this list, the
// dispatcher routes by it, and the tests round-trip each entry at each version. Adding an API is
// one line here and one handle() overload in api/handlers.h.

#include "protocol/messages/describecluster.h"
#include "protocol/messages/findcoordinator.h"

#include <cstdint>

namespace samsa::broker::protocol {

template <class... Apis> struct ApiList {
    static constexpr size_t size = sizeof...(Apis);

    // Calls f.template operator()<Api>() for each API.
    template <class F> static void forEach(F&& f) { (f.template operator()<Apis>(), ...); }

    // Calls f.template operator()<Api>() for the API with this key; false when none has it.
    template <class F> static bool visit(int16_t key, F&& f)
    {
        return ((static_cast<int16_t>(Apis::key) == key ? (f.template operator()<Apis>(), true) : false) || ...);
    }
};

using ServedApis = ApiList<
    FindCoordinatorApi,
    DescribeClusterApi
>;

} // namespace samsa::broker::protocol

#pragma once

// A ConnectionContext without a socket, for tests that drive the Dispatcher directly: a parked
// request's retry is kept in `parked`, and `woken` tells whether data arrived since.

#include "api/connectioncontext.h"
#include "api/dispatcher.h"

#include <functional>
#include <string>

namespace samsa::broker::test {

class FakeConnection : public api::ConnectionContext {
public:
    explicit FakeConnection(api::Dispatcher& dispatcher)
        : m_dispatcher(dispatcher)
    {
    }
    const std::string& peer() const override { return m_peer; }
    void park(int, std::function<void(bool)> retry) override
    {
        parked = std::move(retry);
        woken = false;
        m_dispatcher.notifier().add([this] { woken = true; });
    }
    bool stopping() const override { return false; }

    std::function<void(bool)> parked;
    bool woken = false;

private:
    api::Dispatcher& m_dispatcher;
    std::string m_peer = "test";
};

} // namespace samsa::broker::test

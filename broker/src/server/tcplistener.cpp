#include "server/tcplistener.h"

namespace samsa::broker::server {

bool listenOn(asio::io_context& io, asio::ip::tcp::acceptor& acceptor, const std::string& host, uint16_t port,
    uint16_t* boundPort, ListenFailure* failure)
{
    asio::error_code ec;
    asio::ip::tcp::endpoint endpoint;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) {
        // Not a literal address: resolve the host name.
        asio::ip::tcp::resolver resolver(io);
        auto results = resolver.resolve(host, std::to_string(port), ec);
        if (ec || results.empty()) {
            *failure = { true, ec.message() };
            return false;
        }
        endpoint = results.begin()->endpoint();
    } else {
        endpoint = asio::ip::tcp::endpoint(address, port);
    }
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        *failure = { false, ec.message() };
        asio::error_code ignored;
        acceptor.close(ignored);
        return false;
    }
    *boundPort = acceptor.local_endpoint(ec).port();
    return true;
}

} // namespace samsa::broker::server

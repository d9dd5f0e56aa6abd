#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace samsa::broker {

// Keeps the first request frame of each (client id, API, version) as a file, for the protocol
// tests' fixtures (tests/data/kafka-requests/, made by tests/broker/conformance/capture_requests.py).
// Off unless the environment names a directory in SAMSA_BROKER_CAPTURE_DIR: a developer aid, never
// a setting of a running broker.
class RequestCapture {
public:
    static RequestCapture& instance();

    bool enabled() const { return !m_dir.empty(); }
    // frame: the request without its size prefix.
    void capture(const std::vector<uint8_t>& frame);

private:
    RequestCapture();

    std::string m_dir;
    std::mutex m_mutex;
    std::set<std::tuple<std::string, int16_t, int16_t>> m_seen;
};

} // namespace samsa::broker

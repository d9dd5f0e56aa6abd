#pragma once

// Fills a typed Kafka message with sample values for one version: every field that exists in that
// version (tagged ones too) gets a distinct non-default value, and every array two elements, so
// that a round trip through the encoder and decoder exercises each field's wire form.

#include "protocol/messagecodec.h"

#include <string>

namespace samsa::broker::test {

class MessageFiller {
public:
    explicit MessageFiller(int16_t version)
        : m_version(version)
    {
    }

    template <class T> void field(T& value, protocol::Versions versions = {})
    {
        if (versions.contains(m_version))
            fill(value);
    }

    template <class T> void tagged(int32_t, T& value, protocol::Versions versions, const T& = T {})
    {
        if (versions.contains(m_version))
            fill(value);
    }

    template <class T> void fillStruct(T& s) { s.fields(*this); }

private:
    int next() { return ++m_counter; }

    void fill(bool& v) { v = true; }
    void fill(int8_t& v) { v = static_cast<int8_t>(next() % 100 + 1); }
    void fill(int16_t& v) { v = static_cast<int16_t>(next() + 300); }
    void fill(int32_t& v) { v = next() * 70001; }
    void fill(int64_t& v) { v = int64_t(next()) * 5000000011LL; }
    void fill(uint16_t& v) { v = static_cast<uint16_t>(next() + 40000); }
    void fill(uint32_t& v) { v = static_cast<uint32_t>(next()) * 3000000001u; }
    void fill(std::string& v) { v = "value-" + std::to_string(next()) + "-\xc3\xa9"; }
    void fill(std::optional<std::string>& v) { fill(v.emplace()); }
    void fill(protocol::Uuid& v)
    {
        for (size_t i = 0; i < v.size(); ++i)
            v[i] = static_cast<uint8_t>(next() + int(i));
    }
    void fill(protocol::Bytes& v) { v = { uint8_t(next()), 0, 0xff, 7 }; }
    void fill(std::optional<protocol::Bytes>& v) { fill(v.emplace()); }
    void fill(protocol::Records& v)
    {
        static const uint8_t sample[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        v.bytes = std::span<const uint8_t>(sample);
    }
    template <class T> void fill(std::vector<T>& v)
    {
        v.resize(2);
        for (T& e : v)
            fill(e);
    }
    template <class T> void fill(std::optional<std::vector<T>>& v) { fill(v.emplace()); }
    template <class T> void fill(T& s) { s.fields(*this); }

    int16_t m_version;
    int m_counter = 0;
};

} // namespace samsa::broker::test

#pragma once

// Small pieces of HTTP/1.1 syntax shared by the request head reader (httprequest.cpp) and the
// framing parser (httprequestparser.cpp). ASCII only, as the grammar is.

#include <string>
#include <string_view>

namespace samsa::broker::registry::httptext {

inline std::string lower(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// Without the optional whitespace (spaces and tabs) around a header value.
inline std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace samsa::broker::registry::httptext

#include "common/base64.h"

#include <cstdint>

namespace samsa::broker {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace

std::string encodeBase64(std::string_view data)
{
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const uint32_t bits
            = uint32_t(uint8_t(data[i])) << 16 | uint32_t(uint8_t(data[i + 1])) << 8 | uint32_t(uint8_t(data[i + 2]));
        out += kAlphabet[(bits >> 18) & 63];
        out += kAlphabet[(bits >> 12) & 63];
        out += kAlphabet[(bits >> 6) & 63];
        out += kAlphabet[bits & 63];
    }
    const size_t rest = data.size() - i;
    if (rest > 0) {
        uint32_t bits = uint32_t(uint8_t(data[i])) << 16;
        if (rest == 2)
            bits |= uint32_t(uint8_t(data[i + 1])) << 8;
        out += kAlphabet[(bits >> 18) & 63];
        out += kAlphabet[(bits >> 12) & 63];
        out += rest == 2 ? kAlphabet[(bits >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> decodeBase64(std::string_view text)
{
    if (text.size() % 4 != 0)
        return std::nullopt;
    size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
        ++padding;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    uint32_t bits = 0;
    int count = 0;
    for (size_t i = 0; i < text.size() - padding; ++i) {
        const int value = base64Value(text[i]);
        if (value < 0)
            return std::nullopt;
        bits = (bits << 6) | uint32_t(value);
        if (++count == 4) {
            out += static_cast<char>((bits >> 16) & 0xff);
            out += static_cast<char>((bits >> 8) & 0xff);
            out += static_cast<char>(bits & 0xff);
            bits = 0;
            count = 0;
        }
    }
    // Canonical form only: the bits the padding leaves over must be zero.
    if (count == 3) {
        if (bits & 0x3)
            return std::nullopt;
        out += static_cast<char>((bits >> 10) & 0xff);
        out += static_cast<char>((bits >> 2) & 0xff);
    } else if (count == 2) {
        if (bits & 0xf)
            return std::nullopt;
        out += static_cast<char>((bits >> 4) & 0xff);
    } else if (count != 0) {
        return std::nullopt;
    }
    return out;
}

} // namespace samsa::broker

#pragma once

// The value of one hexadecimal digit, shared by the topic store's ids and the registry's HTTP
// (percent-escapes, chunk sizes).

namespace samsa::broker {

// 0..15 for 0-9, a-f and A-F; -1 for any other character.
inline int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace samsa::broker

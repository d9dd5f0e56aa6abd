#pragma once

// UTF-8 checks shared by the decoders: strict validation (no overlong forms, no surrogates, nothing
// above U+10FFFF) and the "is this text?" guess of the Auto format.

#include <QByteArrayView>

namespace Samsa::Utf8 {

// Length (1..4) of the valid sequence starting at p, 0 when it is invalid or cut off by end.
inline int sequenceLength(const unsigned char* p, const unsigned char* end)
{
    const unsigned char lead = *p;
    if (lead < 0x80)
        return 1;
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0; // overlong
        else if (lead == 0xED)
            high = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90; // overlong
        else if (lead == 0xF4)
            high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    if (p[1] < low || p[1] > high)
        return 0;
    for (int i = 2; i < length; ++i) {
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    }
    return length;
}

// Offset of the first byte that is not part of a valid sequence, -1 when all is valid.
qsizetype firstInvalid(QByteArrayView bytes);

// Valid UTF-8 in which control characters other than tab, line feed, form feed and carriage
// return make up no more than 1 in 20 characters: what Auto shows as text rather than hex.
bool looksLikeText(QByteArrayView bytes);

} // namespace Samsa::Utf8

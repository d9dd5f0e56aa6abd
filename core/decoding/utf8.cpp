#include "utf8.h"

namespace Samsa::Utf8 {

qsizetype firstInvalid(QByteArrayView bytes)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = begin + bytes.size();
    const auto* p = begin;
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const int length = sequenceLength(p, end);
        if (length == 0)
            return p - begin;
        p += length;
    }
    return -1;
}

bool looksLikeText(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto* end = p + bytes.size();
    qsizetype characters = 0;
    qsizetype controls = 0;
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
                ++controls;
            ++p;
        } else {
            const int length = sequenceLength(p, end);
            if (length == 0)
                return false;
            // C1 controls (U+0080..U+009F) are as unreadable as C0 ones.
            if (c == 0xC2 && p[1] < 0xA0)
                ++controls;
            p += length;
        }
        ++characters;
    }
    return controls * 20 <= characters;
}

} // namespace Samsa::Utf8

// The rendering half of avrologicaltext.h; parsing is in avrologicaltextparse.cpp.

#include "avrologicaltext.h"

#include <charconv>
#include <vector>

namespace Samsa::AvroLogicalText {

namespace {

constexpr int64_t MinDay = -719162; // 0001-01-01
constexpr int64_t MaxDay = 2932896; // 9999-12-31

int64_t floorDiv(int64_t a, int64_t b)
{
    const int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void appendPadded(std::string& out, uint64_t value, int width)
{
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)ec;
    for (int i = static_cast<int>(end - buffer); i < width; ++i)
        out += '0';
    out.append(buffer, end);
}

int digitsOf(int64_t unitsPerSecond)
{
    int digits = 0;
    for (int64_t u = unitsPerSecond; u > 1; u /= 10)
        ++digits;
    return digits;
}

void civilFromDays(int64_t z, int64_t* year, unsigned* month, unsigned* day)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = static_cast<int64_t>(yoe) + era * 400 + (*month <= 2 ? 1 : 0);
}

void appendCivilDate(std::string& out, int64_t days)
{
    int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, &year, &month, &day);
    appendPadded(out, static_cast<uint64_t>(year), 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, day, 2);
}

void appendClock(std::string& out, int64_t secondOfDay, int64_t fraction, int fractionDigits)
{
    appendPadded(out, static_cast<uint64_t>(secondOfDay / 3600), 2);
    out += ':';
    appendPadded(out, static_cast<uint64_t>(secondOfDay / 60 % 60), 2);
    out += ':';
    appendPadded(out, static_cast<uint64_t>(secondOfDay % 60), 2);
    if (fractionDigits > 0) {
        out += '.';
        appendPadded(out, static_cast<uint64_t>(fraction), fractionDigits);
    }
}

uint32_t littleEndian32(const uint8_t* p)
{
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16
        | static_cast<uint32_t>(p[3]) << 24;
}

} // namespace

int64_t daysFromCivil(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool appendDecimal(std::string& out, const uint8_t* bytes, size_t size, int scale)
{
    if (size > MaxDecimalBytes)
        return false;
    const bool negative = size > 0 && (bytes[0] & 0x80);
    // The magnitude, big-endian: for a negative value the two's complement of the bytes.
    std::vector<uint8_t> magnitude(bytes, bytes + size);
    if (negative) {
        unsigned carry = 1;
        for (size_t i = size; i-- > 0;) {
            const unsigned v = static_cast<uint8_t>(~magnitude[i]) + carry;
            magnitude[i] = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
    }
    // Base 256 to base 10^9 by repeated division, then to digits.
    std::vector<uint32_t> chunks;
    size_t first = 0;
    while (first < magnitude.size() && magnitude[first] == 0)
        ++first;
    while (first < magnitude.size()) {
        uint64_t remainder = 0;
        for (size_t i = first; i < magnitude.size(); ++i) {
            const uint64_t current = (remainder << 8) | magnitude[i];
            magnitude[i] = static_cast<uint8_t>(current / 1'000'000'000);
            remainder = current % 1'000'000'000;
        }
        chunks.push_back(static_cast<uint32_t>(remainder));
        while (first < magnitude.size() && magnitude[first] == 0)
            ++first;
    }
    std::string digits;
    if (chunks.empty()) {
        digits = "0";
    } else {
        appendPadded(digits, chunks.back(), 0);
        for (size_t i = chunks.size() - 1; i-- > 0;)
            appendPadded(digits, chunks[i], 9);
    }
    if (negative && digits != "0")
        out += '-';
    if (scale <= 0) {
        out += digits;
        return true;
    }
    const auto needed = static_cast<size_t>(scale) + 1;
    if (digits.size() < needed)
        digits.insert(0, needed - digits.size(), '0');
    out.append(digits, 0, digits.size() - static_cast<size_t>(scale));
    out += '.';
    out.append(digits, digits.size() - static_cast<size_t>(scale), std::string::npos);
    return true;
}

bool appendTimestamp(std::string& out, int64_t value, int64_t unitsPerSecond, bool utc)
{
    const int64_t seconds = floorDiv(value, unitsPerSecond);
    // The remainder, not value - seconds * unitsPerSecond: that product overflows near INT64_MIN.
    const int64_t fraction = value % unitsPerSecond < 0 ? value % unitsPerSecond + unitsPerSecond : value % unitsPerSecond;
    const int64_t days = floorDiv(seconds, 86400);
    if (days < MinDay || days > MaxDay)
        return false;
    appendCivilDate(out, days);
    out += 'T';
    appendClock(out, seconds - days * 86400, fraction, digitsOf(unitsPerSecond));
    if (utc)
        out += 'Z';
    return true;
}

bool appendDate(std::string& out, int64_t daysSinceEpoch)
{
    if (daysSinceEpoch < MinDay || daysSinceEpoch > MaxDay)
        return false;
    appendCivilDate(out, daysSinceEpoch);
    return true;
}

bool appendTimeOfDay(std::string& out, int64_t value, int64_t unitsPerSecond)
{
    if (value < 0 || value >= 86400 * unitsPerSecond)
        return false;
    appendClock(out, value / unitsPerSecond, value % unitsPerSecond, digitsOf(unitsPerSecond));
    return true;
}

void appendUuid(std::string& out, const uint8_t* bytes16)
{
    static constexpr char Hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += Hex[bytes16[i] >> 4];
        out += Hex[bytes16[i] & 0xf];
    }
}

void appendDuration(std::string& out, const uint8_t* bytes12)
{
    const uint32_t months = littleEndian32(bytes12);
    const uint32_t days = littleEndian32(bytes12 + 4);
    const uint32_t millis = littleEndian32(bytes12 + 8);
    out += 'P';
    if (months) {
        appendPadded(out, months, 0);
        out += 'M';
    }
    if (days) {
        appendPadded(out, days, 0);
        out += 'D';
    }
    if (millis || (!months && !days)) {
        out += 'T';
        const uint32_t hours = millis / 3'600'000;
        const uint32_t minutes = millis / 60'000 % 60;
        const uint32_t seconds = millis / 1000 % 60;
        const uint32_t rest = millis % 1000;
        if (hours) {
            appendPadded(out, hours, 0);
            out += 'H';
        }
        if (minutes) {
            appendPadded(out, minutes, 0);
            out += 'M';
        }
        if (seconds || rest || (!hours && !minutes)) {
            appendPadded(out, seconds, 0);
            if (rest) {
                out += '.';
                appendPadded(out, rest, 3);
            }
            out += 'S';
        }
    }
}

} // namespace Samsa::AvroLogicalText

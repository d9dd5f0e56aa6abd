// The parsing half of avrologicaltext.h: readable text back to Avro's underlying values.

#include "avrologicaltext.h"

#include <vector>

namespace Samsa::AvroLogicalText {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos == m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // Exactly `count` digits.
    bool number(int count, int64_t* value)
    {
        int64_t v = 0;
        for (int i = 0; i < count; ++i) {
            const char c = peek();
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
            ++m_pos;
        }
        *value = v;
        return true;
    }
    // One or more digits, at most 18 of them.
    bool digits(int64_t* value, int* count = nullptr)
    {
        int n = 0;
        int64_t v = 0;
        while (peek() >= '0' && peek() <= '9') {
            if (++n > 18)
                return false;
            v = v * 10 + (peek() - '0');
            ++m_pos;
        }
        if (count)
            *count = n;
        *value = v;
        return n > 0;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

bool isLeapYear(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool readDate(Cursor& in, int64_t* days)
{
    int64_t year = 0;
    int64_t month = 0;
    int64_t day = 0;
    if (!in.number(4, &year) || !in.take('-') || !in.number(2, &month) || !in.take('-') || !in.number(2, &day))
        return false;
    static constexpr int MonthDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    if (day > MonthDays[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0))
        return false;
    *days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return true;
}

// "HH:MM[:SS[.fraction]]" in units of 1/unitsPerSecond after midnight.
bool readClock(Cursor& in, int64_t unitsPerSecond, int64_t* value)
{
    int64_t hours = 0;
    int64_t minutes = 0;
    int64_t seconds = 0;
    int64_t fraction = 0;
    if (!in.number(2, &hours) || !in.take(':') || !in.number(2, &minutes))
        return false;
    if (in.take(':')) {
        if (!in.number(2, &seconds))
            return false;
        if (in.take('.')) {
            // Digits past the unit must be zeros: refuse rather than round.
            int count = 0;
            for (int64_t scale = unitsPerSecond / 10; in.peek() >= '0' && in.peek() <= '9'; ++count) {
                const int digit = in.peek() - '0';
                if (scale == 0 && digit != 0)
                    return false;
                fraction += digit * scale;
                scale /= 10;
                in.take(in.peek());
            }
            if (count == 0)
                return false;
        }
    }
    if (hours > 23 || minutes > 59 || seconds > 59)
        return false;
    *value = ((hours * 60 + minutes) * 60 + seconds) * unitsPerSecond + fraction;
    return true;
}

bool fitsMultiply(int64_t a, int64_t b, int64_t add, int64_t* out)
{
    return !__builtin_mul_overflow(a, b, out) && !__builtin_add_overflow(*out, add, out);
}

} // namespace

std::optional<std::string> parseDecimal(std::string_view text, int scale, int fixedSize)
{
    size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
        negative = text[pos++] == '-';
    std::string digits;
    int fractionDigits = 0;
    bool seenPoint = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '.' && !seenPoint) {
            seenPoint = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        digits += c;
        if (seenPoint)
            ++fractionDigits;
    }
    if (digits.empty() || fractionDigits > scale || digits.size() > MaxDecimalBytes * 2)
        return std::nullopt;
    digits.append(static_cast<size_t>(scale - fractionDigits), '0');
    // Decimal digits to a big-endian magnitude with one spare leading byte for the sign.
    std::vector<uint8_t> magnitude(1, 0);
    for (const char c : digits) {
        unsigned carry = static_cast<unsigned>(c - '0');
        for (size_t i = magnitude.size(); i-- > 0;) {
            const unsigned v = magnitude[i] * 10u + carry;
            magnitude[i] = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
        if (carry)
            magnitude.insert(magnitude.begin(), static_cast<uint8_t>(carry));
        if (magnitude[0] != 0)
            magnitude.insert(magnitude.begin(), 0);
    }
    if (negative) {
        unsigned carry = 1;
        for (size_t i = magnitude.size(); i-- > 0;) {
            const unsigned v = static_cast<uint8_t>(~magnitude[i]) + carry;
            magnitude[i] = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
    }
    // The shortest two's complement form: drop leading bytes that only repeat the sign.
    size_t first = 0;
    while (first + 1 < magnitude.size()
        && ((magnitude[first] == 0 && !(magnitude[first + 1] & 0x80))
            || (magnitude[first] == 0xff && (magnitude[first + 1] & 0x80))))
        ++first;
    std::string out(magnitude.begin() + static_cast<std::ptrdiff_t>(first), magnitude.end());
    if (fixedSize >= 0) {
        if (out.size() > static_cast<size_t>(fixedSize))
            return std::nullopt;
        const char fill = (!out.empty() && (static_cast<uint8_t>(out[0]) & 0x80)) ? '\xff' : '\0';
        out.insert(0, static_cast<size_t>(fixedSize) - out.size(), fill);
    }
    return out;
}

std::optional<int64_t> parseTimestamp(std::string_view text, int64_t unitsPerSecond, bool utc)
{
    Cursor in(text);
    int64_t days = 0;
    int64_t clock = 0;
    if (!readDate(in, &days) || !(in.take('T') || in.take(' ')) || !readClock(in, unitsPerSecond, &clock))
        return std::nullopt;
    int64_t offsetMinutes = 0;
    if (utc && !in.atEnd()) {
        // No zone at all reads as UTC; "Z" is UTC; "+02:00" is two hours ahead of it.
        if (!in.take('Z')) {
            const bool ahead = in.take('+');
            if (!ahead && !in.take('-'))
                return std::nullopt;
            int64_t hours = 0;
            int64_t minutes = 0;
            if (!in.number(2, &hours) || !in.take(':') || !in.number(2, &minutes) || hours > 23 || minutes > 59)
                return std::nullopt;
            offsetMinutes = (ahead ? 1 : -1) * (hours * 60 + minutes);
        }
    }
    if (!in.atEnd())
        return std::nullopt;
    int64_t value = 0;
    if (!fitsMultiply(days * 86400 - offsetMinutes * 60, unitsPerSecond, clock, &value))
        return std::nullopt;
    return value;
}

std::optional<int64_t> parseDate(std::string_view text)
{
    Cursor in(text);
    int64_t days = 0;
    if (!readDate(in, &days) || !in.atEnd())
        return std::nullopt;
    return days;
}

std::optional<int64_t> parseTimeOfDay(std::string_view text, int64_t unitsPerSecond)
{
    Cursor in(text);
    int64_t value = 0;
    if (!readClock(in, unitsPerSecond, &value) || !in.atEnd())
        return std::nullopt;
    return value;
}

std::optional<std::string> parseUuid(std::string_view text)
{
    if (text.size() != 36)
        return std::nullopt;
    std::string out;
    int high = -1;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return std::nullopt;
            continue;
        }
        int v = -1;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        if (v < 0)
            return std::nullopt;
        if (high < 0) {
            high = v;
        } else {
            out += static_cast<char>(high << 4 | v);
            high = -1;
        }
    }
    return out;
}

std::optional<std::string> parseDuration(std::string_view text)
{
    Cursor in(text);
    if (!in.take('P') || in.atEnd())
        return std::nullopt;
    int64_t months = 0;
    int64_t days = 0;
    int64_t millis = 0;
    bool inTime = false;
    bool any = false;
    while (!in.atEnd()) {
        if (!inTime && in.take('T')) {
            inTime = true;
            continue;
        }
        int64_t n = 0;
        if (!in.digits(&n) || n > UINT32_MAX)
            return std::nullopt;
        int64_t fraction = 0;
        if (in.take('.')) {
            int count = 0;
            if (!inTime || !in.digits(&fraction, &count) || count > 3)
                return std::nullopt;
            for (; count < 3; ++count)
                fraction *= 10;
            if (in.peek() != 'S')
                return std::nullopt;
        }
        const char unit = in.peek();
        in.take(unit);
        any = true;
        if (!inTime && unit == 'Y')
            months += n * 12;
        else if (!inTime && unit == 'M')
            months += n;
        else if (!inTime && unit == 'W')
            days += n * 7;
        else if (!inTime && unit == 'D')
            days += n;
        else if (inTime && unit == 'H')
            millis += n * 3'600'000;
        else if (inTime && unit == 'M')
            millis += n * 60'000;
        else if (inTime && unit == 'S')
            millis += n * 1000 + fraction;
        else
            return std::nullopt;
        if (months > UINT32_MAX || days > UINT32_MAX || millis > UINT32_MAX)
            return std::nullopt;
    }
    if (!any)
        return std::nullopt;
    std::string out(12, '\0');
    const int64_t parts[] = { months, days, millis };
    for (int part = 0; part < 3; ++part) {
        for (int b = 0; b < 4; ++b)
            out[static_cast<size_t>(part * 4 + b)] = static_cast<char>((parts[part] >> (8 * b)) & 0xff);
    }
    return out;
}

} // namespace Samsa::AvroLogicalText

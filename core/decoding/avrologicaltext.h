#pragma once

// Avro logical types as readable text and back: decimals as exact decimal strings, dates, times and
// timestamps as ISO-8601, uuids, durations. The decoder renders with the append functions; the
// encoder accepts the same text through the parse functions, so what is shown can be produced again.
//
// Ranges: dates and timestamps between 0001-01-01 and 9999-12-31, times within one day, decimals
// up to MaxDecimalBytes of unscaled value; outside them the append functions return false and the
// caller shows the raw number or bytes instead.
//
// Durations (fixed of 12: months, days, milliseconds) are shown as ISO-8601 durations with the
// three parts kept apart, since Avro does not convert between them: "P14M3DT1H2M3.004S"
// (14 months, 3 days, 3,723,004 ms); all zero is "PT0S".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Samsa::AvroLogicalText {

constexpr size_t MaxDecimalBytes = 1024;

// Big-endian two's complement unscaled value and a scale: "-12.34". False when too long.
bool appendDecimal(std::string& out, const uint8_t* bytes, size_t size, int scale);
// unitsPerSecond: 1,000 (millis), 1,000,000 (micros), 1,000,000,000 (nanos).
// "2024-05-01T12:00:00.000Z" (utc) or "2024-05-01T12:00:00.000" (local).
bool appendTimestamp(std::string& out, int64_t value, int64_t unitsPerSecond, bool utc);
bool appendDate(std::string& out, int64_t daysSinceEpoch); // "2024-05-01"
bool appendTimeOfDay(std::string& out, int64_t value, int64_t unitsPerSecond); // "13:45:00.250"
void appendUuid(std::string& out, const uint8_t* bytes16); // 8-4-4-4-12 lower-case hex
void appendDuration(std::string& out, const uint8_t* bytes12);

// The reverse; nullopt when the text is not of that form or out of range.
// Decimal: "-12.34", "5", "1e3" not allowed; at most `scale` fraction digits (fewer are padded).
// fixedSize < 0: as short as possible (bytes); else sign-extended to that size, nullopt if too big.
std::optional<std::string> parseDecimal(std::string_view text, int scale, int fixedSize);
// Timestamps accept "YYYY-MM-DDTHH:MM[:SS[.fraction]]" with "Z" or "+HH:MM" (utc) or without (local);
// a space may stand for the "T". A fraction finer than the unit is refused rather than rounded.
std::optional<int64_t> parseTimestamp(std::string_view text, int64_t unitsPerSecond, bool utc);
std::optional<int64_t> parseDate(std::string_view text);
std::optional<int64_t> parseTimeOfDay(std::string_view text, int64_t unitsPerSecond);
std::optional<std::string> parseUuid(std::string_view text); // 16 bytes
std::optional<std::string> parseDuration(std::string_view text); // 12 bytes

// Proleptic Gregorian calendar (H. Hinnant's algorithms); shared by the sample generator.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);

} // namespace Samsa::AvroLogicalText

#pragma once

// Walks an Avro binary datum with the schema model before avro-c reads it. avro-c trusts what the
// bytes say: a string length of 2^62 becomes an allocation, a negative one a wrapped size, an
// array of a billion nulls a loop that never ends, a recursive type nested a million deep a stack
// overflow, an enum index past its symbols a null pointer. This pass checks every length, count,
// union branch and enum index against the schema and the bytes actually there, and says where a
// datum goes wrong ("truncated data at byte 17"), which avro-c cannot tell. It allocates nothing.

#include <QString>
#include <cstddef>
#include <cstdint>

namespace Samsa {

class AvroSchemaBinding;

struct AvroDatumCheck {
    bool ok = false;
    QString error;
    int bytesRead = 0; // where the datum ended, or where the error was found
};

class AvroDatumValidator {
public:
    // Deeper JSON nesting than this (records, arrays and maps inside each other) is refused.
    static constexpr int MaxNesting = 100;
    // Items that take no bytes (nulls, empty records) cannot be checked against the bytes left, so
    // their number in one datum is capped.
    static constexpr int64_t MaxEmptyItems = 1'000'000;

    static AvroDatumCheck check(const AvroSchemaBinding& schema, const uint8_t* data, size_t size);
};

} // namespace Samsa

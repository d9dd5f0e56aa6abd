#pragma once

// A sample value for an Avro schema as plain JSON, for the produce dialog's "fill with sample": every
// field present, enums at their first symbol, one item in each array and map, a union at its first
// branch that is not null (null where a recursive type would otherwise never end), logical types in
// their readable form around the given time. AvroJsonEncoder accepts what it makes.

#include <QByteArray>
#include <QString>

namespace Samsa {

class AvroSampleGenerator {
public:
    // Empty with *error set when the schema is not valid Avro. nowMillis < 0 means the current time.
    static QByteArray generate(const QByteArray& schemaJson, QString* error, bool pretty = true, qint64 nowMillis = -1);
};

} // namespace Samsa

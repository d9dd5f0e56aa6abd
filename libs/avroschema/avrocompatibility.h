#pragma once

// Avro schema resolution (specification, "Schema Resolution"): can data written with one schema
// be read with another? The registry's compatibility levels are built from this check.

#include "avroschema/avroschema.h"

#include <string>
#include <vector>

namespace samsa::avro {

// Empty when `reader` can read everything `writer` wrote; otherwise one readable line per problem.
std::vector<std::string> readProblems(const AvroSchema& reader, const AvroSchema& writer);

enum class Compatibility { None, Backward, BackwardTransitive, Forward, ForwardTransitive, Full, FullTransitive };

std::optional<Compatibility> compatibilityFromName(const std::string& name);
const char* compatibilityName(Compatibility level);

// Checks `candidate` against `existing` (oldest first) as `level` asks: BACKWARD means the
// candidate reads data of the latest existing schema, FORWARD that the latest reads the
// candidate's data, FULL both; the TRANSITIVE forms check against every existing schema.
// Empty when compatible.
std::vector<std::string> compatibilityProblems(
    Compatibility level, const AvroSchema& candidate, const std::vector<const AvroSchema*>& existing);

} // namespace samsa::avro

#pragma once

// CRC-64-AVRO, the 64-bit Rabin fingerprint the Avro specification recommends for schemas
// ("Schema Fingerprints"). Single-object encoding (C3 01 + fingerprint) identifies the writer
// schema by the fingerprint of its Parsing Canonical Form, written little-endian.

#include <cstdint>
#include <string_view>

namespace samsa::avro {

uint64_t crc64Avro(std::string_view bytes);

} // namespace samsa::avro

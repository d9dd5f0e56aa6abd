#pragma once

// DescribeConfigs (API key 32) version 3, the newest non-flexible one: the first with each config's
// type and documentation (IncludeDocumentation), which librdkafka 2.0.2 never asks for. Encoding
// and decoding only; WireConnection sends it. Kafka 4 still answers v3.

#include "clustertypes.h"

#include <QByteArray>

namespace Samsa::DescribeConfigs {

constexpr qint16 ApiKey = 32;
constexpr qint16 Version = 3;

// Every config of one resource, with synonyms and documentation.
QByteArray encodeRequest(const ConfigResource& resource);

// The first resource of the answer into *result (entries sorted by name, defaultValue from the
// synonyms, or result->error for the resource's own error). False with *error set when the body is
// malformed.
bool decodeResponse(const QByteArray& body, ConfigResult* result, QString* error);

} // namespace Samsa::DescribeConfigs

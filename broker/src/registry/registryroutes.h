#pragma once

// The Confluent Schema Registry REST API over a SchemaRegistry: request paths and methods to
// operations, replies to HTTP responses.

#include "registry/httprequest.h"

namespace samsa::broker::registry {

class SchemaRegistry;

HttpResponse handleRegistryRequest(SchemaRegistry& registry, const HttpRequest& request);

} // namespace samsa::broker::registry

#pragma once

// DescribeAcls (API key 29) version 1, the newest non-flexible one (the first with pattern types;
// Kafka 4 still answers it). Samsa sends it itself because librdkafka 2.0.2 drops the error code of
// a DescribeAcls answer: a refusal (CLUSTER_AUTHORIZATION_FAILED, SECURITY_DISABLED) would read as
// an empty list. Encoding and decoding only; WireConnection sends it.

#include "acls/acltypes.h"

#include <QByteArray>

namespace Samsa::DescribeAcls {

constexpr qint16 ApiKey = 29;
constexpr qint16 Version = 1;

QByteArray encodeRequest(const AclFilter& filter);

// The answer into *result: its bindings, or result->error for the broker's refusal (its code in
// *errorCode). ACLs with values this build does not know are left out. False with *error set when
// the body is malformed.
bool decodeResponse(const QByteArray& body, AclActionResult* result, qint16* errorCode, QString* error);

} // namespace Samsa::DescribeAcls

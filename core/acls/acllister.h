#pragma once

// DescribeAcls that reports refusals: librdkafka 2.0.2 drops the error code of a DescribeAcls
// answer, so a principal not allowed to list ACLs, or a cluster without an authorizer, would see an
// empty list. Samsa's own wire client sends the request where it can connect (PLAINTEXT, SSL, SASL
// PLAIN); otherwise (SCRAM, OAUTHBEARER, GSSAPI) librdkafka asks, with that blind spot. For
// AclActions' worker thread.

#include "acls/acltypes.h"

#include <QList>
#include <QPair>

namespace Samsa {

class RdKafkaClient;

class AclLister {
public:
    AclLister(const QList<QPair<QString, QString>>& properties, int timeoutMs);

    AclActionResult list(RdKafkaClient& kafka, const AclFilter& filter) const;

private:
    // The broker's answer, or nullopt with *why when it could not be asked this way.
    std::optional<AclActionResult> listOverWire(RdKafkaClient& kafka, const AclFilter& filter, QString* why) const;

    QList<QPair<QString, QString>> m_properties;
    int m_timeoutMs;
};

} // namespace Samsa

#include "acllister.h"

#include "kafka/rdkafkaclient.h"
#include "kafka/wire/describeacls.h"
#include "kafka/wire/wireconnection.h"

namespace Samsa {

namespace {

constexpr int UnsupportedVersion = 35;

} // namespace

AclLister::AclLister(const QList<QPair<QString, QString>>& properties, int timeoutMs)
    : m_properties(properties)
    , m_timeoutMs(timeoutMs)
{
}

std::optional<AclActionResult> AclLister::listOverWire(
    RdKafkaClient& kafka, const AclFilter& filter, QString* why) const
{
    const WireSecurity security = WireSecurity::fromProperties(m_properties);
    if (!security.unsupportedReason().isEmpty()) {
        *why = security.unsupportedReason();
        return std::nullopt;
    }
    const RdKafkaClient::MetadataResult metadata = kafka.fetchMetadata(m_timeoutMs, {});
    if (!metadata.ok) {
        // librdkafka could not reach the cluster either: that is the answer.
        AclActionResult failed;
        failed.error = metadata.error;
        return failed;
    }
    const QDeadlineTimer deadline(m_timeoutMs);
    // Any broker answers DescribeAcls; the first that can be reached does.
    for (const BrokerInfo& broker : metadata.metadata.brokers) {
        WireConnection connection(security, QStringLiteral("samsa-admin"));
        if (!connection.open(broker.host, broker.port, deadline, {}, why))
            continue;
        const std::optional<QByteArray> body = connection.call(
            DescribeAcls::ApiKey, DescribeAcls::Version, DescribeAcls::encodeRequest(filter), deadline, {}, why);
        AclActionResult result;
        qint16 code = 0;
        if (!body || !DescribeAcls::decodeResponse(*body, &result, &code, why))
            return std::nullopt;
        if (code == UnsupportedVersion) {
            *why = result.error;
            return std::nullopt;
        }
        return result;
    }
    if (why->isEmpty())
        *why = QStringLiteral("No broker to ask.");
    return std::nullopt;
}

AclActionResult AclLister::list(RdKafkaClient& kafka, const AclFilter& filter) const
{
    QString why;
    // A broker that could not be asked this way (or refuses version 1) is asked again through
    // librdkafka, which picks a version itself.
    if (const std::optional<AclActionResult> wire = listOverWire(kafka, filter, &why))
        return *wire;
    return kafka.describeAcls(filter, m_timeoutMs);
}

} // namespace Samsa

#include "api/handlers.h"
#include "api/requestscope.h"
#include "protocol/messages/describecluster.h"
#include "storage/logmanager.h"

namespace samsa::broker::api {

using protocol::DescribeClusterRequest;
using protocol::DescribeClusterResponse;

protocol::DescribeClusterResponse handle(RequestScope& scope, const DescribeClusterRequest& request)
{
    constexpr int8_t BrokerEndpoints = 1;
    LogManager& logs = scope.broker.logs;
    DescribeClusterResponse response;
    response.endpointType = request.endpointType;
    response.clusterId = logs.clusterId();
    response.controllerId = logs.nodeId();
    if (!scope.authorizeCluster(security::AclOperation::Describe)) {
        response.errorCode = static_cast<int16_t>(ErrorCode::ClusterAuthorizationFailed);
        return response;
    }
    if (request.endpointType != BrokerEndpoints) {
        response.errorCode = static_cast<int16_t>(ErrorCode::UnsupportedEndpointType);
        response.errorMessage = "only broker endpoints are served";
        return response;
    }
    // The endpoint of the listener this request arrived on (a fake connection in tests has none).
    const bool perListener = !scope.connection.advertisedHost.empty();
    response.brokers.push_back({ logs.nodeId(), perListener ? scope.connection.advertisedHost : scope.broker.advertisedHost,
        perListener ? scope.connection.advertisedPort : scope.broker.advertisedPort, std::nullopt });
    return response;
}

} // namespace samsa::broker::api

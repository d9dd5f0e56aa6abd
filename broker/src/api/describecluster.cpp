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
    response.brokers.push_back({ logs.nodeId(), scope.broker.advertisedHost, scope.broker.advertisedPort, std::nullopt });
    return response;
}

} // namespace samsa::broker::api

#pragma once

// The request handlers, one overload per API (defined in api/<name>.cpp). Each takes a decoded
// request and gives back a response to encode: none of them touches bytes. Most answer at once;
// the ones that wait (Fetch for data, JoinGroup and SyncGroup for the other members) answer
// later through their Reply, on the connection's executor.

#include <functional>
#include <memory>
#include <optional>

namespace samsa::broker::protocol {
struct ProduceRequest;
struct ProduceResponse;
struct FetchRequest;
struct FetchResponse;
struct ListOffsetsRequest;
struct ListOffsetsResponse;
struct MetadataRequest;
struct MetadataResponse;
struct OffsetCommitRequest;
struct OffsetCommitResponse;
struct OffsetFetchRequest;
struct OffsetFetchResponse;
struct FindCoordinatorRequest;
struct FindCoordinatorResponse;
struct JoinGroupRequest;
struct JoinGroupResponse;
struct HeartbeatRequest;
struct HeartbeatResponse;
struct LeaveGroupRequest;
struct LeaveGroupResponse;
struct SyncGroupRequest;
struct SyncGroupResponse;
struct DescribeGroupsRequest;
struct DescribeGroupsResponse;
struct ListGroupsRequest;
struct ListGroupsResponse;
struct SaslHandshakeRequest;
struct SaslHandshakeResponse;
struct ApiVersionsRequest;
struct ApiVersionsResponse;
struct CreateTopicsRequest;
struct CreateTopicsResponse;
struct DeleteTopicsRequest;
struct DeleteTopicsResponse;
struct DeleteRecordsRequest;
struct DeleteRecordsResponse;
struct InitProducerIdRequest;
struct InitProducerIdResponse;
struct DescribeConfigsRequest;
struct DescribeConfigsResponse;
struct AlterConfigsRequest;
struct AlterConfigsResponse;
struct DescribeLogDirsRequest;
struct DescribeLogDirsResponse;
struct SaslAuthenticateRequest;
struct SaslAuthenticateResponse;
struct CreatePartitionsRequest;
struct CreatePartitionsResponse;
struct DeleteGroupsRequest;
struct DeleteGroupsResponse;
struct IncrementalAlterConfigsRequest;
struct IncrementalAlterConfigsResponse;
struct OffsetDeleteRequest;
struct OffsetDeleteResponse;
struct DescribeClusterRequest;
struct DescribeClusterResponse;
struct DescribeAclsRequest;
struct DescribeAclsResponse;
struct CreateAclsRequest;
struct CreateAclsResponse;
struct DeleteAclsRequest;
struct DeleteAclsResponse;
} // namespace samsa::broker::protocol

namespace samsa::broker::api {

struct RequestScope;

template <class Response> using Reply = std::function<void(Response)>;

protocol::AlterConfigsResponse handle(RequestScope& scope, const protocol::AlterConfigsRequest& request);
protocol::ApiVersionsResponse handle(RequestScope& scope, const protocol::ApiVersionsRequest& request);
protocol::CreateAclsResponse handle(RequestScope& scope, const protocol::CreateAclsRequest& request);
protocol::CreatePartitionsResponse handle(RequestScope& scope, const protocol::CreatePartitionsRequest& request);
protocol::CreateTopicsResponse handle(RequestScope& scope, const protocol::CreateTopicsRequest& request);
protocol::DeleteAclsResponse handle(RequestScope& scope, const protocol::DeleteAclsRequest& request);
protocol::DeleteGroupsResponse handle(RequestScope& scope, const protocol::DeleteGroupsRequest& request);
protocol::DeleteRecordsResponse handle(RequestScope& scope, const protocol::DeleteRecordsRequest& request);
protocol::DeleteTopicsResponse handle(RequestScope& scope, const protocol::DeleteTopicsRequest& request);
protocol::DescribeAclsResponse handle(RequestScope& scope, const protocol::DescribeAclsRequest& request);
protocol::DescribeClusterResponse handle(RequestScope& scope, const protocol::DescribeClusterRequest& request);
protocol::DescribeConfigsResponse handle(RequestScope& scope, const protocol::DescribeConfigsRequest& request);
protocol::DescribeGroupsResponse handle(RequestScope& scope, const protocol::DescribeGroupsRequest& request);
protocol::DescribeLogDirsResponse handle(RequestScope& scope, const protocol::DescribeLogDirsRequest& request);
void handle(std::shared_ptr<RequestScope> scope, protocol::FetchRequest request, Reply<protocol::FetchResponse> reply);
protocol::FindCoordinatorResponse handle(RequestScope& scope, const protocol::FindCoordinatorRequest& request);
protocol::HeartbeatResponse handle(RequestScope& scope, const protocol::HeartbeatRequest& request);
protocol::IncrementalAlterConfigsResponse handle(RequestScope& scope, const protocol::IncrementalAlterConfigsRequest& request);
protocol::InitProducerIdResponse handle(RequestScope& scope, const protocol::InitProducerIdRequest& request);
void handle(std::shared_ptr<RequestScope> scope, protocol::JoinGroupRequest request, Reply<protocol::JoinGroupResponse> reply);
protocol::LeaveGroupResponse handle(RequestScope& scope, const protocol::LeaveGroupRequest& request);
protocol::ListGroupsResponse handle(RequestScope& scope, const protocol::ListGroupsRequest& request);
protocol::ListOffsetsResponse handle(RequestScope& scope, const protocol::ListOffsetsRequest& request);
protocol::MetadataResponse handle(RequestScope& scope, const protocol::MetadataRequest& request);
protocol::OffsetCommitResponse handle(RequestScope& scope, const protocol::OffsetCommitRequest& request);
protocol::OffsetDeleteResponse handle(RequestScope& scope, const protocol::OffsetDeleteRequest& request);
protocol::OffsetFetchResponse handle(RequestScope& scope, const protocol::OffsetFetchRequest& request);
std::optional<protocol::ProduceResponse> handle(RequestScope& scope, const protocol::ProduceRequest& request); // none for acks=0
protocol::SaslAuthenticateResponse handle(RequestScope& scope, const protocol::SaslAuthenticateRequest& request);
protocol::SaslHandshakeResponse handle(RequestScope& scope, const protocol::SaslHandshakeRequest& request);
void handle(std::shared_ptr<RequestScope> scope, protocol::SyncGroupRequest request, Reply<protocol::SyncGroupResponse> reply);

} // namespace samsa::broker::api

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/deleterecords.h"
#include "protocol/messages/describelogdirs.h"
#include "storage/internaltopics.h"
#include "storage/logmanager.h"

#include <map>
#include <set>

namespace samsa::broker::api {

using protocol::DeleteRecordsRequest;
using protocol::DeleteRecordsResponse;
using protocol::DescribeLogDirsRequest;
using protocol::DescribeLogDirsResponse;

DeleteRecordsResponse handle(RequestScope& scope, const DeleteRecordsRequest& request)
{
    LogManager& logs = scope.broker.logs;
    DeleteRecordsResponse response;
    for (const auto& topic : request.topics) {
        DeleteRecordsResponse::Topic answer;
        answer.name = topic.name;
        const bool allowed = scope.authorize(security::AclOperation::Delete, security::ResourceType::Topic, topic.name);
        for (const auto& p : topic.partitions) {
            DeleteRecordsResult result;
            if (!allowed) {
                result = { ErrorCode::TopicAuthorizationFailed, -1 };
            } else if (!internaltopics::clientWriteRefusal(logs, topic.name).empty()) {
                result = { ErrorCode::InvalidTopicException, -1 }; // as Kafka for its internal topics
            } else if (auto log = logs.partition(topic.name, p.partitionIndex)) {
                if (p.offset < -1)
                    result = { ErrorCode::OffsetOutOfRange, -1 };
                else
                    result = log->deleteRecordsBefore(p.offset);
            } else {
                result = { ErrorCode::UnknownTopicOrPartition, -1 };
            }
            answer.partitions.push_back({ p.partitionIndex, result.logStartOffset, static_cast<int16_t>(result.error) });
        }
        response.topics.push_back(std::move(answer));
    }
    return response;
}

DescribeLogDirsResponse handle(RequestScope& scope, const DescribeLogDirsRequest& request)
{
    // Which partitions to describe: null = all.
    std::optional<std::map<std::string, std::set<int32_t>>> wanted;
    if (request.topics) {
        wanted.emplace();
        for (const auto& t : *request.topics)
            (*wanted)[t.topic].insert(t.partitions.begin(), t.partitions.end());
    }

    DescribeLogDirsResponse response;
    // DESCRIBE on the cluster (Kafka answers with no directories, and from v3 this error).
    if (!scope.authorizeCluster(security::AclOperation::Describe)) {
        response.errorCode = static_cast<int16_t>(ErrorCode::ClusterAuthorizationFailed);
        return response;
    }
    for (const auto& dir : scope.broker.logs.logDirs()) {
        std::map<std::string, std::vector<const LogDirPartition*>> byTopic;
        for (const auto& p : dir.partitions) {
            if (wanted) {
                auto it = wanted->find(p.topic);
                if (it == wanted->end() || !it->second.contains(p.partition))
                    continue;
            }
            byTopic[p.topic].push_back(&p);
        }
        DescribeLogDirsResponse::Result result;
        result.errorCode = static_cast<int16_t>(dir.error);
        result.logDir = dir.path;
        for (const auto& [topic, partitions] : byTopic) {
            DescribeLogDirsResponse::Topic t;
            t.name = topic;
            for (const auto* p : partitions)
                t.partitions.push_back({ p->partition, p->sizeBytes, 0, false }); // no offset lag: no replicas
            result.topics.push_back(std::move(t));
        }
        result.totalBytes = dir.totalBytes;
        result.usableBytes = dir.usableBytes;
        response.results.push_back(std::move(result));
    }
    return response;
}

} // namespace samsa::broker::api

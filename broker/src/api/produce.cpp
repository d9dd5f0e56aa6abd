#include "api/clientmessage.h"
#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/produce.h"
#include "storage/internaltopics.h"
#include "storage/legacymessages.h"
#include "storage/logmanager.h"
#include "storage/upconversion.h"

#include <chrono>

namespace samsa::broker::api {

using protocol::ProduceRequest;
using protocol::ProduceResponse;
using security::AclOperation;
using security::ResourceType;

namespace {

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ProduceResponse::Partition answerFor(int32_t index, const AppendResult& r)
{
    const bool ok = r.error == ErrorCode::None;
    ProduceResponse::Partition p;
    p.index = index;
    p.errorCode = static_cast<int16_t>(r.error);
    p.baseOffset = ok ? r.baseOffset : -1;
    p.logAppendTimeMs = ok ? r.logAppendTime : -1;
    p.logStartOffset = r.logStartOffset;
    const std::optional<std::string> message = clientErrorMessage(r.error, r.message);
    if (!ok && r.batchIndex >= 0)
        p.recordErrors.push_back({ r.batchIndex, message });
    if (message)
        p.errorMessage = *message;
    return p;
}

// Produce v0-v2 may carry a message set of format v0/v1, which becomes record batches v2 here
// (Kafka's up-conversion); v3 and later carry batches v2 only, as Kafka's ProduceRequest checks.
AppendResult append(PartitionLog& log, std::span<const uint8_t> records, int16_t version, int64_t now)
{
    const std::optional<int8_t> magic = legacy::firstMagic(records);
    if (!magic || *magic > 1)
        return log.append(records, now);
    AppendResult refused;
    refused.batchIndex = 0;
    if (version >= 3) {
        refused.error = ErrorCode::InvalidRecord;
        refused.message = "Produce v" + std::to_string(version) + " may carry record batches v2 only, not message format v"
            + std::to_string(*magic);
        return refused;
    }
    UpConversion converted = upConvertMessageSet(records, log.config().maxMessageBytes);
    if (converted.error != ErrorCode::None) {
        refused.error = converted.error;
        refused.message = std::move(converted.message);
        refused.batchIndex = converted.entryIndex;
        return refused;
    }
    return log.append(converted.batches, now);
}

} // namespace

std::optional<ProduceResponse> handle(RequestScope& scope, const ProduceRequest& request)
{
    const bool validAcks = request.acks == 0 || request.acks == 1 || request.acks == -1;
    LogManager& logs = scope.broker.logs;
    const int64_t now = nowMs();
    bool appended = false;
    ProduceResponse response;
    response.topics.reserve(request.topics.size());
    // Kafka 3.x: WRITE on the transactional id for a transactional producer, WRITE on each topic.
    const bool transactionAllowed = !request.transactionalId
        || scope.authorize(AclOperation::Write, ResourceType::TransactionalId, *request.transactionalId);
    for (const auto& topicRequest : request.topics) {
        ProduceResponse::Topic topic;
        topic.name = topicRequest.name;
        const bool topicAllowed = scope.authorize(AclOperation::Write, ResourceType::Topic, topic.name);
        topic.partitions.reserve(topicRequest.partitions.size());
        for (const auto& partitionRequest : topicRequest.partitions) {
            AppendResult result;
            const auto& records = partitionRequest.records.bytes;
            std::string refusal;
            if (!validAcks) {
                result.error = ErrorCode::InvalidRequiredAcks;
            } else if (!transactionAllowed) {
                result.error = ErrorCode::TransactionalIdAuthorizationFailed;
            } else if (!topicAllowed) {
                result.error = ErrorCode::TopicAuthorizationFailed;
            } else if (!(refusal = internaltopics::clientWriteRefusal(logs, topic.name)).empty()) {
                // Kafka's answer for __consumer_offsets; the same for _schemas, as no credentials
                // would let a client write there (TOPIC_AUTHORIZATION_FAILED would suggest some do).
                result.error = ErrorCode::InvalidTopicException;
                result.message = std::move(refusal);
            } else if (auto log = logs.partition(topic.name, partitionRequest.index)) {
                if (!records || records->empty()) {
                    result.error = ErrorCode::InvalidRecord;
                    result.message = "the produce request carries no records";
                } else {
                    result = append(*log, *records, scope.version(), now);
                    if (result.error == ErrorCode::None && !result.duplicate)
                        appended = true;
                }
            } else {
                result.error = ErrorCode::UnknownTopicOrPartition;
            }
            topic.partitions.push_back(answerFor(partitionRequest.index, result));
        }
        response.topics.push_back(std::move(topic));
    }
    if (appended)
        scope.broker.notifier.notifyAll();
    if (request.acks == 0)
        return std::nullopt;
    return response;
}

} // namespace samsa::broker::api

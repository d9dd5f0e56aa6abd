#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/messages/fetch.h"
#include "storage/downconversion.h"
#include "storage/logmanager.h"
#include "storage/recordvalidation.h"

#include <chrono>

namespace samsa::broker::api {

using protocol::FetchRequest;
using protocol::FetchResponse;
using security::AclOperation;
using security::ResourceType;

namespace {

struct FetchState {
    std::shared_ptr<RequestScope> scope;
    FetchRequest request;
    Reply<FetchResponse> reply;
    std::chrono::steady_clock::time_point deadline;
};

// Fetch v0-v3 know only messages of format v0 (v0-v1) and v1 (v2-v3): the batches read are
// converted into data.records, cut at the size read (the first message whole). Returns the bytes
// sent; sets data.errorCode when the stored batches cannot be expressed (zstd) or read.
int64_t downConvertInto(FetchResponse::Partition& data, const ReadResult& read, const PartitionLog& log,
    int64_t fetchOffset, int16_t version)
{
    std::vector<uint8_t> batches;
    if (!readSliceBytes(read.slices, &batches)) {
        data.errorCode = static_cast<int16_t>(ErrorCode::KafkaStorageError);
        return 0;
    }
    const int8_t magic = version <= 1 ? 0 : 1;
    DownConversion converted = downConvertBatches(batches, magic, fetchOffset, static_cast<size_t>(read.bytes),
        decompressedBatchLimit(log.config().maxMessageBytes));
    if (converted.error != ErrorCode::None) {
        data.errorCode = static_cast<int16_t>(converted.error);
        return 0;
    }
    auto owned = std::make_shared<const std::vector<uint8_t>>(std::move(converted.messageSet));
    data.records.bytes = std::span<const uint8_t>(*owned);
    data.records.owned = std::move(owned);
    return static_cast<int64_t>(data.records.bytes->size());
}

// Reads every requested partition into response; returns the number of record bytes found and
// whether any partition has an error (which answers the fetch at once).
int64_t collect(const FetchState& state, FetchResponse& response, bool* anyError)
{
    LogManager& logs = state.scope->broker.logs;
    const int16_t v = state.scope->version();
    int64_t total = 0;
    *anyError = false;
    response.topics.clear();
    response.topics.reserve(state.request.topics.size());
    for (const auto& topicRequest : state.request.topics) {
        FetchResponse::Topic topic;
        std::optional<TopicDescription> description;
        if (v >= 13) {
            description = logs.topicById(topicRequest.topicId);
            topic.topicId = topicRequest.topicId;
        } else {
            description = logs.topic(topicRequest.topic);
            topic.topic = topicRequest.topic;
        }
        // An unknown topic id says nothing about a name; an unknown name is refused like a known one.
        const bool unknownId = v >= 13 && !description;
        const bool allowed = unknownId
            || state.scope->authorize(
                AclOperation::Read, ResourceType::Topic, description ? description->name : topicRequest.topic);
        topic.partitions.reserve(topicRequest.partitions.size());
        for (const auto& p : topicRequest.partitions) {
            FetchResponse::Partition data;
            data.partitionIndex = p.partition;
            std::shared_ptr<PartitionLog> log;
            if (description && allowed)
                log = logs.partition(description->name, p.partition);
            if (!log) {
                const ErrorCode error = !allowed ? ErrorCode::TopicAuthorizationFailed
                    : unknownId                  ? ErrorCode::UnknownTopicId
                                                 : ErrorCode::UnknownTopicOrPartition;
                data.errorCode = static_cast<int16_t>(error);
                data.highWatermark = -1;
                *anyError = true;
                topic.partitions.push_back(std::move(data));
                continue;
            }
            // Kafka bounds every answer by fetch.max.bytes too (Fetch v0-v2 have no limit of their own).
            const int64_t maxBytes = std::min(state.request.maxBytes, state.scope->broker.config.fetchMaxBytes);
            const int64_t remaining = maxBytes - total;
            if (remaining <= 0 && total > 0) {
                data.highWatermark = log->highWatermark();
                data.lastStableOffset = data.highWatermark;
                data.logStartOffset = log->logStartOffset();
                topic.partitions.push_back(std::move(data));
                continue;
            }
            if (v <= 3 && !log->config().messageDownconversionEnable) {
                // Kafka's answer when message.downconversion.enable is false, whatever the log holds.
                data.errorCode = static_cast<int16_t>(ErrorCode::UnsupportedVersion);
                data.highWatermark = -1;
                *anyError = true;
                topic.partitions.push_back(std::move(data));
                continue;
            }
            const int32_t limit = static_cast<int32_t>(
                std::min<int64_t>(std::max(p.partitionMaxBytes, 0), std::max<int64_t>(remaining, 0)));
            ReadResult read = log->read(p.fetchOffset, limit);
            data.errorCode = static_cast<int16_t>(read.error);
            data.highWatermark = read.highWatermark;
            data.lastStableOffset = read.highWatermark; // no transactions: everything is stable
            data.logStartOffset = read.logStartOffset;
            if (read.error != ErrorCode::None) {
                *anyError = true;
            } else if (!read.slices.empty() && v <= 3) {
                // Only the first partition with data may exceed the limits (KIP-74).
                if (total == 0 || read.bytes <= remaining) {
                    total += downConvertInto(data, read, *log, p.fetchOffset, v);
                    *anyError = *anyError || data.errorCode != 0;
                }
            } else if (!read.slices.empty()) {
                // Only the first partition with data may exceed the limits (KIP-74).
                if (total == 0 || read.bytes <= remaining) {
                    auto& regions = data.records.regions;
                    regions.reserve(read.slices.size());
                    for (auto& slice : read.slices)
                        regions.push_back(protocol::FileRegion { slice.file, slice.fd, slice.position, slice.length });
                    total += read.bytes;
                }
            }
            topic.partitions.push_back(std::move(data));
        }
        response.topics.push_back(std::move(topic));
    }
    return total;
}

// Every fetch is a full fetch (KIP-227 allows this): the session id is always 0.
void respond(FetchState& state, FetchResponse response, ErrorCode topError)
{
    response.errorCode = static_cast<int16_t>(topError);
    response.sessionId = 0;
    state.reply(std::move(response));
}

void attempt(std::shared_ptr<FetchState> state, bool timedOut)
{
    FetchResponse response;
    bool anyError = false;
    const int64_t bytes = collect(*state, response, &anyError);
    const auto now = std::chrono::steady_clock::now();
    if (timedOut || anyError || bytes >= state->request.minBytes || now >= state->deadline
        || state->scope->connection.stopping()) {
        respond(*state, std::move(response), ErrorCode::None);
        return;
    }
    const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(state->deadline - now).count();
    state->scope->connection.park(
        static_cast<int>(waitMs) + 1, [state](bool parkTimedOut) { attempt(state, parkTimedOut); });
}

} // namespace

void handle(std::shared_ptr<RequestScope> scope, FetchRequest request, Reply<FetchResponse> reply)
{
    auto state = std::make_shared<FetchState>();
    state->scope = std::move(scope);
    state->request = std::move(request);
    state->reply = std::move(reply);
    state->deadline
        = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, state->request.maxWaitMs));
    // Epoch 0 (start a session) and -1 (no session) ask for a full fetch whatever id they name, as
    // Kafka serves them; an incremental fetch in a session we never handed out must start over.
    const bool fullFetch = state->request.sessionEpoch == 0 || state->request.sessionEpoch == -1;
    if (state->scope->version() >= 7 && state->request.sessionId != 0 && !fullFetch) {
        respond(*state, {}, ErrorCode::FetchSessionIdNotFound);
        return;
    }
    attempt(std::move(state), false);
}

} // namespace samsa::broker::api

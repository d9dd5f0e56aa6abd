#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

#include <chrono>

namespace samsa::broker::api {

namespace {

struct FetchPartitionRequest {
    int32_t partition = 0;
    int64_t fetchOffset = 0;
    int32_t maxBytes = 0;
};

struct FetchTopicRequest {
    std::string name;
    TopicId id {};
    std::vector<FetchPartitionRequest> partitions;
};

struct FetchRequest {
    int32_t maxWaitMs = 0;
    int32_t minBytes = 0;
    int32_t maxBytes = INT32_MAX;
    int32_t sessionId = 0;
    int32_t sessionEpoch = -1;
    std::vector<FetchTopicRequest> topics;
};

bool decode(protocol::ByteReader& in, int16_t v, FetchRequest& r)
{
    const bool flexible = v >= 12;
    if (v <= 14)
        in.readInt32(); // replica id
    r.maxWaitMs = in.readInt32();
    r.minBytes = in.readInt32();
    if (v >= 3)
        r.maxBytes = in.readInt32();
    if (v >= 4)
        in.readInt8(); // isolation level: without transactions both levels read the same
    if (v >= 7) {
        r.sessionId = in.readInt32();
        r.sessionEpoch = in.readInt32();
    }
    const int32_t topicCount = in.readArrayLength(flexible);
    for (int32_t t = 0; t < topicCount && in.ok(); ++t) {
        FetchTopicRequest topic;
        if (v >= 13)
            in.readUuid(topic.id.data());
        else
            topic.name = in.readString(flexible);
        const int32_t partitionCount = in.readArrayLength(flexible);
        for (int32_t p = 0; p < partitionCount && in.ok(); ++p) {
            FetchPartitionRequest partition;
            partition.partition = in.readInt32();
            if (v >= 9)
                in.readInt32(); // current leader epoch
            partition.fetchOffset = in.readInt64();
            if (v >= 12)
                in.readInt32(); // last fetched epoch
            if (v >= 5)
                in.readInt64(); // log start offset (followers only)
            partition.maxBytes = in.readInt32();
            if (flexible)
                in.skipTaggedFields();
            topic.partitions.push_back(partition);
        }
        if (flexible)
            in.skipTaggedFields();
        r.topics.push_back(std::move(topic));
    }
    if (v >= 7) {
        const int32_t forgotten = in.readArrayLength(flexible);
        for (int32_t i = 0; i < forgotten && in.ok(); ++i) {
            if (v >= 13) {
                uint8_t id[16];
                in.readUuid(id);
            } else {
                in.readString(flexible);
            }
            const int32_t n = in.readArrayLength(flexible);
            for (int32_t j = 0; j < n && in.ok(); ++j)
                in.readInt32();
            if (flexible)
                in.skipTaggedFields();
        }
    }
    if (v >= 11)
        in.readString(flexible); // rack id
    if (flexible)
        in.skipTaggedFields();
    return in.ok();
}

struct PartitionData {
    int32_t partition = 0;
    ErrorCode error = ErrorCode::None;
    int64_t highWatermark = -1;
    int64_t logStartOffset = -1;
    std::vector<protocol::FileRegion> records;
};

struct TopicData {
    const FetchTopicRequest* request = nullptr;
    std::string name;
    TopicId id {};
    std::vector<PartitionData> partitions;
};

struct FetchState {
    std::shared_ptr<RequestScope> scope;
    Responder done;
    FetchRequest request;
    std::chrono::steady_clock::time_point deadline;
};

// Reads every requested partition; returns the number of record bytes found and whether any
// partition has an error (which answers the fetch at once).
int64_t collect(FetchState& state, std::vector<TopicData>& result, bool* anyError)
{
    LogManager& logs = state.scope->broker.logs;
    const int16_t v = state.scope->version();
    int64_t total = 0;
    *anyError = false;
    result.clear();
    result.reserve(state.request.topics.size());
    for (const auto& topicRequest : state.request.topics) {
        TopicData topic;
        topic.request = &topicRequest;
        std::optional<TopicDescription> description;
        if (v >= 13) {
            description = logs.topicById(topicRequest.id);
            topic.id = topicRequest.id;
        } else {
            description = logs.topic(topicRequest.name);
            topic.name = topicRequest.name;
        }
        for (const auto& p : topicRequest.partitions) {
            PartitionData data;
            data.partition = p.partition;
            std::shared_ptr<PartitionLog> log;
            if (description)
                log = logs.partition(description->name, p.partition);
            if (!log) {
                data.error = (v >= 13 && !description) ? ErrorCode::UnknownTopicId : ErrorCode::UnknownTopicOrPartition;
                *anyError = true;
                topic.partitions.push_back(std::move(data));
                continue;
            }
            const int64_t remaining = static_cast<int64_t>(state.request.maxBytes) - total;
            if (remaining <= 0 && total > 0) {
                data.highWatermark = log->highWatermark();
                data.logStartOffset = log->logStartOffset();
                topic.partitions.push_back(std::move(data));
                continue;
            }
            const int32_t limit
                = static_cast<int32_t>(std::min<int64_t>(std::max(p.maxBytes, 0), std::max<int64_t>(remaining, 0)));
            ReadResult read = log->read(p.fetchOffset, limit);
            data.error = read.error;
            data.highWatermark = read.highWatermark;
            data.logStartOffset = read.logStartOffset;
            if (read.error != ErrorCode::None) {
                *anyError = true;
            } else if (!read.slices.empty()) {
                // Only the first partition with data may exceed the limits (KIP-74).
                if (total == 0 || read.bytes <= remaining) {
                    for (auto& slice : read.slices)
                        data.records.push_back(
                            protocol::FileRegion { slice.file, slice.fd, slice.position, slice.length });
                    total += read.bytes;
                }
            }
            topic.partitions.push_back(std::move(data));
        }
        result.push_back(std::move(topic));
    }
    return total;
}

void respond(FetchState& state, const std::vector<TopicData>& topics, ErrorCode topError)
{
    const int16_t v = state.scope->version();
    const bool flexible = v >= 12;
    protocol::ByteWriter out = startResponse(state.scope->header);
    if (v >= 1)
        out.writeInt32(0); // throttle
    if (v >= 7) {
        out.writeInt16(static_cast<int16_t>(topError));
        out.writeInt32(0); // session id: every fetch is a full fetch (KIP-227 allows this)
    }
    out.writeArrayLength(flexible, static_cast<int32_t>(topics.size()));
    for (const auto& topic : topics) {
        if (v >= 13)
            out.writeUuid(topic.id.data());
        else
            out.writeString(flexible, topic.name);
        out.writeArrayLength(flexible, static_cast<int32_t>(topic.partitions.size()));
        for (const auto& p : topic.partitions) {
            out.writeInt32(p.partition);
            out.writeInt16(static_cast<int16_t>(p.error));
            out.writeInt64(p.highWatermark);
            if (v >= 4) {
                out.writeInt64(p.highWatermark); // last stable offset
                if (v >= 5)
                    out.writeInt64(p.logStartOffset);
                out.writeArrayLength(flexible, 0); // aborted transactions
            }
            if (v >= 11)
                out.writeInt32(-1); // preferred read replica
            out.writeRecords(flexible, p.records);
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (flexible)
        out.writeEmptyTaggedFields();
    finishResponse(out);
    state.done(Response { std::move(out), false, {} });
}

void attempt(std::shared_ptr<FetchState> state, bool timedOut)
{
    std::vector<TopicData> topics;
    bool anyError = false;
    const int64_t bytes = collect(*state, topics, &anyError);
    const auto now = std::chrono::steady_clock::now();
    if (timedOut || anyError || bytes >= state->request.minBytes || now >= state->deadline
        || state->scope->connection.stopping()) {
        respond(*state, topics, ErrorCode::None);
        return;
    }
    const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(state->deadline - now).count();
    state->scope->connection.park(
        static_cast<int>(waitMs) + 1, [state](bool parkTimedOut) { attempt(state, parkTimedOut); });
}

} // namespace

void handleFetch(std::shared_ptr<RequestScope> scope, Responder done)
{
    auto state = std::make_shared<FetchState>();
    protocol::ByteReader in(scope->body());
    if (!decode(in, scope->version(), state->request)) {
        done(Response { std::nullopt, true, "malformed Fetch request" });
        return;
    }
    state->scope = std::move(scope);
    state->done = std::move(done);
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

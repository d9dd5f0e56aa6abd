#include "api/requestscope.h"
#include "common/errors.h"
#include "storage/logmanager.h"

#include <chrono>

namespace samsa::broker::api {

namespace {

struct PartitionOutcome {
    int32_t index = 0;
    AppendResult result;
};

struct TopicOutcome {
    std::string name;
    std::vector<PartitionOutcome> partitions;
};

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

HandlerStatus handleProduce(RequestScope& scope, protocol::ByteReader& in, protocol::ByteWriter& out)
{
    const int16_t v = scope.version();
    const bool flexible = v >= 9;
    if (v >= 3)
        in.readNullableString(flexible); // transactional id: transactions are not served
    const int16_t acks = in.readInt16();
    in.readInt32(); // timeout: a single node never waits for replicas
    const bool validAcks = acks == 0 || acks == 1 || acks == -1;

    LogManager& logs = scope.broker.logs;
    const int64_t now = nowMs();
    bool appended = false;
    std::vector<TopicOutcome> outcomes;
    const int32_t topicCount = in.readArrayLength(flexible);
    for (int32_t t = 0; t < topicCount && in.ok(); ++t) {
        TopicOutcome topic;
        topic.name = in.readString(flexible);
        const int32_t partitionCount = in.readArrayLength(flexible);
        for (int32_t p = 0; p < partitionCount && in.ok(); ++p) {
            PartitionOutcome outcome;
            outcome.index = in.readInt32();
            const auto records = in.readNullableBytes(flexible);
            if (flexible)
                in.skipTaggedFields();
            if (!in.ok())
                break;
            if (!validAcks) {
                outcome.result.error = ErrorCode::InvalidRequiredAcks;
            } else if (auto log = logs.partition(topic.name, outcome.index)) {
                if (!records || records->empty()) {
                    outcome.result.error = ErrorCode::InvalidRecord;
                    outcome.result.message = "the produce request carries no records";
                } else {
                    outcome.result = log->append(*records, now);
                    if (outcome.result.error == ErrorCode::None && !outcome.result.duplicate)
                        appended = true;
                }
            } else {
                outcome.result.error = ErrorCode::UnknownTopicOrPartition;
            }
            topic.partitions.push_back(std::move(outcome));
        }
        if (flexible)
            in.skipTaggedFields();
        outcomes.push_back(std::move(topic));
    }
    if (flexible)
        in.skipTaggedFields();
    if (appended)
        scope.broker.notifier.notifyAll();
    if (!in.ok())
        return HandlerStatus::Malformed;
    if (acks == 0)
        return HandlerStatus::NoResponse;

    out.writeArrayLength(flexible, static_cast<int32_t>(outcomes.size()));
    for (const auto& topic : outcomes) {
        out.writeString(flexible, topic.name);
        out.writeArrayLength(flexible, static_cast<int32_t>(topic.partitions.size()));
        for (const auto& p : topic.partitions) {
            const AppendResult& r = p.result;
            const bool ok = r.error == ErrorCode::None;
            out.writeInt32(p.index);
            out.writeInt16(static_cast<int16_t>(r.error));
            out.writeInt64(ok ? r.baseOffset : -1);
            if (v >= 2)
                out.writeInt64(ok ? r.logAppendTime : -1);
            if (v >= 5)
                out.writeInt64(r.logStartOffset);
            if (v >= 8) {
                if (!ok && r.batchIndex >= 0) {
                    out.writeArrayLength(flexible, 1);
                    out.writeInt32(r.batchIndex);
                    out.writeNullableString(flexible, r.message.empty() ? std::nullopt : std::optional(r.message));
                    if (flexible)
                        out.writeEmptyTaggedFields();
                } else {
                    out.writeArrayLength(flexible, 0);
                }
                out.writeNullableString(flexible, ok || r.message.empty() ? std::nullopt : std::optional(r.message));
            }
            if (flexible)
                out.writeEmptyTaggedFields();
        }
        if (flexible)
            out.writeEmptyTaggedFields();
    }
    if (v >= 1)
        out.writeInt32(0); // throttle
    if (flexible)
        out.writeEmptyTaggedFields();
    return HandlerStatus::Respond;
}

} // namespace samsa::broker::api

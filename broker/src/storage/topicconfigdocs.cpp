#include "storage/topicconfigdocs.h"

#include <map>

namespace samsa::broker {

std::string topicConfigDocumentation(const std::string& name)
{
    // Our own words; "(not used here)" marks configs that are accepted and stored for clients'
    // sake but change nothing on a single-node broker (see TopicConfig).
    static const std::map<std::string, std::string> docs = {
        { "cleanup.policy",
            "delete removes old segments by time or size; compact keeps the newest record of each "
            "key; both may be given." },
        { "compression.type", "Codec the topic's batches are stored in; producer keeps what the producer sent." },
        { "delete.retention.ms", "How long a tombstone stays readable after compaction first saw it, in ms." },
        { "file.delete.delay.ms", "Delay before a deleted segment file is removed, in ms." },
        { "flush.messages", "fdatasync after this many messages; 1 makes every acknowledged write durable." },
        { "flush.ms", "Unflushed data is fdatasync'd at least this often, in ms." },
        { "follower.replication.throttled.replicas",
            "Replicas whose follower replication is throttled (not used "
            "here)." },
        { "index.interval.bytes", "Bytes between two entries of the offset index." },
        { "leader.replication.throttled.replicas", "Replicas whose leader replication is throttled (not used here)." },
        { "local.retention.bytes", "Local share of retention.bytes with tiered storage (not used here)." },
        { "local.retention.ms", "Local share of retention.ms with tiered storage (not used here)." },
        { "max.compaction.lag.ms", "Longest a record may stay uncompacted, in ms." },
        { "max.message.bytes", "Largest record batch the topic accepts, in bytes." },
        { "message.downconversion.enable",
            "Whether Fetch v0-v3 get records converted to message format v0/v1; false answers them UNSUPPORTED_VERSION." },
        { "message.format.version",
            "Record format version; always 3.0-IV1 (batches v2), older producers' messages are converted on append." },
        { "message.timestamp.after.max.ms", "How far a CreateTime timestamp may be in the future, in ms." },
        { "message.timestamp.before.max.ms", "How far a CreateTime timestamp may be in the past, in ms." },
        { "message.timestamp.difference.max.ms",
            "Largest difference between a CreateTime timestamp and the "
            "broker's clock, in ms." },
        { "message.timestamp.type", "CreateTime keeps the producer's timestamp; LogAppendTime stamps the broker's." },
        { "min.cleanable.dirty.ratio", "Share of a log not yet compacted at which compaction runs (0 to 1)." },
        { "min.compaction.lag.ms", "Records younger than this are not compacted, in ms." },
        { "min.insync.replicas", "Replicas that must acknowledge an acks=all write (one node is always in sync)." },
        { "preallocate", "Whether segment files are preallocated (not used here)." },
        { "remote.storage.enable", "Tiered storage for the topic (not supported here)." },
        { "retention.bytes", "Size a partition keeps before old segments are deleted; -1 is unlimited." },
        { "retention.ms", "How long a record is kept before its segment may be deleted, in ms; -1 keeps forever." },
        { "segment.bytes", "Size at which a segment file is rolled, in bytes." },
        { "segment.index.bytes", "Size of a segment's offset index, in bytes." },
        { "segment.jitter.ms", "Random jitter subtracted from segment.ms, in ms." },
        { "segment.ms", "Age at which a segment is rolled even when not full, in ms." },
        { "unclean.leader.election.enable",
            "Whether an out-of-sync replica may become leader (one node: no "
            "effect)." },
    };
    const auto it = docs.find(name);
    return it == docs.end() ? std::string() : it->second;
}

} // namespace samsa::broker

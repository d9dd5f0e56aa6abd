#pragma once

#include "common/errors.h"
#include "storage/recordbatch.h"

#include <cstdint>
#include <deque>
#include <sstream>
#include <string>
#include <unordered_map>

namespace samsa::broker {

// The idempotent producers of one partition: per producer id its epoch and its last five
// batches, as Kafka's ProducerStateManager keeps them, to acknowledge retries without writing
// them twice and to refuse gaps.
class ProducerStateTable {
public:
    static constexpr size_t RememberedBatches = 5;

    struct Check {
        ErrorCode error = ErrorCode::None;
        std::string message;
        bool duplicate = false;
        int64_t duplicateBaseOffset = -1;
    };

    // Judges a batch before it is written.
    Check check(const recordbatch::Header& header) const;
    // Remembers a batch that was written, with its assigned offsets.
    void record(const recordbatch::Header& header);
    void clear() { m_producers.clear(); }

    // A text snapshot of the table (one line per remembered batch) and its inverse, so a restart
    // keeps the state of producers whose batches are in older segments. parse() returns false on
    // damaged input and leaves the table empty.
    std::string serialize() const;
    bool parse(const std::string& text);
    size_t producerCount() const { return m_producers.size(); }

private:
    struct Batch {
        int32_t firstSequence;
        int32_t lastSequence;
        int64_t firstOffset;
        int64_t lastOffset;
    };
    struct Producer {
        int16_t epoch = 0;
        std::deque<Batch> batches;
    };
    std::unordered_map<int64_t, Producer> m_producers;
};

} // namespace samsa::broker

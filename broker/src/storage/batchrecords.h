#pragma once

// The records inside one uncompressed record batch v2: walked in one pass without allocation (each
// record a view into the batch), and a batch rewritten with only some of its records, as the log
// cleaner does. Offsets never change: kept records keep their offset deltas, and the header keeps
// its base offset, last offset delta and producer fields (Kafka keeps them so that offsets and
// producer state survive cleaning); the record count, length and CRC are recomputed.

#include "storage/recordbatch.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

struct RecordView {
    int64_t offset = 0;
    int64_t timestamp = 0;
    bool hasKey = false;
    std::span<const uint8_t> key;
    bool tombstone = false; // null value
    std::span<const uint8_t> value; // empty for a tombstone
    std::span<const uint8_t> bytes; // the whole record, its length varint included
};

// Calls visit for each record until it returns false. False with *error when a record is malformed:
// a length that runs past the batch, fields that overrun their record, or a count other than the
// header's. Only for uncompressed batches (the caller checks the header's compression).
bool forEachRecord(std::span<const uint8_t> batch, const std::function<bool(const RecordView&)>& visit,
    std::string* error);

// The batch with only the records keep() accepts, or nullopt when it keeps none (an idempotent
// producer's batch is then still kept, empty, so its producer state survives). *changed tells
// whether anything was removed. False on a malformed batch.
bool filterBatch(std::span<const uint8_t> batch, const std::function<bool(const RecordView&)>& keep,
    std::optional<std::vector<uint8_t>>* out, bool* changed, std::string* error);

} // namespace samsa::broker

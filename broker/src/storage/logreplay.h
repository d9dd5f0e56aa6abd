#pragma once

// Reading an internal topic back (__consumer_offsets at start-up, _schemas at start-up and after
// each write): batch by batch, each checked on its own, so that a bad batch costs only its own
// records and never those after it. A client or a damaged disk may have put anything there.

#include "storage/recordbatchcodec.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker {

// Decodes the whole batches of one read of a log (`bytes`, starting with a batch header). A batch
// whose magic, CRC or records are wrong is skipped with one warning naming `what` and its offsets;
// compressed batches (our internal writers never compress) are skipped the same way, control
// batches silently. Returns the offset after the last batch whose header could be walked, or
// `from` when there is none.
int64_t decodeReplayChunk(std::span<const uint8_t> bytes, int64_t from, const std::string& what,
    std::vector<DecodedRecord>* out);

// The records of `log` from `from` to its high watermark, as decodeReplayChunk leaves them; *next
// is where a later call continues. False with *error when the log cannot be read, or cannot be
// walked past a damaged batch header (then *next is where it stopped).
bool replayLog(const PartitionLog& log, int64_t from, std::vector<DecodedRecord>* out, int64_t* next,
    std::string* error);

} // namespace samsa::broker

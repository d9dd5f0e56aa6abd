// Record batch validation, uncompressed and compressed: the input (after its first byte, see
// replaysupport.h segmentBytes: CRCs and offsets fixed up on request) is the Records field of a
// produce request, appended to a fresh partition log as the Produce handler appends it. What the
// log accepts must read back as whole batches, and the timestamp lookups (which look inside
// compressed batches) must answer. Each batch is also given to validateRecords on its own.

#include "common/log.h"
#include "replaysupport.h"
#include "storage/partitionlog.h"
#include "storage/recordbatchcodec.h"
#include "storage/topicconfig.h"
#if __has_include("storage/recordvalidation.h")
#include "storage/recordvalidation.h"
#define SAMSA_FUZZ_RECORD_VALIDATION 1
#endif

#include <cstdint>

using namespace samsa::broker;

namespace {

void validateEach([[maybe_unused]] const std::vector<uint8_t>& bytes)
{
#ifdef SAMSA_FUZZ_RECORD_VALIDATION
    size_t at = 0;
    while (bytes.size() - at >= 61) {
        const uint32_t length = samsa::fuzz::readBigEndian32(&bytes[at + 8]);
        if (length < 49 || length > bytes.size() - at - 12)
            return;
        (void)validateRecords(std::span<const uint8_t>(&bytes[at], 12 + length), 64 * 1024 * 1024);
        at += 12 + length;
    }
#endif
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    setLogLevel(LogLevel::Error);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> records = samsa::fuzz::segmentBytes(data, size);
    validateEach(records);

    std::string error;
    auto log = PartitionLog::open(samsa::fuzz::freshDirectory(), "fuzz", 0, TopicConfig {}, &error);
    if (!log)
        __builtin_trap();
    const AppendResult appended = log->append(records, 1700000000000);
    if (appended.error == ErrorCode::None) {
        const ReadResult read = log->read(0, 1 << 20);
        if (read.error != ErrorCode::None || (read.slices.empty() && log->highWatermark() > 0))
            __builtin_trap();
        (void)readWholeLog(*log);
        for (const int64_t timestamp : { int64_t(0), int64_t(1700000000000), int64_t(-1), INT64_MAX })
            (void)log->offsetForTimestamp(timestamp);
        (void)log->maxTimestamp();
    }
    log->close();
    return 0;
}

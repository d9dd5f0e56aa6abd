#include "storage/batchrecords.h"

#include "common/bytes.h"
#include "common/crc32c.h"
#include "protocol/bytereader.h"

namespace samsa::broker {

namespace {

// A varint-length byte string: -1 is null. False when it runs past the reader's bytes.
bool readVarBytes(protocol::ByteReader& in, bool* present, std::span<const uint8_t>* bytes)
{
    const int32_t length = in.readVarint();
    if (!in.ok() || length < -1)
        return false;
    *present = length >= 0;
    if (length <= 0) {
        *bytes = {};
        return true;
    }
    *bytes = in.readRaw(static_cast<size_t>(length));
    return in.ok();
}

} // namespace

bool forEachRecord(std::span<const uint8_t> batch, const std::function<bool(const RecordView&)>& visit,
    std::string* error)
{
    if (batch.size() < recordbatch::HeaderSize) {
        *error = "the batch is shorter than its header";
        return false;
    }
    const recordbatch::Header header = recordbatch::parseHeader(batch);
    if (header.totalSize() != static_cast<int64_t>(batch.size()) || header.recordsCount < 0) {
        *error = "the batch length or record count is inconsistent";
        return false;
    }
    protocol::ByteReader in(batch.subspan(recordbatch::HeaderSize));
    for (int32_t i = 0; i < header.recordsCount; ++i) {
        const size_t start = recordbatch::HeaderSize + in.position();
        const int32_t length = in.readVarint();
        if (!in.ok() || length < 0 || static_cast<size_t>(length) > in.remaining()) {
            *error = "record " + std::to_string(i) + " claims more bytes than the batch holds";
            return false;
        }
        const size_t end = recordbatch::HeaderSize + in.position() + static_cast<size_t>(length);
        protocol::ByteReader record(in.readRaw(static_cast<size_t>(length)));
        RecordView view;
        record.readInt8(); // attributes
        view.timestamp = header.baseTimestamp + record.readVarlong();
        view.offset = header.baseOffset + record.readVarint();
        bool valuePresent = false;
        std::span<const uint8_t> value;
        if (!readVarBytes(record, &view.hasKey, &view.key) || !readVarBytes(record, &valuePresent, &value)) {
            *error = "record " + std::to_string(i) + " has a key or value longer than itself";
            return false;
        }
        const int32_t headers = record.readVarint();
        for (int32_t h = 0; h < headers && record.ok(); ++h) {
            bool present = false;
            std::span<const uint8_t> ignored;
            if (!readVarBytes(record, &present, &ignored) || !readVarBytes(record, &present, &ignored))
                break;
        }
        if (!record.ok() || headers < 0 || !record.atEnd()) {
            *error = "record " + std::to_string(i) + " does not match its length";
            return false;
        }
        if (view.offset < header.baseOffset || view.offset > header.lastOffset()) {
            *error = "record " + std::to_string(i) + " lies outside the batch's offsets";
            return false;
        }
        view.tombstone = !valuePresent;
        view.value = value;
        view.bytes = batch.subspan(start, end - start);
        if (!visit(view))
            return true;
    }
    if (!in.atEnd()) {
        *error = "the batch holds bytes after its last record";
        return false;
    }
    return true;
}

bool filterBatch(std::span<const uint8_t> batch, const std::function<bool(const RecordView&)>& keep,
    std::optional<std::vector<uint8_t>>* out, bool* changed, std::string* error)
{
    std::vector<uint8_t> kept(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(batch.size(), recordbatch::HeaderSize)));
    int32_t count = 0;
    int32_t total = 0;
    const bool ok = forEachRecord(
        batch,
        [&](const RecordView& record) {
            ++total;
            if (keep(record)) {
                kept.insert(kept.end(), record.bytes.begin(), record.bytes.end());
                ++count;
            }
            return true;
        },
        error);
    if (!ok)
        return false;
    *changed = count != total;
    const recordbatch::Header header = recordbatch::parseHeader(batch);
    if (count == 0 && header.producerId < 0) {
        *out = std::nullopt;
        return true;
    }
    std::span<uint8_t> bytes(kept);
    writeBeInt32(bytes.subspan(recordbatch::LengthPosition), static_cast<int32_t>(kept.size() - recordbatch::LogOverhead));
    writeBeInt32(bytes.subspan(recordbatch::RecordsCountPosition), count);
    writeBe32(bytes.subspan(recordbatch::CrcPosition),
        crc32c(std::span<const uint8_t>(kept).subspan(recordbatch::AttributesPosition)));
    *out = std::move(kept);
    return true;
}

} // namespace samsa::broker

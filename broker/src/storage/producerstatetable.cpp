#include "storage/producerstatetable.h"

namespace samsa::broker {

ProducerStateTable::Check ProducerStateTable::check(const recordbatch::Header& header) const
{
    Check result;
    if (header.producerId < 0)
        return result;
    if (header.baseSequence < 0) {
        result.error = ErrorCode::InvalidRecord;
        result.message = "idempotent batch of producer " + std::to_string(header.producerId) + " has no sequence";
        return result;
    }
    const auto it = m_producers.find(header.producerId);
    if (it == m_producers.end())
        return result; // a producer we do not know yet (or forgot) may start anywhere, as in Kafka
    const Producer& producer = it->second;
    if (header.producerEpoch < producer.epoch) {
        result.error = ErrorCode::InvalidProducerEpoch;
        result.message = "producer " + std::to_string(header.producerId) + " epoch " + std::to_string(header.producerEpoch)
            + " is older than the current epoch " + std::to_string(producer.epoch);
        return result;
    }
    if (header.producerEpoch > producer.epoch) {
        if (header.baseSequence != 0) {
            result.error = ErrorCode::OutOfOrderSequenceNumber;
            result.message = "a new producer epoch must start at sequence 0, got " + std::to_string(header.baseSequence);
        }
        return result;
    }
    for (const Batch& batch : producer.batches) {
        if (batch.firstSequence == header.baseSequence && batch.lastSequence == header.lastSequence()) {
            result.duplicate = true;
            result.duplicateBaseOffset = batch.firstOffset;
            return result;
        }
    }
    if (producer.batches.empty())
        return result;
    const int32_t last = producer.batches.back().lastSequence;
    const int32_t expected = last == INT32_MAX ? 0 : last + 1;
    if (header.baseSequence != expected) {
        result.error = ErrorCode::OutOfOrderSequenceNumber;
        result.message = "out of order sequence number for producer " + std::to_string(header.producerId)
            + ": expected " + std::to_string(expected) + ", got " + std::to_string(header.baseSequence);
    }
    return result;
}

void ProducerStateTable::record(const recordbatch::Header& header)
{
    if (header.producerId < 0)
        return;
    Producer& producer = m_producers[header.producerId];
    if (header.producerEpoch != producer.epoch) {
        producer.epoch = header.producerEpoch;
        producer.batches.clear();
    }
    producer.batches.push_back({header.baseSequence, header.lastSequence(), header.baseOffset, header.lastOffset()});
    while (producer.batches.size() > RememberedBatches)
        producer.batches.pop_front();
}

std::string ProducerStateTable::serialize() const
{
    std::ostringstream out;
    for (const auto& [id, producer] : m_producers) {
        for (const Batch& batch : producer.batches)
            out << id << ' ' << producer.epoch << ' ' << batch.firstSequence << ' ' << batch.lastSequence << ' '
                << batch.firstOffset << ' ' << batch.lastOffset << '\n';
    }
    return out.str();
}

bool ProducerStateTable::parse(const std::string& text)
{
    m_producers.clear();
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::istringstream fields(line);
        int64_t id = 0;
        int epoch = 0;
        Batch batch{};
        if (!(fields >> id >> epoch >> batch.firstSequence >> batch.lastSequence >> batch.firstOffset >> batch.lastOffset)
            || id < 0 || epoch < 0 || epoch > INT16_MAX) {
            m_producers.clear();
            return false;
        }
        Producer& producer = m_producers[id];
        producer.epoch = static_cast<int16_t>(epoch);
        producer.batches.push_back(batch);
        while (producer.batches.size() > RememberedBatches)
            producer.batches.pop_front();
    }
    return true;
}

} // namespace samsa::broker

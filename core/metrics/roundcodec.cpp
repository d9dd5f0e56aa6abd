#include "roundcodec.h"

#include "varintreader.h"

#include <limits>

namespace Samsa {

namespace {

constexpr quint64 MaxId = std::numeric_limits<quint32>::max();

// Wrapping arithmetic: a difference of two stored counters always round-trips, and hostile values
// cannot overflow a signed integer.
qint64 wrappingSub(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<quint64>(a) - static_cast<quint64>(b));
}

qint64 wrappingAdd(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<quint64>(a) + static_cast<quint64>(b));
}

void putVarint(QByteArray* out, quint64 value)
{
    while (value >= 0x80) {
        out->append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out->append(static_cast<char>(value));
}

// What a series of the previous round is expected to be: its value moved on by its last step
// when the round before has it too. Asked in increasing id order.
class Predictor {
public:
    explicit Predictor(const SeriesValues* beforePrevious)
        : m_before(beforePrevious)
    {
    }

    qint64 predict(const SeriesValue& previous)
    {
        if (!m_before)
            return previous.value;
        while (m_position < m_before->size() && (*m_before)[m_position].id < previous.id)
            ++m_position;
        if (m_position == m_before->size() || (*m_before)[m_position].id != previous.id)
            return previous.value;
        return wrappingAdd(previous.value, wrappingSub(previous.value, (*m_before)[m_position].value));
    }

private:
    const SeriesValues* m_before;
    size_t m_position = 0;
};

// Writes increasing ids as runs of consecutive ids: the gap from the previous run, the length,
// and (for listed series) one value per id.
class RunWriter {
public:
    explicit RunWriter(bool withValues)
        : m_withValues(withValues)
    {
    }

    void add(quint32 id, qint64 value = 0)
    {
        if (m_length == 0 || id != m_start + m_length) {
            flush();
            m_start = id;
        }
        ++m_length;
        if (m_withValues)
            m_values.push_back(value);
    }

    void finish(QByteArray* out)
    {
        flush();
        putVarint(out, m_runs);
        out->append(m_body);
    }

private:
    void flush()
    {
        if (m_length == 0)
            return;
        putVarint(&m_body, m_start - m_next);
        putVarint(&m_body, m_length);
        if (m_withValues) {
            for (qint64 value : m_values)
                putVarint(&m_body, VarintReader::zigZag(value));
        }
        m_next = m_start + m_length;
        ++m_runs;
        m_length = 0;
        m_values.clear();
    }

    QByteArray m_body;
    std::vector<qint64> m_values;
    quint64 m_next = 0;
    quint64 m_start = 0;
    quint64 m_length = 0;
    quint64 m_runs = 0;
    bool m_withValues;
};

struct IdRange {
    quint64 first = 0;
    quint64 last = 0;
};

// Reads the next run: its first id and length, checked against the id range and, when each id
// carries a value, against the bytes left.
bool readRun(VarintReader& reader, quint64* next, bool withValues, IdRange* run, QString* error)
{
    quint64 gap = 0;
    quint64 length = 0;
    if (!reader.varint(&gap, error) || !reader.varint(&length, error))
        return false;
    if (length == 0) {
        *error = QStringLiteral("A run of series ids is empty.");
        return false;
    }
    if (gap > MaxId || length > MaxId + 1 || *next + gap + length - 1 > MaxId) {
        *error = QStringLiteral("A series id is out of range.");
        return false;
    }
    if (withValues && length > static_cast<quint64>(reader.remaining())) {
        *error = QStringLiteral("A run of %1 values does not fit in the data.").arg(length);
        return false;
    }
    run->first = *next + gap;
    run->last = run->first + length - 1;
    *next = run->last + 1;
    return true;
}

bool isWanted(const std::vector<bool>* wanted, quint64 id)
{
    return !wanted || (id < wanted->size() && (*wanted)[id]);
}

// The listed series (values or differences), filtered.
bool readListed(VarintReader& reader, const std::vector<bool>* wanted, SeriesValues* listed, QString* error)
{
    qsizetype runs = 0;
    if (!reader.count(3, &runs, error)) // gap, length and a value: three bytes at least
        return false;
    quint64 next = 0;
    for (qsizetype i = 0; i < runs; ++i) {
        IdRange run;
        if (!readRun(reader, &next, true, &run, error))
            return false;
        for (quint64 id = run.first; id <= run.last; ++id) {
            qint64 value = 0;
            if (!reader.zigZagVarint(&value, error))
                return false;
            if (isWanted(wanted, id))
                listed->push_back({ static_cast<quint32>(id), value });
        }
    }
    return true;
}

bool readRemoved(VarintReader& reader, std::vector<IdRange>* removed, quint64* removedIds, QString* error)
{
    qsizetype runs = 0;
    if (!reader.count(2, &runs, error))
        return false;
    quint64 next = 0;
    removed->resize(static_cast<size_t>(runs));
    for (IdRange& run : *removed) {
        if (!readRun(reader, &next, false, &run, error))
            return false;
        *removedIds += run.last - run.first + 1;
    }
    return true;
}

// The previous round, predicted forward, with the listed differences and new series applied and
// the removed series dropped. strict: the filter is off, so every removed id must be found.
bool applyDelta(const SeriesValues& previous, const SeriesValues* beforePrevious, const SeriesValues& listed,
    const std::vector<IdRange>& removed, quint64 removedIds, bool strict, SeriesValues* values, QString* error)
{
    Predictor predictor(beforePrevious);
    values->reserve(previous.size() + listed.size());
    size_t p = 0;
    size_t l = 0;
    size_t r = 0;
    quint64 removedFound = 0;
    while (p < previous.size() || l < listed.size()) {
        const bool takePrevious = p < previous.size() && (l == listed.size() || previous[p].id <= listed[l].id);
        const quint32 id = takePrevious ? previous[p].id : listed[l].id;
        const bool inPrevious = takePrevious;
        const bool isListed = l < listed.size() && listed[l].id == id;
        while (r < removed.size() && removed[r].last < id)
            ++r;
        if (r < removed.size() && removed[r].first <= id) {
            if (!inPrevious || isListed) {
                *error = QStringLiteral("Series %1 is both listed and removed.").arg(id);
                return false;
            }
            ++p;
            ++removedFound;
            continue;
        }
        qint64 value = isListed ? listed[l].value : 0;
        if (inPrevious)
            value = wrappingAdd(predictor.predict(previous[p++]), value);
        if (isListed)
            ++l;
        values->push_back({ id, value });
    }
    if (strict && removedFound != removedIds) {
        *error = QStringLiteral("The round removes series its previous round does not have.");
        return false;
    }
    return true;
}

bool readHeader(VarintReader& reader, RoundCodec::Header* header, QString* error)
{
    quint8 kind = 0;
    if (!reader.byte(&kind, error))
        return false;
    if (kind > static_cast<quint8>(RoundCodec::Kind::LinearDelta)) {
        *error = QStringLiteral("Unknown round format %1.").arg(kind);
        return false;
    }
    header->kind = static_cast<RoundCodec::Kind>(kind);
    header->previousTimeMs = 0;
    return header->kind == RoundCodec::Kind::Keyframe || reader.zigZagVarint(&header->previousTimeMs, error);
}

} // namespace

QByteArray RoundCodec::encode(
    const SeriesValues& values, const SeriesValues* previous, const SeriesValues* beforePrevious, qint64 previousTimeMs)
{
    QByteArray out;
    RunWriter listed(true);
    if (!previous) {
        out.append(static_cast<char>(Kind::Keyframe));
        for (const SeriesValue& entry : values)
            listed.add(entry.id, entry.value);
        listed.finish(&out);
        return out;
    }
    out.append(static_cast<char>(beforePrevious ? Kind::LinearDelta : Kind::Delta));
    putVarint(&out, VarintReader::zigZag(previousTimeMs));
    RunWriter removed(false);
    Predictor predictor(beforePrevious);
    auto known = previous->cbegin();
    for (const SeriesValue& entry : values) {
        for (; known != previous->cend() && known->id < entry.id; ++known)
            removed.add(known->id);
        if (known == previous->cend() || known->id != entry.id) {
            listed.add(entry.id, entry.value);
            continue;
        }
        const qint64 predicted = predictor.predict(*known++);
        if (entry.value != predicted)
            listed.add(entry.id, wrappingSub(entry.value, predicted));
    }
    for (; known != previous->cend(); ++known)
        removed.add(known->id);
    listed.finish(&out);
    removed.finish(&out);
    return out;
}

bool RoundCodec::readHeader(QByteArrayView blob, Header* header, QString* error)
{
    VarintReader reader(blob);
    return Samsa::readHeader(reader, header, error);
}

bool RoundCodec::decode(QByteArrayView blob, const SeriesValues* previous, const SeriesValues* beforePrevious,
    const std::vector<bool>* wanted, SeriesValues* values, QString* error)
{
    values->clear();
    VarintReader reader(blob);
    Header header;
    if (!Samsa::readHeader(reader, &header, error))
        return false;
    if ((header.kind != Kind::Keyframe && !previous) || (header.kind == Kind::LinearDelta && !beforePrevious)) {
        *error = QStringLiteral("The round is a delta against rounds that are not there.");
        return false;
    }
    SeriesValues listed;
    if (!readListed(reader, wanted, header.kind == Kind::Keyframe ? values : &listed, error))
        return false;
    if (header.kind != Kind::Keyframe) {
        std::vector<IdRange> removed;
        quint64 removedIds = 0;
        if (!readRemoved(reader, &removed, &removedIds, error)
            || !applyDelta(*previous, header.kind == Kind::LinearDelta ? beforePrevious : nullptr, listed, removed,
                removedIds, !wanted, values, error))
            return false;
    }
    if (reader.remaining() != 0) {
        *error = QStringLiteral("%1 bytes follow the round.").arg(reader.remaining());
        return false;
    }
    return true;
}

} // namespace Samsa

#pragma once

// The values of one stored round in history.db (MetricsHistoryStore) as a blob. Decoding is kept
// apart from the store so that damaged or hostile bytes are refused here, with an error, before
// anything acts on them.
//
// A blob starts with its kind: a keyframe (absolute values), a delta against the previous stored
// round of its resolution, or a linear delta against the two previous ones; a delta then names the
// previous round's time (zig-zag varint) so a reader can tell a broken chain. Then runs of
// consecutive series ids, each as the gap from the end of the previous run and the length
// (unsigned LEB128), followed by one zig-zag varint per id: the value in a keyframe, else the
// difference to the prediction (a new series: to 0). A delta lists only the series that differ
// from their prediction, then the runs of ids the previous round had and this one has not.
//
// Why so: a 10,000-partition cluster has about 40,000 counters. Most stand still (idle topics,
// idle groups) and cost nothing in a delta; ids are given kind by kind and topic by topic, so the
// ones that move come in long runs and their ids cost next to nothing; and a partition written at
// a steady rate grows by about as much as in the previous round, so the linear prediction
// (previous + (previous - the one before)) leaves a small remainder. See tst_metricshistory's size
// test for the figures.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace Samsa {

struct SeriesValue {
    quint32 id = 0;
    qint64 value = 0;
    bool operator==(const SeriesValue&) const = default;
};

// Sorted by id, each id once.
using SeriesValues = std::vector<SeriesValue>;

class RoundCodec {
public:
    enum class Kind : quint8 { Keyframe = 0, Delta = 1, LinearDelta = 2 };
    struct Header {
        Kind kind = Kind::Keyframe;
        qint64 previousTimeMs = 0; // the round a delta applies to
    };

    // A keyframe when previous is null; a linear delta when beforePrevious is given too.
    static QByteArray encode(const SeriesValues& values, const SeriesValues* previous,
        const SeriesValues* beforePrevious, qint64 previousTimeMs);

    static bool readHeader(QByteArrayView blob, Header* header, QString* error);

    // Decodes into *values. A delta needs the decoded previous round, a linear delta the one before
    // it too. wanted (indexed by series id; null for all) drops other series while decoding; the
    // rounds given must have been decoded with the same filter. False with *error set on anything
    // malformed; memory stays bounded by the sizes of the blob and the rounds given, whatever the
    // bytes say.
    static bool decode(QByteArrayView blob, const SeriesValues* previous, const SeriesValues* beforePrevious,
        const std::vector<bool>* wanted, SeriesValues* values, QString* error);
};

} // namespace Samsa

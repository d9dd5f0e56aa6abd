#pragma once

// Which loaded messages match the filter bar: text or a regular expression on the key, the value,
// one header or all of them, or a field expression on decoded values (fieldexpression.h).
//
// Text is searched in the raw bytes where the shown text is the raw text (String, JSON, and Auto
// for records that are not Avro-framed), so a million records take a fraction of a second; formats
// whose shown text differs from the bytes (Avro, hex, base64, numbers) are decoded first and the
// decoded text is searched. Headers are always searched raw. A record whose key or value cannot be
// decoded does not match through that side (its raw bytes are not shown either).
//
// Thread-safe after create(): run() may be called from several threads at once.

#include "decoding/payloaddecoder.h"
#include "fieldexpression.h"
#include "recordstore.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace Samsa {

struct MessageFilterSpec {
    enum class Mode { Text, RegularExpression, Expression };
    enum class Scope { All, Key, Value, Header };
    Mode mode = Mode::Text;
    Scope scope = Scope::All; // ignored for Expression
    QString pattern; // the text, the regular expression or the field expression
    QString headerName; // for Scope::Header
    bool caseSensitive = false; // Text and RegularExpression
    DecodeOptions keyOptions; // the formats the table shows, so the filter searches the same text
    DecodeOptions valueOptions;
};

class MessageFilter {
public:
    // nullptr with *error set when the regular expression or the field expression is invalid
    // (the field expression's message names the column). An empty text pattern matches everything.
    static std::shared_ptr<const MessageFilter> create(const MessageFilterSpec& spec, QString* error);
    ~MessageFilter();

    // Optional facts about the records that spare copying them: hasHeaders[i] tells whether record
    // i has headers at all (the snapshot can only give headers by copying the whole record).
    struct Hints {
        std::shared_ptr<const std::vector<bool>> hasHeaders;
    };

    // Store indices in [from, to) that match, ascending. `cancelled` is checked every few thousand
    // records (the partial result is then returned and should be dropped); `progress` (may be empty)
    // gets the number of records done so far, on the calling thread. threads <= 0: one per core.
    // decoder may be null when every format in use is searched raw.
    QList<qint64> run(const RecordStore::Snapshot& snapshot, const PayloadDecoder* decoder, qint64 from, qint64 to,
        const std::atomic<bool>& cancelled, const std::function<void(qint64 done)>& progress = {},
        const Hints& hints = {}, int threads = 0) const;

    // One record; for tests and small sets.
    bool matches(const RecordStore::Snapshot& snapshot, qint64 index, const PayloadDecoder* decoder,
        const Hints& hints = {}) const;

    const MessageFilterSpec& spec() const;

private:
    MessageFilter();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Samsa

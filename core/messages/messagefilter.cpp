#include "messagefilter.h"

#include <QRegularExpression>
#include <QThread>

#include <array>
#include <cstring>
#include <thread>

namespace Samsa {

namespace {

// Records between two looks at the cancel flag and two progress reports.
constexpr qint64 checkInterval = 8192;
// Below this many records one thread is quicker than starting more.
constexpr qint64 parallelThreshold = 50000;

// Boyer-Moore-Horspool over bytes, optionally folding ASCII letters: the text search's inner loop.
class ByteSearcher {
public:
    ByteSearcher() = default;
    ByteSearcher(const QByteArray& needle, bool foldAscii)
    {
        for (int c = 0; c < 256; ++c)
            m_fold[size_t(c)] = uchar(foldAscii && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        m_needle.resize(needle.size());
        for (qsizetype i = 0; i < needle.size(); ++i)
            m_needle[i] = char(m_fold[uchar(needle.at(i))]);
        const qsizetype n = m_needle.size();
        m_skip.fill(n);
        for (qsizetype i = 0; i + 1 < n; ++i)
            m_skip[uchar(m_needle.at(i))] = n - 1 - i;
    }

    bool contains(QByteArrayView haystack) const
    {
        const qsizetype n = m_needle.size();
        if (n == 0)
            return true;
        const qsizetype size = haystack.size();
        if (size < n)
            return false;
        const auto* h = reinterpret_cast<const uchar*>(haystack.data());
        const auto* needle = reinterpret_cast<const uchar*>(m_needle.constData());
        const uchar last = needle[n - 1];
        qsizetype i = 0;
        while (i <= size - n) {
            const uchar c = m_fold[h[i + n - 1]];
            if (c == last) {
                qsizetype j = 0;
                while (j < n - 1 && m_fold[h[i + j]] == needle[j])
                    ++j;
                if (j == n - 1)
                    return true;
            }
            i += m_skip[c];
        }
        return false;
    }

private:
    QByteArray m_needle;
    std::array<uchar, 256> m_fold {};
    std::array<qsizetype, 256> m_skip {};
};

bool isAscii(const QByteArray& bytes)
{
    for (const char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

// Whether the table shows these bytes as they are (so searching them raw finds what the user sees).
bool shownRaw(MessageFormat format, QByteArrayView bytes)
{
    switch (format) {
    case MessageFormat::String:
    case MessageFormat::Json:
        return true;
    case MessageFormat::Auto:
        // Auto decodes Confluent framing (magic byte 0) and single-object Avro (C3 01); the rest is
        // shown as JSON or text. Binary that is not UTF-8 is shown as hex, where a raw match is rare
        // and harmless.
        return !(bytes.size() >= 5 && bytes.at(0) == 0) && !(bytes.size() >= 10 && uchar(bytes.at(0)) == 0xC3 && bytes.at(1) == 1);
    default:
        return false;
    }
}

} // namespace

struct MessageFilter::Private {
    MessageFilterSpec spec;
    ByteSearcher searcher;
    bool textSearchOnQString = false; // non-ASCII needle without case: compare as text
    QString needle;
    QRegularExpression regex;
    std::shared_ptr<const FieldExpression> expression;
    QByteArray headerName;
    bool matchesEverything = false; // an empty text: the filter bar was cleared to nothing

    bool matchText(const QString& text) const
    {
        if (spec.mode == MessageFilterSpec::Mode::RegularExpression)
            return regex.match(text).hasMatch();
        if (textSearchOnQString)
            return text.contains(needle, spec.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
        return searcher.contains(text.toUtf8());
    }

    bool matchBytes(QByteArrayView bytes) const
    {
        if (spec.mode == MessageFilterSpec::Mode::Text && !textSearchOnQString)
            return searcher.contains(bytes);
        return matchText(QString::fromUtf8(bytes));
    }

    bool matchPayload(QByteArrayView bytes, bool isNull, const DecodeOptions& options, const PayloadDecoder* decoder) const
    {
        if (isNull)
            return false;
        if (shownRaw(options.format, bytes))
            return matchBytes(bytes);
        if (!decoder)
            return false;
        const DecodedPayload decoded = decoder->decode(bytes, isNull, options);
        if (decoded.kind == DecodedPayload::Kind::Text)
            return matchText(decoded.text);
        if (decoded.kind == DecodedPayload::Kind::Json)
            return matchBytes(decoded.json);
        return false;
    }

    bool matchHeaders(const RecordStore::Snapshot& snapshot, qint64 i, const Hints& hints) const
    {
        if (hints.hasHeaders && (i >= qint64(hints.hasHeaders->size()) || !(*hints.hasHeaders)[size_t(i)]))
            return false;
        const KafkaRecord record = snapshot.record(i);
        for (const RecordHeader& header : record.headers) {
            if (spec.scope == MessageFilterSpec::Scope::Header) {
                if (header.key == headerName && header.value && matchBytes(*header.value))
                    return true;
                continue;
            }
            if (matchBytes(header.key) || (header.value && matchBytes(*header.value)))
                return true;
        }
        return false;
    }

    bool matchExpression(const RecordStore::Snapshot& snapshot, qint64 i, const PayloadDecoder* decoder, const Hints& hints) const
    {
        MessageFields fields;
        fields.partition = snapshot.partition(i);
        fields.offset = snapshot.offset(i);
        fields.timestampMs = snapshot.timestampMs(i);
        const QByteArrayView keyBytes = snapshot.key(i);
        const QByteArrayView valueBytes = snapshot.value(i);
        fields.size = keyBytes.size() + valueBytes.size();
        KafkaRecord record;
        const bool mayHaveHeaders = !hints.hasHeaders || (i < qint64(hints.hasHeaders->size()) && (*hints.hasHeaders)[size_t(i)]);
        if (mayHaveHeaders && (expression->usesHeaders() || expression->usesSize())) {
            record = snapshot.record(i);
            fields.size = record.size();
            fields.headers = &record.headers;
        } else {
            static const QList<RecordHeader> none;
            fields.headers = &none;
        }
        DecodedPayload key;
        DecodedPayload value;
        if (expression->usesKey()) {
            if (decoder)
                key = decoder->decode(keyBytes, snapshot.keyIsNull(i), spec.keyOptions);
            else
                key.kind = DecodedPayload::Kind::Error;
            fields.key = &key;
        }
        if (expression->usesValue()) {
            if (decoder)
                value = decoder->decode(valueBytes, snapshot.valueIsNull(i), spec.valueOptions);
            else
                value.kind = DecodedPayload::Kind::Error;
            fields.value = &value;
        }
        return expression->evaluate(fields);
    }

    bool matches(const RecordStore::Snapshot& snapshot, qint64 i, const PayloadDecoder* decoder, const Hints& hints) const
    {
        using Scope = MessageFilterSpec::Scope;
        if (matchesEverything)
            return true;
        if (expression)
            return matchExpression(snapshot, i, decoder, hints);
        if ((spec.scope == Scope::All || spec.scope == Scope::Key) && matchPayload(snapshot.key(i), snapshot.keyIsNull(i), spec.keyOptions, decoder))
            return true;
        if ((spec.scope == Scope::All || spec.scope == Scope::Value) && matchPayload(snapshot.value(i), snapshot.valueIsNull(i), spec.valueOptions, decoder))
            return true;
        if (spec.scope == Scope::All || spec.scope == Scope::Header)
            return matchHeaders(snapshot, i, hints);
        return false;
    }

    void runRange(const RecordStore::Snapshot& snapshot, const PayloadDecoder* decoder, qint64 from, qint64 to,
        const std::atomic<bool>& cancelled, std::atomic<qint64>* done, const Hints& hints, QList<qint64>* out) const
    {
        qint64 reported = from;
        for (qint64 i = from; i < to; ++i) {
            if (i - reported == checkInterval) {
                done->fetch_add(i - reported, std::memory_order_relaxed);
                reported = i;
                if (cancelled.load(std::memory_order_relaxed))
                    return;
            }
            if (matches(snapshot, i, decoder, hints))
                out->append(i);
        }
        done->fetch_add(to - reported, std::memory_order_relaxed);
    }
};

MessageFilter::MessageFilter()
    : d(std::make_unique<Private>())
{
}

MessageFilter::~MessageFilter() = default;

std::shared_ptr<const MessageFilter> MessageFilter::create(const MessageFilterSpec& spec, QString* error)
{
    std::shared_ptr<MessageFilter> filter(new MessageFilter);
    Private& p = *filter->d;
    p.spec = spec;
    p.headerName = spec.headerName.toUtf8();
    switch (spec.mode) {
    case MessageFilterSpec::Mode::Text: {
        const QByteArray needle = spec.pattern.toUtf8();
        p.needle = spec.pattern;
        p.matchesEverything = spec.pattern.isEmpty();
        // Folding raw bytes is right for ASCII only; other letters are compared as text.
        p.textSearchOnQString = !spec.caseSensitive && !isAscii(needle);
        p.searcher = ByteSearcher(needle, !spec.caseSensitive);
        break;
    }
    case MessageFilterSpec::Mode::RegularExpression:
        p.regex = QRegularExpression(spec.pattern,
            spec.caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
        if (!p.regex.isValid()) {
            if (error)
                *error = QStringLiteral("invalid regular expression at character %1: %2")
                             .arg(p.regex.patternErrorOffset() + 1)
                             .arg(p.regex.errorString());
            return nullptr;
        }
        p.regex.optimize();
        break;
    case MessageFilterSpec::Mode::Expression: {
        FieldExpressionError expressionError;
        p.expression = FieldExpression::parse(spec.pattern, &expressionError);
        if (!p.expression) {
            if (error)
                *error = expressionError.message;
            return nullptr;
        }
        break;
    }
    }
    return filter;
}

const MessageFilterSpec& MessageFilter::spec() const
{
    return d->spec;
}

bool MessageFilter::matches(const RecordStore::Snapshot& snapshot, qint64 index, const PayloadDecoder* decoder, const Hints& hints) const
{
    return d->matches(snapshot, index, decoder, hints);
}

QList<qint64> MessageFilter::run(const RecordStore::Snapshot& snapshot, const PayloadDecoder* decoder, qint64 from, qint64 to,
    const std::atomic<bool>& cancelled, const std::function<void(qint64)>& progress, const Hints& hints, int threads) const
{
    from = qMax<qint64>(0, from);
    to = qMin(to, snapshot.count());
    if (to <= from)
        return {};
    if (threads <= 0)
        threads = qMax(1, QThread::idealThreadCount());
    const qint64 total = to - from;
    if (total < parallelThreshold)
        threads = 1;

    std::atomic<qint64> done { 0 };
    std::vector<QList<qint64>> parts(static_cast<size_t>(threads));
    std::vector<std::thread> helpers;
    const qint64 chunk = (total + threads - 1) / threads;
    // Helpers take the first chunks; this thread takes the last one in slices so it can report progress.
    for (int t = 0; t + 1 < threads; ++t) {
        const qint64 begin = from + t * chunk;
        const qint64 end = qMin(to, begin + chunk);
        helpers.emplace_back([&, begin, end, t] { d->runRange(snapshot, decoder, begin, end, cancelled, &done, hints, &parts[size_t(t)]); });
    }
    const qint64 ownBegin = from + qint64(threads - 1) * chunk;
    for (qint64 begin = ownBegin; begin < to && !cancelled.load(std::memory_order_relaxed); begin += checkInterval * 4) {
        const qint64 end = qMin(to, begin + checkInterval * 4);
        d->runRange(snapshot, decoder, begin, end, cancelled, &done, hints, &parts.back());
        if (progress)
            progress(qMin(total, done.load(std::memory_order_relaxed)));
    }
    for (std::thread& helper : helpers)
        helper.join();
    if (progress)
        progress(qMin(total, done.load()));

    qsizetype matched = 0;
    for (const QList<qint64>& part : parts)
        matched += part.size();
    QList<qint64> result;
    result.reserve(matched);
    for (const QList<qint64>& part : parts)
        result.append(part);
    return result;
}

} // namespace Samsa

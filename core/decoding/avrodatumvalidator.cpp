#include "avrodatumvalidator.h"

#include "avroschemabinding.h"

namespace Samsa {

using samsa::avro::AvroNode;
using samsa::avro::AvroType;

namespace {

class Walker {
public:
    Walker(const AvroSchemaBinding& schema, const uint8_t* data, size_t size)
        : m_schema(schema)
        , m_data(data)
        , m_size(size)
    {
    }

    bool walk(int index, int nesting)
    {
        const AvroNode& node = m_schema.node(index);
        switch (node.type) {
        case AvroType::Null:
            return true;
        case AvroType::Boolean: {
            if (!need(1))
                return false;
            const uint8_t b = m_data[m_pos];
            if (b > 1)
                return fail(QStringLiteral("invalid boolean 0x%1 at byte %2").arg(b, 2, 16, QLatin1Char('0')).arg(m_pos));
            ++m_pos;
            return true;
        }
        case AvroType::Int: {
            int64_t value = 0;
            const size_t start = m_pos;
            if (!readLong(&value, 5))
                return false;
            if (value < INT32_MIN || value > INT32_MAX)
                return fail(QStringLiteral("int out of range at byte %1").arg(start));
            return true;
        }
        case AvroType::Long: {
            int64_t value = 0;
            return readLong(&value, 10);
        }
        case AvroType::Float:
            return skip(4);
        case AvroType::Double:
            return skip(8);
        case AvroType::Bytes:
        case AvroType::String: {
            int64_t length = 0;
            const size_t start = m_pos;
            if (!readLong(&length, 10))
                return false;
            if (length < 0)
                return fail(QStringLiteral("negative length %1 at byte %2").arg(length).arg(start));
            return skip(static_cast<uint64_t>(length));
        }
        case AvroType::Fixed:
            return skip(static_cast<uint64_t>(node.size));
        case AvroType::Enum: {
            int64_t symbol = 0;
            const size_t start = m_pos;
            if (!readLong(&symbol, 10))
                return false;
            if (symbol < 0 || static_cast<uint64_t>(symbol) >= node.symbols.size())
                return fail(QStringLiteral("invalid enum index %1 at byte %2 (%3 symbols)")
                                .arg(symbol)
                                .arg(start)
                                .arg(node.symbols.size()));
            return true;
        }
        case AvroType::Union: {
            int64_t branch = 0;
            const size_t start = m_pos;
            if (!readLong(&branch, 10))
                return false;
            if (branch < 0 || static_cast<uint64_t>(branch) >= node.branches.size())
                return fail(QStringLiteral("invalid union branch %1 at byte %2 (%3 branches)")
                                .arg(branch)
                                .arg(start)
                                .arg(node.branches.size()));
            return walk(node.branches[static_cast<size_t>(branch)], nesting);
        }
        case AvroType::Record:
            if (!enter(nesting))
                return false;
            for (const auto& field : node.fields) {
                if (!walk(field.type, nesting + 1))
                    return false;
            }
            return true;
        case AvroType::Array:
        case AvroType::Map:
            if (!enter(nesting))
                return false;
            return walkBlocks(node, nesting + 1);
        }
        return fail(QStringLiteral("unknown schema type"));
    }

    size_t position() const { return m_pos; }
    QString error() const { return m_error; }

private:
    bool fail(QString message)
    {
        m_error = std::move(message);
        return false;
    }

    bool truncated(uint64_t wanted)
    {
        return fail(QStringLiteral("truncated data at byte %1 (%2 more bytes needed, %3 left)")
                        .arg(m_pos)
                        .arg(wanted)
                        .arg(m_size - m_pos));
    }

    bool need(uint64_t bytes) { return bytes <= m_size - m_pos ? true : truncated(bytes); }

    bool skip(uint64_t bytes)
    {
        if (!need(bytes))
            return false;
        m_pos += static_cast<size_t>(bytes);
        return true;
    }

    bool enter(int nesting)
    {
        if (nesting < AvroDatumValidator::MaxNesting)
            return true;
        return fail(QStringLiteral("data nested deeper than %1 levels at byte %2")
                        .arg(AvroDatumValidator::MaxNesting)
                        .arg(m_pos));
    }

    // A zig-zag varint of at most maxBytes bytes, as avro-c reads it (so both stop at the same byte).
    bool readLong(int64_t* value, int maxBytes)
    {
        const size_t start = m_pos;
        uint64_t raw = 0;
        for (int i = 0;; ++i) {
            if (i == maxBytes)
                return fail(QStringLiteral("invalid variable-length integer at byte %1").arg(start));
            if (m_pos >= m_size)
                return fail(QStringLiteral("truncated data at byte %1 (variable-length integer from byte %2 "
                                           "not finished)")
                                .arg(m_pos)
                                .arg(start));
            const uint8_t b = m_data[m_pos++];
            raw |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
            if (!(b & 0x80))
                break;
        }
        *value = static_cast<int64_t>((raw >> 1) ^ (0 - (raw & 1)));
        return true;
    }

    // Arrays and maps come in blocks: a count (negative: followed by the block's size in bytes),
    // the items, and a count of 0 at the end.
    bool walkBlocks(const AvroNode& node, int nesting)
    {
        const bool isMap = node.type == AvroType::Map;
        const int item = isMap ? node.values : node.items;
        const bool emptyItems = !isMap && m_schema.isEmptyEncoding(item);
        while (true) {
            int64_t count = 0;
            const size_t start = m_pos;
            if (!readLong(&count, 10))
                return false;
            if (count == 0)
                return true;
            if (count < 0) {
                if (count == INT64_MIN)
                    return fail(QStringLiteral("invalid block count at byte %1").arg(start));
                count = -count;
                int64_t blockBytes = 0;
                if (!readLong(&blockBytes, 10))
                    return false;
            }
            // Every item of anything but empty items takes at least one byte; a map key does too.
            if (emptyItems) {
                // Counted over the whole datum: a few bytes of nested arrays must not make a billion.
                m_emptyItems += count;
                if (count > AvroDatumValidator::MaxEmptyItems || m_emptyItems > AvroDatumValidator::MaxEmptyItems)
                    return fail(QStringLiteral("%1 items that take no bytes at byte %2 (at most %3)")
                                    .arg(count)
                                    .arg(start)
                                    .arg(AvroDatumValidator::MaxEmptyItems));
            } else if (static_cast<uint64_t>(count) > m_size - m_pos) {
                return fail(QStringLiteral("truncated data at byte %1 (a block of %2 %3 cannot fit in the %4 bytes left)")
                                .arg(start)
                                .arg(count)
                                .arg(isMap ? QStringLiteral("entries") : QStringLiteral("items"))
                                .arg(m_size - m_pos));
            }
            for (int64_t i = 0; i < count; ++i) {
                if (isMap && !walkKey())
                    return false;
                if (!walk(item, nesting))
                    return false;
            }
        }
    }

    bool walkKey()
    {
        int64_t length = 0;
        const size_t start = m_pos;
        if (!readLong(&length, 10))
            return false;
        if (length < 0)
            return fail(QStringLiteral("negative length %1 at byte %2").arg(length).arg(start));
        return skip(static_cast<uint64_t>(length));
    }

    const AvroSchemaBinding& m_schema;
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
    int64_t m_emptyItems = 0;
    QString m_error;
};

} // namespace

AvroDatumCheck AvroDatumValidator::check(const AvroSchemaBinding& schema, const uint8_t* data, size_t size)
{
    Walker walker(schema, data, size);
    AvroDatumCheck result;
    result.ok = walker.walk(schema.model().root(), 0);
    result.bytesRead = static_cast<int>(walker.position());
    if (!result.ok) {
        result.error = walker.error();
    } else if (walker.position() != size) {
        result.ok = false;
        result.error = QStringLiteral("%1 bytes left over after the datum ended at byte %2")
                           .arg(size - walker.position())
                           .arg(walker.position());
    }
    return result;
}

} // namespace Samsa

#include "avrosamplegenerator.h"

#include "avrojsonwriter.h"
#include "avrologicaltext.h"
#include "avroschemabinding.h"

#include <QDateTime>

#include <set>

namespace Samsa {

using samsa::Json;
using samsa::avro::AvroNode;
using samsa::avro::AvroType;

namespace {

constexpr int MaxDepth = 32;

class Sampler {
public:
    Sampler(const AvroSchemaBinding& schema, int64_t nowMillis)
        : m_schema(schema)
        , m_now(nowMillis)
    {
    }

    Json sample(int index, const std::string& name, int depth)
    {
        const AvroNode& node = m_schema.node(index);
        const AvroLogicalInfo& logical = m_schema.logical(index);
        if (depth > MaxDepth)
            return Json();
        switch (node.type) {
        case AvroType::Null:
            return Json();
        case AvroType::Boolean:
            return Json(true);
        case AvroType::Int:
            if (logical.kind == AvroLogical::Date)
                return text([&](std::string& out) { return AvroLogicalText::appendDate(out, floorDiv(m_now, 86'400'000)); });
            if (logical.kind == AvroLogical::TimeMillis)
                return Json("12:30:00.000");
            return Json(42);
        case AvroType::Long:
            return sampleLong(logical.kind);
        case AvroType::Float:
        case AvroType::Double:
            return Json(1.5);
        case AvroType::String:
            if (logical.kind == AvroLogical::Uuid)
                return Json("123e4567-e89b-12d3-a456-426614174000");
            return Json(name.empty() ? std::string("text") : name + " text");
        case AvroType::Bytes:
            if (logical.kind == AvroLogical::Decimal)
                return Json(sampleDecimal(logical, -1));
            return Json("bytes");
        case AvroType::Fixed:
            if (logical.kind == AvroLogical::Decimal)
                return Json(sampleDecimal(logical, static_cast<int>(node.size)));
            if (logical.kind == AvroLogical::Uuid)
                return Json("123e4567-e89b-12d3-a456-426614174000");
            if (logical.kind == AvroLogical::Duration)
                return Json("P1M2DT3H");
            return Json(std::string(static_cast<size_t>(node.size), '\0'));
        case AvroType::Enum:
            return Json(node.enumDefault ? *node.enumDefault : node.symbols.front());
        case AvroType::Array: {
            Json out = Json::array();
            if (!isRecursive(node.items))
                out.push(sample(node.items, name, depth + 1));
            return out;
        }
        case AvroType::Map: {
            Json out = Json::object();
            if (!isRecursive(node.values))
                out.set("key", sample(node.values, name, depth + 1));
            return out;
        }
        case AvroType::Record: {
            m_open.insert(index);
            Json out = Json::object();
            for (const auto& field : node.fields)
                out.set(field.name, sample(field.type, field.name, depth + 1));
            m_open.erase(index);
            return out;
        }
        case AvroType::Union: {
            int chosen = -1;
            int nullBranch = -1;
            for (int branch : node.branches) {
                if (m_schema.node(branch).type == AvroType::Null)
                    nullBranch = nullBranch < 0 ? branch : nullBranch;
                else if (chosen < 0 && !isRecursive(branch))
                    chosen = branch;
            }
            if (chosen < 0)
                chosen = nullBranch >= 0 ? nullBranch : node.branches.empty() ? -1 : node.branches.front();
            return chosen < 0 ? Json() : sample(chosen, name, depth);
        }
        }
        return Json();
    }

private:
    static int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

    template<typename Append>
    static Json text(Append append)
    {
        std::string out;
        return append(out) ? Json(out) : Json(0);
    }

    // A record already being filled in, met again: following it would never end.
    bool isRecursive(int index) const { return m_open.count(index) > 0; }

    Json sampleLong(AvroLogical kind) const
    {
        std::string out;
        switch (kind) {
        case AvroLogical::TimeMicros:
            return Json("12:30:00.000000");
        case AvroLogical::TimestampMillis:
        case AvroLogical::LocalTimestampMillis:
            AvroLogicalText::appendTimestamp(out, m_now, 1000, kind == AvroLogical::TimestampMillis);
            return Json(out);
        case AvroLogical::TimestampMicros:
        case AvroLogical::LocalTimestampMicros:
            AvroLogicalText::appendTimestamp(out, m_now * 1000, 1'000'000, kind == AvroLogical::TimestampMicros);
            return Json(out);
        case AvroLogical::TimestampNanos:
        case AvroLogical::LocalTimestampNanos:
            AvroLogicalText::appendTimestamp(out, m_now * 1'000'000, 1'000'000'000, kind == AvroLogical::TimestampNanos);
            return Json(out);
        default:
            return Json(int64_t(42));
        }
    }

    static std::string sampleDecimal(const AvroLogicalInfo& logical, int fixedSize)
    {
        // 1.50 when the precision leaves room for an integer digit and the size for the value, else 0.
        std::string value = logical.precision > logical.scale ? "1" : "0";
        if (logical.scale > 0)
            value += "." + std::string("5") + std::string(static_cast<size_t>(logical.scale - 1), '0');
        if (!AvroLogicalText::parseDecimal(value, logical.scale, fixedSize))
            value = "0";
        return value;
    }

    const AvroSchemaBinding& m_schema;
    int64_t m_now;
    std::set<int> m_open;
};

} // namespace

QByteArray AvroSampleGenerator::generate(const QByteArray& schemaJson, QString* error, bool pretty, qint64 nowMillis)
{
    const auto schema = AvroSchemaBinding::create(schemaJson, error);
    if (!schema)
        return {};
    if (nowMillis < 0)
        nowMillis = QDateTime::currentMSecsSinceEpoch();
    Sampler sampler(*schema, nowMillis);
    const std::string compact = sampler.sample(schema->model().root(), std::string(), 0).dump();
    const std::string text = pretty ? AvroJsonWriter::indent(compact) : compact;
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace Samsa

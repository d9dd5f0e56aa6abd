#include "avroschemabinding.h"

#include "avroschema/json.h"

#include <avro.h>

namespace Samsa {

using samsa::avro::AvroNode;
using samsa::avro::AvroSchema;
using samsa::avro::AvroType;

namespace {

const samsa::Json* property(const AvroNode& node, std::string_view name)
{
    for (const auto& [key, value] : node.properties) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

AvroLogicalInfo classifyNode(const AvroNode& node)
{
    const samsa::Json* name = property(node, "logicalType");
    if (!name || !name->isString())
        return {};
    const std::string& logical = name->string();
    const AvroType type = node.type;
    AvroLogicalInfo info;
    if (logical == "decimal" && (type == AvroType::Bytes || type == AvroType::Fixed)) {
        const samsa::Json* precision = property(node, "precision");
        const samsa::Json* scale = property(node, "scale");
        if (!precision || !precision->isInteger() || precision->integer() <= 0 || precision->integer() > 100000)
            return {};
        if (scale && (!scale->isInteger() || scale->integer() < 0 || scale->integer() > precision->integer()))
            return {};
        info.kind = AvroLogical::Decimal;
        info.precision = static_cast<int>(precision->integer());
        info.scale = scale ? static_cast<int>(scale->integer()) : 0;
        return info;
    }
    struct Rule {
        const char* name;
        AvroType type;
        AvroLogical kind;
    };
    static constexpr Rule Rules[] = {
        { "uuid", AvroType::String, AvroLogical::Uuid },
        { "date", AvroType::Int, AvroLogical::Date },
        { "time-millis", AvroType::Int, AvroLogical::TimeMillis },
        { "time-micros", AvroType::Long, AvroLogical::TimeMicros },
        { "timestamp-millis", AvroType::Long, AvroLogical::TimestampMillis },
        { "timestamp-micros", AvroType::Long, AvroLogical::TimestampMicros },
        { "timestamp-nanos", AvroType::Long, AvroLogical::TimestampNanos },
        { "local-timestamp-millis", AvroType::Long, AvroLogical::LocalTimestampMillis },
        { "local-timestamp-micros", AvroType::Long, AvroLogical::LocalTimestampMicros },
        { "local-timestamp-nanos", AvroType::Long, AvroLogical::LocalTimestampNanos },
    };
    for (const Rule& rule : Rules) {
        if (logical == rule.name && type == rule.type) {
            info.kind = rule.kind;
            return info;
        }
    }
    // Avro 1.12 allows uuid on a fixed of 16 as well.
    if (logical == "uuid" && type == AvroType::Fixed && node.size == 16)
        info.kind = AvroLogical::Uuid;
    if (logical == "duration" && type == AvroType::Fixed && node.size == 12)
        info.kind = AvroLogical::Duration;
    return info;
}

} // namespace

AvroSchemaBinding::AvroSchemaBinding(AvroSchema model)
    : m_model(std::move(model))
{
}

AvroSchemaBinding::~AvroSchemaBinding()
{
    if (m_avroClass)
        avro_value_iface_decref(m_avroClass);
    if (m_avroSchema)
        avro_schema_decref(m_avroSchema);
}

std::shared_ptr<const AvroSchemaBinding> AvroSchemaBinding::create(const QByteArray& schemaJson, QString* error)
{
    std::string modelError;
    auto model = AvroSchema::parse(schemaJson.toStdString(), &modelError);
    if (!model) {
        if (error)
            *error = QStringLiteral("invalid Avro schema: %1").arg(QString::fromStdString(modelError));
        return nullptr;
    }
    std::shared_ptr<AvroSchemaBinding> binding(new AvroSchemaBinding(std::move(*model)));
    binding->m_schemaJson = schemaJson;
    binding->m_fingerprint = binding->m_model.fingerprint();
    binding->classify();

    const std::string parsingForm = binding->m_model.parsingCanonicalForm();
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(parsingForm.data(), parsingForm.size(), &schema) != 0) {
        if (error)
            *error = QStringLiteral("avro-c cannot read this schema: %1").arg(QString::fromUtf8(avro_strerror()));
        return nullptr;
    }
    binding->m_avroSchema = schema;
    binding->m_avroClass = avro_generic_class_from_schema(schema);
    if (!binding->m_avroClass) {
        if (error)
            *error = QStringLiteral("avro-c cannot use this schema: %1").arg(QString::fromUtf8(avro_strerror()));
        return nullptr;
    }
    return binding;
}

void AvroSchemaBinding::classify()
{
    const size_t count = static_cast<size_t>(m_model.nodeCount());
    m_logical.resize(count);
    m_branchTitles.resize(count);
    m_fieldKeys.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const AvroNode& n = m_model.node(static_cast<int>(i));
        m_logical[i] = classifyNode(n);
        m_branchTitles[i] = branchName(static_cast<int>(i));
        for (const auto& field : n.fields)
            m_fieldKeys[i].push_back(samsa::quoteJson(field.name) + ':');
    }
    // Which nodes take no bytes: the least fixed point, so that a record containing itself (which
    // no datum can hold) never counts as empty.
    m_emptyEncoding.assign(count, false);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < count; ++i) {
            const AvroNode& n = m_model.node(static_cast<int>(i));
            bool empty = n.type == AvroType::Null || (n.type == AvroType::Fixed && n.size == 0);
            if (n.type == AvroType::Record) {
                empty = true;
                for (const auto& field : n.fields)
                    empty = empty && m_emptyEncoding[static_cast<size_t>(field.type)];
            }
            if (empty && !m_emptyEncoding[i]) {
                m_emptyEncoding[i] = true;
                changed = true;
            }
        }
    }
}

std::string AvroSchemaBinding::branchName(int index) const
{
    const AvroNode& n = m_model.node(index);
    if (n.type == AvroType::Record || n.type == AvroType::Enum || n.type == AvroType::Fixed)
        return n.fullName;
    return samsa::avro::avroTypeName(n.type);
}

QString AvroSchemaBinding::fullName() const
{
    return QString::fromStdString(branchName(m_model.root()));
}

} // namespace Samsa

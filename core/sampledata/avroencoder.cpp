#include "avroencoder.h"

#include <QtEndian>

#include <avro.h>

namespace Samsa {

namespace {

QString avroError() { return QString::fromUtf8(avro_strerror()); }

bool setValue(avro_value_t* target, const QVariant& value, QString* error);

// The first branch of a union that accepts the value.
bool setUnion(avro_value_t* target, const QVariant& value, QString* error)
{
    avro_schema_t schema = avro_value_get_schema(target);
    const size_t branches = avro_schema_union_size(schema);
    for (size_t index = 0; index < branches; ++index) {
        avro_schema_t branch = avro_schema_union_branch(schema, int(index));
        const bool isNullBranch = avro_typeof(branch) == AVRO_NULL;
        if (isNullBranch != !value.isValid())
            continue;
        avro_value_t branchValue;
        if (avro_value_set_branch(target, int(index), &branchValue) != 0)
            break;
        QString ignored;
        if (setValue(&branchValue, value, &ignored))
            return true;
    }
    *error = QStringLiteral("no branch of the union fits %1").arg(value.toString());
    return false;
}

bool setRecord(avro_value_t* target, const QVariantMap& record, QString* error)
{
    size_t count = 0;
    avro_value_get_size(target, &count);
    for (size_t index = 0; index < count; ++index) {
        avro_value_t field;
        const char* name = nullptr;
        avro_value_get_by_index(target, index, &field, &name);
        const QString fieldName = QString::fromUtf8(name);
        if (!setValue(&field, record.value(fieldName), error)) {
            *error = QStringLiteral("%1: %2").arg(fieldName, *error);
            return false;
        }
    }
    return true;
}

bool setValue(avro_value_t* target, const QVariant& value, QString* error)
{
    int result = 0;
    switch (avro_value_get_type(target)) {
    case AVRO_NULL:
        result = value.isValid() ? EINVAL : avro_value_set_null(target);
        break;
    case AVRO_BOOLEAN:
        result = avro_value_set_boolean(target, value.toBool());
        break;
    case AVRO_INT32:
        result = avro_value_set_int(target, value.toInt());
        break;
    case AVRO_INT64:
        result = avro_value_set_long(target, value.toLongLong());
        break;
    case AVRO_FLOAT:
        result = avro_value_set_float(target, value.toFloat());
        break;
    case AVRO_DOUBLE:
        result = avro_value_set_double(target, value.toDouble());
        break;
    case AVRO_STRING: {
        const QByteArray text = value.toString().toUtf8();
        result = avro_value_set_string_len(target, text.constData(), size_t(text.size()) + 1);
        break;
    }
    case AVRO_BYTES: {
        QByteArray bytes = value.toByteArray();
        result = avro_value_set_bytes(target, bytes.data(), size_t(bytes.size()));
        break;
    }
    case AVRO_ENUM: {
        const int symbol = avro_schema_enum_get_by_name(avro_value_get_schema(target), value.toString().toUtf8().constData());
        result = symbol < 0 ? EINVAL : avro_value_set_enum(target, symbol);
        break;
    }
    case AVRO_RECORD:
        return setRecord(target, value.toMap(), error);
    case AVRO_ARRAY:
        for (const QVariant& item : value.toList()) {
            avro_value_t element;
            if (avro_value_append(target, &element, nullptr) != 0 || !setValue(&element, item, error))
                return false;
        }
        return true;
    case AVRO_MAP: {
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            avro_value_t element;
            if (avro_value_add(target, it.key().toUtf8().constData(), &element, nullptr, nullptr) != 0
                || !setValue(&element, it.value(), error))
                return false;
        }
        return true;
    }
    case AVRO_UNION:
        return setUnion(target, value, error);
    default:
        *error = QStringLiteral("unsupported Avro type");
        return false;
    }
    if (result != 0) {
        *error = QStringLiteral("value %1 does not fit").arg(value.toString());
        return false;
    }
    return true;
}

} // namespace

AvroEncoder::AvroEncoder(const QByteArray& schemaJson)
{
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(schemaJson.constData(), size_t(schemaJson.size()), &schema) != 0) {
        m_error = QStringLiteral("invalid Avro schema: %1").arg(avroError());
        return;
    }
    m_schema = schema;
    m_class = avro_generic_class_from_schema(schema);
}

AvroEncoder::~AvroEncoder()
{
    if (m_class)
        avro_value_iface_decref(static_cast<avro_value_iface_t*>(m_class));
    if (m_schema)
        avro_schema_decref(static_cast<avro_schema_t>(m_schema));
}

QByteArray AvroEncoder::encode(int schemaId, const QVariantMap& record)
{
    if (!m_class)
        return {};
    avro_value_t value;
    if (avro_generic_value_new(static_cast<avro_value_iface_t*>(m_class), &value) != 0) {
        m_error = avroError();
        return {};
    }
    QByteArray out;
    QString error;
    size_t size = 0;
    if (setValue(&value, record, &error) && avro_value_sizeof(&value, &size) == 0) {
        out.resize(qsizetype(5 + size));
        out[0] = 0;
        qToBigEndian(qint32(schemaId), out.data() + 1);
        avro_writer_t writer = avro_writer_memory(out.data() + 5, int64_t(size));
        if (avro_value_write(writer, &value) != 0) {
            error = avroError();
            out.clear();
        }
        avro_writer_free(writer);
    } else {
        if (error.isEmpty())
            error = avroError();
        out.clear();
    }
    if (!error.isEmpty())
        m_error = error;
    avro_value_decref(&value);
    return out;
}

} // namespace Samsa

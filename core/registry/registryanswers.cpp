#include "registryanswers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Samsa {

QStringList compatibilityLevels()
{
    return { QStringLiteral("BACKWARD"), QStringLiteral("BACKWARD_TRANSITIVE"), QStringLiteral("FORWARD"),
        QStringLiteral("FORWARD_TRANSITIVE"), QStringLiteral("FULL"), QStringLiteral("FULL_TRANSITIVE"),
        QStringLiteral("NONE") };
}

namespace RegistryAnswers {

QJsonValue parseJson(const QByteArray& body, QString* error)
{
    QJsonParseError parseError;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
        if (parseError.error == QJsonParseError::NoError)
            return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    } else if (!trimmed.isEmpty()) {
        // QJsonDocument holds only objects and arrays: read a bare value as the element of an array.
        const QJsonDocument document = QJsonDocument::fromJson('[' + trimmed + ']', &parseError);
        if (parseError.error == QJsonParseError::NoError && document.array().size() == 1)
            return document.array().at(0);
    }
    const QString start = QString::fromUtf8(body.left(60)).simplified();
    *error = body.isEmpty() ? QStringLiteral("answered with an empty body")
                            : QStringLiteral("answered something that is not JSON: \"%1%2\"")
                                  .arg(start, body.size() > 60 ? QStringLiteral("…") : QString());
    return {};
}

bool isInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return std::floor(number) == number && number >= -2147483648.0 && number <= 2147483647.0;
}

bool strings(const QJsonValue& value, QStringList* out)
{
    if (!value.isArray())
        return false;
    out->clear();
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            return false;
        out->append(item.toString());
    }
    return true;
}

bool integers(const QJsonValue& value, QList<int>* out)
{
    if (!value.isArray())
        return false;
    out->clear();
    for (const QJsonValue& item : value.toArray()) {
        if (!isInteger(item))
            return false;
        out->append(item.toInt());
    }
    return true;
}

bool id(const QJsonValue& value, int* out)
{
    const QJsonValue found = value.toObject().value(QLatin1String("id"));
    if (!isInteger(found))
        return false;
    *out = found.toInt();
    return true;
}

bool schemaVersion(const QJsonValue& value, bool withSubject, SchemaVersion* out)
{
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    const QJsonValue schema = object.value(QLatin1String("schema"));
    if (!schema.isString())
        return false;
    *out = SchemaVersion();
    out->schema = schema.toString().toUtf8();
    const QJsonValue type = object.value(QLatin1String("schemaType"));
    if (type.isString())
        out->schemaType = type.toString();
    else if (!type.isUndefined() && !type.isNull())
        return false;
    for (const QJsonValue& item : object.value(QLatin1String("references")).toArray()) {
        const QJsonObject reference = item.toObject();
        if (!reference.value(QLatin1String("name")).isString() || !reference.value(QLatin1String("subject")).isString()
            || !isInteger(reference.value(QLatin1String("version"))))
            return false;
        out->references.append({ reference.value(QLatin1String("name")).toString(),
            reference.value(QLatin1String("subject")).toString(), reference.value(QLatin1String("version")).toInt() });
    }
    if (!withSubject)
        return true;
    const QJsonValue subject = object.value(QLatin1String("subject"));
    const QJsonValue version = object.value(QLatin1String("version"));
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!subject.isString() || !isInteger(version) || !isInteger(id))
        return false;
    out->subject = subject.toString();
    out->version = version.toInt();
    out->id = id.toInt();
    return true;
}

bool subjectVersions(const QJsonValue& value, QList<SubjectVersion>* out)
{
    if (!value.isArray())
        return false;
    out->clear();
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject object = item.toObject();
        if (!object.value(QLatin1String("subject")).isString() || !isInteger(object.value(QLatin1String("version"))))
            return false;
        out->append({ object.value(QLatin1String("subject")).toString(), object.value(QLatin1String("version")).toInt() });
    }
    return true;
}

bool compatibilityLevel(const QJsonValue& value, QString* out)
{
    const QJsonObject object = value.toObject();
    QJsonValue level = object.value(QLatin1String("compatibilityLevel"));
    if (!level.isString())
        level = object.value(QLatin1String("compatibility"));
    if (!level.isString() || level.toString().isEmpty())
        return false;
    *out = level.toString();
    return true;
}

bool compatibilityCheck(const QJsonValue& value, CompatibilityCheck* out)
{
    const QJsonObject object = value.toObject();
    const QJsonValue compatible = object.value(QLatin1String("is_compatible"));
    if (!compatible.isBool())
        return false;
    *out = CompatibilityCheck();
    out->compatible = compatible.toBool();
    const QJsonValue messages = object.value(QLatin1String("messages"));
    if (messages.isArray()) {
        for (const QJsonValue& message : messages.toArray())
            out->messages.append(message.isString() ? message.toString()
                                                    : QString::fromUtf8(QJsonDocument(message.toObject()).toJson(QJsonDocument::Compact)));
    }
    return true;
}

} // namespace RegistryAnswers

} // namespace Samsa

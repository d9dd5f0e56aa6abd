#pragma once

// Reading the Schema Registry's JSON answers into our values, apart from the transport: every
// function checks the shape and returns false for anything else (a hostile or broken registry).

#include "registrytypes.h"

#include <QJsonValue>

namespace Samsa::RegistryAnswers {

// Any JSON value (the registry answers a bare number to some requests); *error set when the body
// is not JSON.
QJsonValue parseJson(const QByteArray& body, QString* error);

bool isInteger(const QJsonValue& value);
bool strings(const QJsonValue& value, QStringList* out);
bool integers(const QJsonValue& value, QList<int>* out);
bool id(const QJsonValue& value, int* out);
// {subject, version, id, schema[, schemaType, references]}; only `schema` when withSubject is false.
bool schemaVersion(const QJsonValue& value, bool withSubject, SchemaVersion* out);
bool subjectVersions(const QJsonValue& value, QList<SubjectVersion>* out);
// {"compatibilityLevel": ...} or {"compatibility": ...}
bool compatibilityLevel(const QJsonValue& value, QString* out);
// {"is_compatible": bool[, "messages": [...]]}
bool compatibilityCheck(const QJsonValue& value, CompatibilityCheck* out);

} // namespace Samsa::RegistryAnswers

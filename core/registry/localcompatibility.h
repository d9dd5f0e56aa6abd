#pragma once

// The Schema Registry's compatibility rules, checked here with the same Avro schema library the
// embedded registry uses (libs/avroschema), so a new version's problems are listed before the
// registry is asked, and with any Confluent-compatible registry.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa {

struct LocalCompatibilityResult {
    QString schemaError; // the candidate is not a valid Avro schema
    QStringList problems; // one line per problem; empty (and no schemaError) when compatible
    QStringList skipped; // existing versions that could not be parsed here, so were not checked

    bool compatible() const { return schemaError.isEmpty() && problems.isEmpty(); }
};

// The live versions (ascending) that `level` checks a new schema against: none for NONE, the
// latest for BACKWARD/FORWARD/FULL, all of them for the _TRANSITIVE levels.
QList<int> versionsToCheck(const QString& level, const QList<int>& liveVersions);

// Checks `candidate` against `existing` (schema texts of versionsToCheck(), oldest first).
// An unknown level is reported as schemaError.
LocalCompatibilityResult checkCompatibilityLocally(
    const QString& level, const QByteArray& candidate, const QList<QByteArray>& existing);

} // namespace Samsa

#include "localcompatibility.h"

#include "avroschema/avrocompatibility.h"
#include "avroschema/avroschema.h"

#include <optional>

namespace Samsa {

QList<int> versionsToCheck(const QString& level, const QList<int>& liveVersions)
{
    const QString upper = level.toUpper();
    if (liveVersions.isEmpty() || upper == QLatin1String("NONE"))
        return {};
    if (upper.endsWith(QLatin1String("_TRANSITIVE")))
        return liveVersions;
    return { liveVersions.last() };
}

LocalCompatibilityResult checkCompatibilityLocally(
    const QString& level, const QByteArray& candidate, const QList<QByteArray>& existing)
{
    LocalCompatibilityResult result;
    const std::optional<samsa::avro::Compatibility> compatibility = samsa::avro::compatibilityFromName(level.toUpper().toStdString());
    if (!compatibility) {
        result.schemaError = QStringLiteral("unknown compatibility level '%1'").arg(level);
        return result;
    }
    std::string error;
    const std::optional<samsa::avro::AvroSchema> parsed = samsa::avro::AvroSchema::parse(candidate.toStdString(), &error);
    if (!parsed) {
        result.schemaError = QString::fromStdString(error);
        return result;
    }
    std::vector<samsa::avro::AvroSchema> olderSchemas;
    olderSchemas.reserve(size_t(existing.size()));
    for (qsizetype i = 0; i < existing.size(); ++i) {
        std::string olderError;
        std::optional<samsa::avro::AvroSchema> older = samsa::avro::AvroSchema::parse(existing.at(i).toStdString(), &olderError);
        if (older)
            olderSchemas.push_back(std::move(*older));
        else
            result.skipped.append(QString::fromStdString(olderError));
    }
    std::vector<const samsa::avro::AvroSchema*> pointers;
    pointers.reserve(olderSchemas.size());
    for (const samsa::avro::AvroSchema& older : olderSchemas)
        pointers.push_back(&older);
    for (const std::string& problem : samsa::avro::compatibilityProblems(*compatibility, *parsed, pointers))
        result.problems.append(QString::fromStdString(problem));
    return result;
}

} // namespace Samsa

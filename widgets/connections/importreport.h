#pragma once

// The text shown after importing a client.properties file: what was imported and, line by line,
// every setting that was not (unsupported, unknown or malformed), so nothing is dropped silently.

#include <QString>

namespace Samsa {

struct PropertiesImportResult;

class ImportReport {
public:
    static QString format(const PropertiesImportResult& result, const QString& fileName);
};

} // namespace Samsa

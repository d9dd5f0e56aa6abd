#pragma once

// Reads a Java-style client.properties file into a profile: bootstrap.servers, security.protocol,
// sasl.mechanism, sasl.jaas.config (PlainLoginModule / ScramLoginModule username and password),
// ssl.ca.location-like keys that map to ours; ssl.truststore.* and ssl.keystore.* (JKS) are not
// supported and say so. Keys we do not know are reported, never silently dropped.

#include "connectionprofile.h"

#include <QString>
#include <QStringList>

namespace Samsa {

struct PropertiesImportResult {
    bool ok = false; // false only when nothing usable could be read (file unreadable, no bootstrap.servers)
    ConnectionProfile profile;
    ProfileSecrets secrets;
    QStringList unsupported; // "ssl.truststore.location: Java truststores (JKS/PKCS12) are not supported; ..."
    QStringList unknownKeys; // keys we do not understand, reported to the user
    QStringList errors; // "line 7: ..." malformed lines and bad values
};

class PropertiesImport {
public:
    static PropertiesImportResult parse(const QString& text, const QString& profileName);
    static PropertiesImportResult parseFile(const QString& path); // profile name from the file name
};

} // namespace Samsa

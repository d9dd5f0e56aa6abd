#include "configoverrides.h"

#include <algorithm>

namespace Samsa {

ConfigOverrides ConfigOverrides::fromEntries(const QList<ConfigEntry>& entries, ConfigSource level)
{
    ConfigOverrides overrides;
    QStringList hidden;
    for (const ConfigEntry& entry : entries) {
        if (entry.source != level)
            continue;
        if (entry.isSensitive)
            hidden.append(entry.name);
        else
            overrides.values.append({ entry.name, entry.value });
    }
    if (!hidden.isEmpty())
        overrides.error = QStringLiteral("The overrides %1 are sensitive: the broker does not tell their values, and "
                                         "AlterConfigs, which replaces every override, would erase them.")
                              .arg(hidden.join(QStringLiteral(", ")));
    std::sort(overrides.values.begin(), overrides.values.end());
    return overrides;
}

ConfigOverrides ConfigOverrides::changed(const QList<QPair<QString, QString>>& changes) const
{
    ConfigOverrides result = *this;
    for (const auto& [name, value] : changes) {
        const auto found = std::find_if(result.values.begin(), result.values.end(),
            [&name](const QPair<QString, QString>& entry) { return entry.first == name; });
        if (value.isNull()) {
            if (found != result.values.end())
                result.values.erase(found);
        } else if (found != result.values.end()) {
            found->second = value;
        } else {
            result.values.append({ name, value });
        }
    }
    std::sort(result.values.begin(), result.values.end());
    return result;
}

} // namespace Samsa

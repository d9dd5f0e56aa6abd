#pragma once

// A topic's set of config overrides, as AlterConfigs needs it: librdkafka 2.0.2 has no
// IncrementalAlterConfigs, and AlterConfigs replaces the whole set, so a change is sent together
// with every override that stays. Pure logic, tested without a cluster.

#include "clustertypes.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Samsa {

struct ConfigOverrides {
    QList<QPair<QString, QString>> values; // name, value; sorted by name
    QString error; // the set cannot be sent safely (see fromEntries)

    // The overrides among a DescribeConfigs answer (source DynamicTopic). A sensitive override's
    // value is never sent by the broker, so sending the set back would erase it: that is an error.
    // `level` is the source whose values form the set: DynamicTopic for a topic's overrides,
    // DynamicBroker for a broker's dynamic configs.
    static ConfigOverrides fromEntries(
        const QList<ConfigEntry>& entries, ConfigSource level = ConfigSource::DynamicTopic);
    // This set with `changes` applied: a value sets (or adds) an override, a null QString removes it
    // so that the default applies again.
    ConfigOverrides changed(const QList<QPair<QString, QString>>& changes) const;
};

} // namespace Samsa

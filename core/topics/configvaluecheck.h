#pragma once

// Whether a config value fits the type the broker gave for it (DescribeConfigs v3+): a number for
// a long or int, true/false for a boolean. Checked as it is typed, before anything is sent; the
// broker still checks ranges and choices.

#include "clustertypes.h"

namespace Samsa {

class ConfigValueCheck {
public:
    // Why `value` is not a valid `type`; empty when it is or the type is not checked here.
    static QString problem(ConfigValueType type, const QString& value);
    // The type as Kafka's documentation names it ("long", "boolean"); empty when unknown.
    static QString typeName(ConfigValueType type);
};

} // namespace Samsa

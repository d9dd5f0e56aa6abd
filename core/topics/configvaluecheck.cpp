#include "configvaluecheck.h"

#include <limits>

namespace Samsa {

QString ConfigValueCheck::problem(ConfigValueType type, const QString& value)
{
    const QString text = value.trimmed();
    bool ok = false;
    switch (type) {
    case ConfigValueType::Long:
        text.toLongLong(&ok);
        return ok ? QString() : QStringLiteral("'%1' is not a whole number (a long).").arg(value);
    case ConfigValueType::Int:
        text.toInt(&ok);
        return ok ? QString() : QStringLiteral("'%1' is not a whole number of at most 2147483647 (an int).").arg(value);
    case ConfigValueType::Short:
        text.toShort(&ok);
        return ok ? QString() : QStringLiteral("'%1' is not a whole number of at most 32767 (a short).").arg(value);
    case ConfigValueType::Double:
        text.toDouble(&ok);
        return ok ? QString() : QStringLiteral("'%1' is not a number.").arg(value);
    case ConfigValueType::Boolean:
        return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
                || text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0
            ? QString()
            : QStringLiteral("'%1' is not true or false.").arg(value);
    default:
        return {};
    }
}

QString ConfigValueCheck::typeName(ConfigValueType type)
{
    switch (type) {
    case ConfigValueType::Boolean:
        return QStringLiteral("boolean");
    case ConfigValueType::String:
        return QStringLiteral("string");
    case ConfigValueType::Int:
        return QStringLiteral("int");
    case ConfigValueType::Short:
        return QStringLiteral("short");
    case ConfigValueType::Long:
        return QStringLiteral("long");
    case ConfigValueType::Double:
        return QStringLiteral("double");
    case ConfigValueType::List:
        return QStringLiteral("list");
    case ConfigValueType::Class:
        return QStringLiteral("class");
    case ConfigValueType::Password:
        return QStringLiteral("password");
    case ConfigValueType::Unknown:
        break;
    }
    return {};
}

} // namespace Samsa

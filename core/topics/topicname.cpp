#include "topicname.h"

namespace Samsa {

QString TopicName::problem(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("The topic name is empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("A topic cannot be named \".\" or \"..\".");
    if (name.size() > MaxLength)
        return QStringLiteral("The topic name has %1 characters; at most %2 are allowed.")
            .arg(name.size())
            .arg(MaxLength);
    for (qsizetype index = 0; index < name.size(); ++index) {
        const QChar c = name.at(index);
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!allowed) {
            const QString shown = c.isPrint() && !c.isSpace()
                ? QStringLiteral("'%1'").arg(c)
                : QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
            return QStringLiteral("The topic name contains %1 at position %2; only letters a-z and A-Z, digits, "
                                  "'.', '_' and '-' are allowed.")
                .arg(shown)
                .arg(index + 1);
        }
    }
    return {};
}

QString TopicName::collisionWarning(const QString& name)
{
    if (!name.contains(QLatin1Char('.')) && !name.contains(QLatin1Char('_')))
        return {};
    QString metricName = name;
    metricName.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("Kafka writes '.' as '_' in metric names, so this topic's metrics are named \"%1\" and "
                          "collide with those of any topic whose name differs only in '.' and '_'.")
        .arg(metricName);
}

} // namespace Samsa

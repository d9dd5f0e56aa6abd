#include "alertrules.h"

#include <QLocale>
#include <QSettings>
#include <QUrl>

namespace Samsa {

namespace {

const QString SettingsGroup = QStringLiteral("alerts");

QString settingsKey(const QString& cluster, const QString& group)
{
    // QSettings keys may not hold '/' or '\\' plainly: percent-encode the whole key.
    return QString::fromLatin1(QUrl::toPercentEncoding(cluster + QLatin1Char('|') + group));
}

} // namespace

QString AlertThresholds::toText() const
{
    QStringList parts;
    if (maxLag >= 0)
        parts.append(QStringLiteral("lag=%1").arg(maxLag));
    if (maxTimeLagMs >= 0)
        parts.append(QStringLiteral("timeLagSeconds=%1").arg(maxTimeLagMs / 1000));
    if (atHealth != Health::Unknown)
        parts.append(QStringLiteral("health=%1").arg(healthName(atHealth)));
    return parts.join(QLatin1Char(';'));
}

AlertThresholds AlertThresholds::fromText(const QString& text)
{
    AlertThresholds thresholds;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString key = part.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = part.section(QLatin1Char('='), 1).trimmed();
        bool ok = false;
        if (key == QLatin1String("lag")) {
            const qint64 lag = value.toLongLong(&ok);
            if (ok && lag >= 0)
                thresholds.maxLag = lag;
        } else if (key == QLatin1String("timeLagSeconds")) {
            const qint64 seconds = value.toLongLong(&ok);
            if (ok && seconds >= 0 && seconds < 100LL * 365 * 86400)
                thresholds.maxTimeLagMs = seconds * 1000;
        } else if (key == QLatin1String("health")) {
            for (Health health : { Health::Warn, Health::Rewind, Health::Stall, Health::Stop, Health::Err }) {
                if (value == healthName(health))
                    thresholds.atHealth = health;
            }
        }
    }
    return thresholds;
}

QString AlertThresholds::breach(const GroupMetrics& group) const
{
    const QLocale locale(QLocale::English);
    QStringList reasons;
    if (maxLag >= 0 && group.lag > maxLag)
        reasons.append(QStringLiteral("lag %1 > %2").arg(locale.toString(group.lag), locale.toString(maxLag)));
    if (maxTimeLagMs >= 0 && group.timeLag.ms && *group.timeLag.ms > maxTimeLagMs)
        reasons.append(QStringLiteral("time lag %1 s > %2 s").arg(*group.timeLag.ms / 1000).arg(maxTimeLagMs / 1000));
    if (atHealth != Health::Unknown && healthSeverity(group.health) >= healthSeverity(atHealth))
        reasons.append(QStringLiteral("health %1 (%2)").arg(healthName(group.health), group.healthReason));
    return reasons.join(QStringLiteral("; "));
}

namespace AlertRules {

AlertThresholds load(const QString& cluster, const QString& group)
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    return AlertThresholds::fromText(settings.value(settingsKey(cluster, group)).toString());
}

void save(const QString& cluster, const QString& group, const AlertThresholds& thresholds)
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    if (thresholds.isEmpty())
        settings.remove(settingsKey(cluster, group));
    else
        settings.setValue(settingsKey(cluster, group), thresholds.toText());
}

QHash<QString, AlertThresholds> loadAll(const QString& cluster)
{
    QHash<QString, AlertThresholds> all;
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    const QString prefix = cluster + QLatin1Char('|');
    for (const QString& key : settings.childKeys()) {
        const QString decoded = QUrl::fromPercentEncoding(key.toLatin1());
        if (!decoded.startsWith(prefix))
            continue;
        const AlertThresholds thresholds = AlertThresholds::fromText(settings.value(key).toString());
        if (!thresholds.isEmpty())
            all.insert(decoded.mid(prefix.size()), thresholds);
    }
    return all;
}

} // namespace AlertRules

} // namespace Samsa

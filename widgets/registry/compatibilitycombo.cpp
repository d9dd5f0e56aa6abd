#include "compatibilitycombo.h"

#include <QSignalBlocker>

namespace Samsa {

namespace {

QString explanation(const QString& level)
{
    if (level == QLatin1String("NONE"))
        return CompatibilityCombo::tr("Any schema is accepted");
    if (level == QLatin1String("BACKWARD"))
        return CompatibilityCombo::tr("The new schema reads data written with the latest version");
    if (level == QLatin1String("BACKWARD_TRANSITIVE"))
        return CompatibilityCombo::tr("The new schema reads data written with every earlier version");
    if (level == QLatin1String("FORWARD"))
        return CompatibilityCombo::tr("The latest version reads data written with the new schema");
    if (level == QLatin1String("FORWARD_TRANSITIVE"))
        return CompatibilityCombo::tr("Every earlier version reads data written with the new schema");
    if (level == QLatin1String("FULL"))
        return CompatibilityCombo::tr("Backward and forward compatible with the latest version");
    if (level == QLatin1String("FULL_TRANSITIVE"))
        return CompatibilityCombo::tr("Backward and forward compatible with every earlier version");
    return {};
}

} // namespace

CompatibilityCombo::CompatibilityCombo(QWidget* parent)
    : QComboBox(parent)
{
    for (const QString& level : levels()) {
        addItem(level, level);
        setItemData(count() - 1, explanation(level), Qt::ToolTipRole);
    }
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (!m_updating)
            Q_EMIT levelChosen(itemData(index).toString());
    });
}

QStringList CompatibilityCombo::levels()
{
    return { QStringLiteral("NONE"), QStringLiteral("BACKWARD"), QStringLiteral("BACKWARD_TRANSITIVE"),
        QStringLiteral("FORWARD"), QStringLiteral("FORWARD_TRANSITIVE"), QStringLiteral("FULL"),
        QStringLiteral("FULL_TRANSITIVE") };
}

void CompatibilityCombo::setInheritOption(bool enabled, const QString& globalLevel)
{
    const QSignalBlocker blocker(this);
    const bool present = count() > 0 && itemData(0).toString().isEmpty();
    const QString current = level();
    const bool wasInherit = present && currentIndex() == 0;
    if (present)
        removeItem(0);
    if (enabled) {
        insertItem(0, globalLevel.isEmpty() ? tr("Global") : tr("Global (%1)").arg(globalLevel), QString());
        setItemData(0, tr("No subject-level setting: the registry's global level applies"), Qt::ToolTipRole);
    }
    setLevel(wasInherit ? QString() : current);
}

void CompatibilityCombo::setLevel(const QString& level)
{
    m_updating = true;
    const int index = findData(level.toUpper());
    setCurrentIndex(index >= 0 ? index : -1);
    m_updating = false;
}

QString CompatibilityCombo::level() const { return currentIndex() >= 0 ? currentData().toString() : QString(); }

} // namespace Samsa

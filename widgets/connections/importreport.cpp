#include "importreport.h"

#include "profiles/propertiesimport.h"

#include <QCoreApplication>
#include <QStringList>

namespace Samsa {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("Samsa::ImportReport", text);
}

void addSection(QStringList* report, const QString& title, const QStringList& lines)
{
    if (lines.isEmpty())
        return;
    report->append(title);
    for (const QString& line : lines)
        report->append(QStringLiteral("  • ") + line);
}
} // namespace

QString ImportReport::format(const PropertiesImportResult& result, const QString& fileName)
{
    QStringList report;
    if (result.ok) {
        report.append(
            tr("Imported “%1” from %2. Review the settings and click Save.").arg(result.profile.name, fileName));
    } else {
        report.append(tr("Could not import %1.").arg(fileName));
    }
    addSection(&report, tr("Not supported (not imported):"), result.unsupported);
    addSection(&report, tr("Unknown keys (not imported):"), result.unknownKeys);
    addSection(&report, tr("Errors:"), result.errors);
    return report.join(QLatin1Char('\n'));
}

} // namespace Samsa

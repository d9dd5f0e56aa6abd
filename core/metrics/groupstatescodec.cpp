#include "groupstatescodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Samsa {

QString GroupStatesCodec::encode(const QHash<QString, QString>& states, const QHash<QString, QString>* base)
{
    QJsonObject object;
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        const auto before = base ? base->constFind(it.key()) : states.cend();
        if (!base || before == base->cend() || *before != it.value())
            object.insert(it.key(), it.value());
    }
    if (base) {
        for (auto it = base->cbegin(); it != base->cend(); ++it) {
            if (!states.contains(it.key()))
                object.insert(it.key(), QJsonValue::Null);
        }
        if (object.isEmpty())
            return QString();
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool GroupStatesCodec::apply(const QString& text, bool keyframe, const QSet<QString>* wantedGroups,
    QHash<QString, QString>* states, QString* error)
{
    if (keyframe)
        states->clear();
    if (text.isEmpty())
        return true;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("Group states are not a JSON object: %1").arg(parseError.errorString());
        return false;
    }
    const QJsonObject object = document.object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString() && !it.value().isNull()) {
            *error = QStringLiteral("The state of group %1 is not a string.").arg(it.key());
            return false;
        }
        if (wantedGroups && !wantedGroups->contains(it.key()))
            continue;
        if (it.value().isNull())
            states->remove(it.key());
        else
            states->insert(it.key(), it.value().toString());
    }
    return true;
}

} // namespace Samsa

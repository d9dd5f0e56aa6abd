#pragma once

// The group states of a stored round (history.db, column states) as compact JSON: a keyframe holds
// every group; a delta holds the groups whose state changed or that are new, null for groups gone,
// and is empty when nothing changed (200 stable groups cost nothing a round). JSON because group
// ids may hold any character.

#include <QHash>
#include <QSet>
#include <QString>

namespace Samsa {

class GroupStatesCodec {
public:
    static QString encode(const QHash<QString, QString>& states, const QHash<QString, QString>* base);
    // Applies a text to *states (the base's states for a delta; cleared first for a keyframe),
    // keeping only wantedGroups when given. False with *error set when the text is malformed.
    static bool apply(const QString& text, bool keyframe, const QSet<QString>* wantedGroups,
        QHash<QString, QString>* states, QString* error);
};

} // namespace Samsa

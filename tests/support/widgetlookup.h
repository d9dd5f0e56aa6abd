#pragma once

// Finding a page's widgets by object name in GUI tests, with a warning naming what is missing so a
// renamed widget fails loudly rather than as a null dereference.

#include <QObject>
#include <QString>

namespace Samsa::Test {

template <typename T>
T* child(QObject* parent, const char* name)
{
    T* found = parent ? parent->findChild<T*>(QString::fromLatin1(name)) : nullptr;
    if (!found)
        qWarning("no child %s", name);
    return found;
}

} // namespace Samsa::Test

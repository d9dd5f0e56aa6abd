#pragma once

// A duration as a person reads it: "0 s", "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h".

#include <QString>

namespace Samsa {

QString durationText(qint64 ms);

} // namespace Samsa

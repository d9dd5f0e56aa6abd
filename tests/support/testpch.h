#pragma once

// The headers nearly every test includes, precompiled once per family of tests (see
// tests/CMakeLists.txt): parsing Qt's headers was most of the suite's build time. Only modules every
// test of a family links: a test falls back to these headers' text if the precompiled form does not fit.

#include <QtCore>
#include <QtTest>

#include <memory>
#include <optional>
#include <string>
#include <vector>

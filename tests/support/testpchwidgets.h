#pragma once

// testpchnetwork.h plus the widget headers, for the GUI tests and the model tests that use widgets.

#include "testpchnetwork.h"

#include <QtWidgets>

#pragma once

// testpch.h plus Qt Network, for the tests of the app's core and models.

#include "testpch.h"

#include <QtNetwork>

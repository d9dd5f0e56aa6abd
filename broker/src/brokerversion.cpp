#include "brokerversion.h"

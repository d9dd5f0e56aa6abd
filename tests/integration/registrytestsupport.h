#pragma once

// Waiting for SchemaRegistryClient callbacks in tests: a Reply records what a callback got.

#include "registry/schemaregistryclient.h"

#include <QtTest>

namespace Samsa::Test {

template <typename Value>
struct RegistryReply {
    Value value {};
    RegistryError error;
    bool done = false;

    auto callback()
    {
        return [this](const Value& answer, const RegistryError& failure) {
            value = answer;
            error = failure;
            done = true;
        };
    }
    bool wait(int timeoutMs = 15000)
    {
        return QTest::qWaitFor([this] { return done; }, timeoutMs);
    }
};

} // namespace Samsa::Test

// Waits for a reply and fails the test on a registry error.
#define SAMSA_AWAIT_OK(reply)                                                                                         \
    do {                                                                                                              \
        QVERIFY2((reply).wait(), "no answer from the registry");                                                      \
        QVERIFY2(!(reply).error.isError(), qPrintable((reply).error.message));                                        \
    } while (false)

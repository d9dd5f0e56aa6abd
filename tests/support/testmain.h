#pragma once

// A test main that picks the offscreen platform when none is set and gives every test its own
// empty XDG directories, so no test reads or writes the user's real profiles or settings.

#include <QTemporaryDir>
#include <QtTest>

namespace Samsa::Test {

inline QTemporaryDir& isolatedHome()
{
    static QTemporaryDir dir;
    return dir;
}

inline void isolateEnvironment()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QString home = isolatedHome().path();
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home + QStringLiteral("/cache")).toUtf8());
    // No keychain daemon in tests: the secret store must fall back to the session.
    qputenv("SAMSA_KEYCHAIN", "off");
}

} // namespace Samsa::Test

#define SAMSA_TEST_MAIN(TestClass, ApplicationClass)                                                                  \
    int main(int argc, char** argv)                                                                                   \
    {                                                                                                                 \
        Samsa::Test::isolateEnvironment();                                                                            \
        ApplicationClass app(argc, argv);                                                                             \
        app.setOrganizationName(QStringLiteral("samsa-tests"));                                                       \
        app.setApplicationName(QStringLiteral("samsa-tests"));                                                        \
        TestClass test;                                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                    \
        return QTest::qExec(&test, argc, argv);                                                                       \
    }

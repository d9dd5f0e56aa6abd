# One INTERFACE target carries the strict settings every one of our targets uses.
add_library(samsa_common INTERFACE)
target_compile_features(samsa_common INTERFACE cxx_std_20)
target_compile_options(samsa_common INTERFACE -Wall -Wextra -Wpedantic -Wold-style-cast -Wshadow=local)
target_compile_definitions(samsa_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER)
if(SAMSA_WARNINGS_AS_ERRORS)
    target_compile_options(samsa_common INTERFACE -Werror)
endif()

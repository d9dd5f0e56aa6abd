# Issue 12: after a full session with a SASL_SSL SCRAM profile, no secret in any file the app wrote.
samsa_add_test(tst_secretsleak SOURCES tst_secretsleak.cpp LIBS samsa_widgets samsa_brokertestsupport
    LABELS gui TIMEOUT 90)
add_dependencies(tst_secretsleak samsa-broker)

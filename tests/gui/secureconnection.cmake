# The connection dialog's test against the real samsa-broker on SASL_SSL with SCRAM-SHA-512 (issue 12).
samsa_add_test(tst_secureconnectiondialog SOURCES tst_secureconnectiondialog.cpp LIBS samsa_widgets
    samsa_brokertestsupport LABELS gui TIMEOUT 60)
add_dependencies(tst_secureconnectiondialog samsa-broker)

# Tools › Load Sample Data against the real samsa-broker and its Schema Registry.
samsa_add_test(tst_sampledatadialog SOURCES tst_sampledatadialog.cpp LIBS samsa_widgets samsa_brokertestsupport
    LABELS gui TIMEOUT 120)
add_dependencies(tst_sampledatadialog samsa-broker)

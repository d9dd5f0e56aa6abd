# Schema Registry page and Produce dialog against the real samsa-broker and its Schema Registry.
samsa_add_test(tst_schemaregistrypage SOURCES tst_schemaregistrypage.cpp LIBS samsa_widgets samsa_brokertestsupport
    LABELS gui TIMEOUT 90)
add_dependencies(tst_schemaregistrypage samsa-broker)
samsa_add_test(tst_producedialog SOURCES tst_producedialog.cpp LIBS samsa_widgets samsa_brokertestsupport
    LABELS gui TIMEOUT 90)
add_dependencies(tst_producedialog samsa-broker)

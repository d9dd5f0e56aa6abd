# The message browser against the real samsa-broker and its Schema Registry: read, detail, filter,
# export, compare, copy, Avro decoded through the registry.
samsa_add_test(tst_messagebrowser SOURCES tst_messagebrowser.cpp LIBS samsa_widgets samsa_brokertestsupport
    LABELS gui TIMEOUT 120)
add_dependencies(tst_messagebrowser samsa-broker)

# Topic administration dialogs (create, delete, add partitions, purge) against the real samsa-broker.
samsa_add_test(tst_topicadmin SOURCES tst_topicadmin.cpp LIBS samsa_widgets samsa_brokertestsupport LABELS gui
    TIMEOUT 120)
add_dependencies(tst_topicadmin samsa-broker)

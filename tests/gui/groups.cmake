# Consumer-group pages against the real samsa-broker through a KafkaClusterSession.
samsa_add_test(tst_groupspages SOURCES tst_groupspages.cpp LIBS samsa_widgets samsa_brokertestsupport LABELS gui
    TIMEOUT 120)
add_dependencies(tst_groupspages samsa-broker)
target_compile_definitions(tst_groupspages PRIVATE SAMSACTL_PATH="$<TARGET_FILE:samsactl>")
add_dependencies(tst_groupspages samsactl)

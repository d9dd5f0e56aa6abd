# Faults the app must survive, through the real widgets: the broker killed and restarted during a
# live tail, dashboard sampling and a produce; a Schema Registry that is down, slow or answers
# garbage; a cluster of many partitions answering slowly. A watchdog asserts the UI thread never
# stalls 100 ms.
samsa_add_test(tst_faults SOURCES tst_faults.cpp ../support/slowproxy.cpp ../support/slowproxy.h
    ../support/uistallwatchdog.h ../support/fakeregistry.h
    LIBS samsa_widgets samsa_brokertestsupport LABELS gui TIMEOUT 180)
add_dependencies(tst_faults samsa-broker)
# The same slow cluster at full size: 10,000 partitions (creating them alone takes about a minute).
add_test(NAME tst_faults_soak COMMAND tst_faults manyPartitionsAnsweringSlowly)
set_tests_properties(tst_faults_soak PROPERTIES LABELS "gui;soak" TIMEOUT 900
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SAMSA_BROKER_BIN=$<TARGET_FILE:samsa-broker>;SAMSA_SOURCE_DIR=${PROJECT_SOURCE_DIR};SAMSA_FAULT_PARTITIONS=10000")

# Conformance tests: the real samsa-broker process driven by independent clients (librdkafka's C
# API from Qt Tests, kcat, kafka-python, kafkajs). Included by tests/broker/CMakeLists.txt.
#
# A test is registered in ctest only once it passes against the broker: list it in
# SAMSA_BROKER_CONFORMANCE_REGISTERED. The others stay in the tree; their C++ executables are
# still defined (outside the default build) so they can be built and run by hand, e.g.
#   ninja tst_broker_durability && SAMSA_BROKER_BIN=bin/samsa-broker tests/broker/tst_broker_durability
set(SAMSA_BROKER_CONFORMANCE_REGISTERED
    tst_broker_adminapis
    tst_broker_cli
    tst_broker_compaction
    tst_broker_connections
    tst_broker_damageddata
    tst_broker_dynamicconfigs
    tst_broker_durability
    tst_broker_fetchlimits
    tst_broker_offsetsstorm
    tst_broker_recordvalidation
    tst_broker_partitionlimits
    tst_broker_sasl
    tst_librdkafka_conformance
    tst_librdkafka_idempotence
    tst_kcat_conformance
    tst_kafkapython_conformance
    tst_legacy_formats
    tst_kafkajs_conformance
)

set(SAMSA_BROKER_CONFORMANCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/conformance)

add_library(samsa_brokertestsupport STATIC
    support/brokerprocess.h support/brokerprocess.cpp
    support/rdkafkaclient.h support/rdkafkaclient.cpp
    support/rdkafkaadmin.h support/rdkafkaadmin.cpp
    support/connectionproxy.h support/connectionproxy.cpp
    support/groupconsumer.h support/groupconsumer.cpp
    support/rawkafka.h
    support/testcertificates.h support/testcertificates.cpp
    support/clientrun.h support/clientrun.cpp)
target_include_directories(samsa_brokertestsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(samsa_brokertestsupport PUBLIC Qt6::Core Qt6::Network Qt6::Test PkgConfig::RDKAFKA samsa_common)
set_target_properties(samsa_brokertestsupport PROPERTIES EXCLUDE_FROM_ALL ON)

# samsa_broker_conformance_test(NAME SOURCES a.cpp) : a Qt Test of the real broker process.
function(samsa_broker_conformance_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES" ${ARGN})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    if(name IN_LIST SAMSA_BROKER_CONFORMANCE_REGISTERED)
        samsa_add_test(${name} SOURCES ${ARG_SOURCES} LIBS samsa_brokertestsupport LABELS broker conformance
            TIMEOUT ${ARG_TIMEOUT})
        # The test runs the broker executable: build it with the test.
        add_dependencies(${name} samsa-broker)
    else()
        add_executable(${name} EXCLUDE_FROM_ALL ${ARG_SOURCES})
        target_link_libraries(${name} PRIVATE samsa_testsupport samsa_brokertestsupport Qt6::Test)
    endif()
endfunction()

samsa_broker_conformance_test(tst_broker_adminapis SOURCES conformance/tst_broker_adminapis.cpp TIMEOUT 60)
samsa_broker_conformance_test(tst_broker_cli SOURCES conformance/tst_broker_cli.cpp)
samsa_broker_conformance_test(tst_broker_compaction SOURCES conformance/tst_broker_compaction.cpp TIMEOUT 60)
samsa_broker_conformance_test(tst_broker_connections SOURCES conformance/tst_broker_connections.cpp)
samsa_broker_conformance_test(tst_broker_damageddata SOURCES conformance/tst_broker_damageddata.cpp TIMEOUT 90)
samsa_broker_conformance_test(tst_broker_dynamicconfigs SOURCES conformance/tst_broker_dynamicconfigs.cpp TIMEOUT 60)
samsa_broker_conformance_test(tst_broker_durability SOURCES conformance/tst_broker_durability.cpp)
samsa_broker_conformance_test(tst_broker_fetchlimits SOURCES conformance/tst_broker_fetchlimits.cpp TIMEOUT 60)
samsa_broker_conformance_test(tst_broker_offsetsstorm SOURCES conformance/tst_broker_offsetsstorm.cpp TIMEOUT 120)
samsa_broker_conformance_test(tst_broker_recordvalidation SOURCES conformance/tst_broker_recordvalidation.cpp TIMEOUT 60)
samsa_broker_conformance_test(tst_broker_partitionlimits SOURCES conformance/tst_broker_partitionlimits.cpp TIMEOUT 120)
# The same with the 10,000-partition case under ulimit -n 1024 (slower): soak only.
add_test(NAME tst_broker_partitionlimits_soak COMMAND tst_broker_partitionlimits manyPartitionsUnderLowDescriptorLimit)
set_tests_properties(tst_broker_partitionlimits_soak PROPERTIES LABELS "broker;soak" TIMEOUT 600
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SAMSA_SOAK=1;SAMSA_BROKER_BIN=$<TARGET_FILE:samsa-broker>")
samsa_broker_conformance_test(tst_broker_sasl SOURCES conformance/tst_broker_sasl.cpp TIMEOUT 90)
samsa_broker_conformance_test(tst_librdkafka_conformance SOURCES conformance/tst_librdkafka_conformance.cpp)
samsa_broker_conformance_test(tst_librdkafka_idempotence SOURCES conformance/tst_librdkafka_idempotence.cpp TIMEOUT 180)

# Script clients, each run by run_with_broker.py against a fresh broker.
find_program(SAMSA_KCAT kcat)
find_program(SAMSA_NODE node)
set(SAMSA_PYTHON /usr/bin/python3) # Debian's python3-kafka lives here, not in a pyenv
set(SAMSA_NPM_PEERS ${PROJECT_SOURCE_DIR}/.npm-peers/node_modules)

function(samsa_broker_script_test name)
    cmake_parse_arguments(ARG "" "" "BROKER_ARGS;COMMAND;ENVIRONMENT" ${ARGN})
    if(NOT name IN_LIST SAMSA_BROKER_CONFORMANCE_REGISTERED)
        return()
    endif()
    add_test(NAME ${name}
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/run_with_broker.py $<TARGET_FILE:samsa-broker>
            ${ARG_BROKER_ARGS} -- ${ARG_COMMAND})
    set_tests_properties(${name} PROPERTIES LABELS "broker;conformance" TIMEOUT 180
        ENVIRONMENT "${ARG_ENVIRONMENT}")
endfunction()

if(SAMSA_KCAT)
    samsa_broker_script_test(tst_kcat_conformance
        BROKER_ARGS --set num.partitions=3
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/kcat_conformance.py
        ENVIRONMENT KCAT=${SAMSA_KCAT})
endif()
if(EXISTS ${SAMSA_PYTHON})
    samsa_broker_script_test(tst_kafkapython_conformance
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/kafkapython_conformance.py)
endif()
if(SAMSA_KCAT AND EXISTS ${SAMSA_PYTHON})
    samsa_broker_script_test(tst_legacy_formats
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/legacy_formats.py
        ENVIRONMENT KCAT=${SAMSA_KCAT})
endif()
if(SAMSA_NODE AND SAMSA_KCAT AND EXISTS ${SAMSA_NPM_PEERS}/kafkajs)
    samsa_broker_script_test(tst_kafkajs_conformance
        COMMAND ${SAMSA_NODE} ${SAMSA_BROKER_CONFORMANCE_DIR}/kafkajs_conformance.js
        ENVIRONMENT NODE_PATH=${SAMSA_NPM_PEERS})
endif()

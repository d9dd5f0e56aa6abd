# Consumer group tests: the group coordinator of samsa-broker driven by librdkafka, kafka-python
# and kafkajs, plus unit tests of its record formats. Included by tests/broker/CMakeLists.txt
# after conformance.cmake, whose helper functions it uses.
#
# As there, a test is registered in ctest only once it passes: list it here.
list(APPEND SAMSA_BROKER_CONFORMANCE_REGISTERED
    tst_librdkafka_groups
    tst_kafkapython_groups
    tst_kafkajs_groups
)

samsa_broker_conformance_test(tst_librdkafka_groups
    SOURCES conformance/tst_librdkafka_groups.cpp conformance/rdkafkagroupconsumer.h TIMEOUT 120)
target_include_directories(tst_librdkafka_groups PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/conformance)

if(EXISTS ${SAMSA_PYTHON})
    samsa_broker_script_test(tst_kafkapython_groups
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/kafkapython_groups.py)
endif()
if(SAMSA_NODE AND EXISTS ${SAMSA_NPM_PEERS}/kafkajs)
    samsa_broker_script_test(tst_kafkajs_groups
        COMMAND ${SAMSA_NODE} ${SAMSA_BROKER_CONFORMANCE_DIR}/kafkajs_groups.js
        ENVIRONMENT NODE_PATH=${SAMSA_NPM_PEERS})
endif()

samsa_add_test(tst_groupformat SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_groupformat.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_groupcoordinator SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_groupcoordinator.cpp LIBS samsa_broker LABELS broker unit)

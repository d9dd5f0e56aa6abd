# Consumer group tests: the group coordinator of samsa-broker driven by librdkafka, kafka-python
# and kafkajs, plus unit tests of its record formats. Included by tests/broker/CMakeLists.txt
# after conformance.cmake, whose helper functions it uses.
#
# As there, a test is registered in ctest only once it passes: list it here.
list(APPEND SAMSA_BROKER_CONFORMANCE_REGISTERED
    tst_librdkafka_groups
)

samsa_broker_conformance_test(tst_librdkafka_groups
    SOURCES conformance/tst_librdkafka_groups.cpp conformance/rdkafkagroupconsumer.h TIMEOUT 120)
target_include_directories(tst_librdkafka_groups PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/conformance)

# SASL SCRAM and the users file (issue 12): the SCRAM messages and exchange, the users file and
# store as units, and the real samsa-broker with kcat, kafka-python and kafkajs logging in with
# SCRAM-SHA-256 and SCRAM-SHA-512. Included by tests/broker/CMakeLists.txt, after conformance.cmake
# (samsa_brokertestsupport).
samsa_add_test(tst_scram SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_scram.cpp LIBS samsa_broker LABELS broker unit)
target_include_directories(tst_scram PRIVATE ${CMAKE_CURRENT_LIST_DIR}/support) # scramtestclient.h
samsa_add_test(tst_userstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_userstore.cpp LIBS samsa_broker
    LABELS broker unit)
samsa_add_test(tst_broker_scram SOURCES ${CMAKE_CURRENT_LIST_DIR}/conformance/tst_broker_scram.cpp
    LIBS samsa_brokertestsupport LABELS broker conformance TIMEOUT 240)
add_dependencies(tst_broker_scram samsa-broker)

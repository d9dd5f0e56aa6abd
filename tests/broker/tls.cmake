# Listeners with security protocols and TLS (issue 12): the listener syntax as a unit, and the real
# samsa-broker process with kcat, kafka-python and kafkajs over SSL, SASL_SSL and mutual TLS.
# Included by tests/broker/CMakeLists.txt, after conformance.cmake (samsa_brokertestsupport).
samsa_add_test(tst_listenerspec SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_listenerspec.cpp LIBS samsa_broker
    LABELS broker unit)
samsa_add_test(tst_broker_tls SOURCES ${CMAKE_CURRENT_LIST_DIR}/conformance/tst_broker_tls.cpp
    LIBS samsa_brokertestsupport LABELS broker conformance TIMEOUT 180)
add_dependencies(tst_broker_tls samsa-broker)

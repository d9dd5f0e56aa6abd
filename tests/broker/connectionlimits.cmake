# Connection limits of the real broker process (idle timeout, max.connections, SASL frame limit and
# login delay, memory per connection, accept backoff). Included after conformance.cmake (the glob
# is sorted), whose samsa_broker_conformance_test registers it.
list(APPEND SAMSA_BROKER_CONFORMANCE_REGISTERED tst_broker_connectionlimits)
samsa_broker_conformance_test(tst_broker_connectionlimits
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/conformance/tst_broker_connectionlimits.cpp TIMEOUT 60)
samsa_add_test(tst_clientmessage SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_clientmessage.cpp LIBS samsa_broker Qt6::Network
    LABELS broker unit)

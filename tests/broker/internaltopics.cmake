# Internal topics (__consumer_offsets, _schemas): client writes refused, and a poisoned log replayed
# batch by batch. The process test builds its poisoned batches with the broker's own codec, hence
# samsa_broker among its libraries. Included after conformance.cmake (the glob is sorted).
samsa_add_test(tst_broker_internaltopics SOURCES ${CMAKE_CURRENT_LIST_DIR}/conformance/tst_broker_internaltopics.cpp
    LIBS samsa_brokertestsupport samsa_broker Qt6::Network LABELS broker conformance TIMEOUT 60)
add_dependencies(tst_broker_internaltopics samsa-broker)
samsa_add_test(tst_logreplay SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_logreplay.cpp LIBS samsa_broker Qt6::Network
    LABELS broker unit TIMEOUT 60)

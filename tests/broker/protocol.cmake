# Codec unit tests of the broker's protocol layer (owned by the protocol developer).
samsa_add_test(tst_protocolcodec SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocolcodec.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_protocolmessages SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocolmessages.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_protocoldispatch SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocoldispatch.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_protocolroundtrip SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocolroundtrip.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_protocolfixtures SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocolfixtures.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_protocoleveryversion SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_protocoleveryversion.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_crc32c SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_crc32c.cpp LIBS samsa_broker LABELS broker unit)

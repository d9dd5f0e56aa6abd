# Unit tests of the broker's storage layer (owned by the storage developer).
samsa_add_test(tst_storagepartitionlog SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagepartitionlog.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagerecovery SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagerecovery.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storageconfig SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storageconfig.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagelogmanager SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagelogmanager.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagebatchrecords SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagebatchrecords.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagecompaction SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagecompaction.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagerecordvalidation SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagerecordvalidation.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_storagecompressedbatches SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_storagecompressedbatches.cpp LIBS samsa_broker LABELS broker unit)

# The "Local broker" page and its wiring to the main window, against the real samsa-broker.
samsa_add_test(tst_localbrokerpage SOURCES tst_localbrokerpage.cpp LIBS samsa_widgets LABELS gui TIMEOUT 60)
target_include_directories(tst_localbrokerpage PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration)
add_dependencies(tst_localbrokerpage samsa-broker)

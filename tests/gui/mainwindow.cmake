samsa_add_test(tst_mainwindow SOURCES tst_mainwindow.cpp LIBS samsa_widgets LABELS gui TIMEOUT 120)
# Under the asan preset: full malloc stacks (librdkafka has no frame pointers), so that the one
# LeakSanitizer suppression (tests/sanitizers/lsan.supp, librdkafka's own leak against its mock
# cluster, which this test browses) can see rd_kafka_new. Only here: the slow unwinder makes the
# other tests several times slower.
if(CMAKE_CXX_FLAGS MATCHES "sanitize=address")
    set_tests_properties(tst_mainwindow PROPERTIES ENVIRONMENT "ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0")
endif()

# The fuzz targets of tests/fuzz/ in the default build, without libFuzzer: each runs once over its
# seeds and over every crash reproducer saved in tests/fuzz/regressions/<name>/ (replaymain.cpp),
# so a crash found by fuzzing stays fixed. Fuzzing itself is the `fuzz` preset (tests/fuzz/CMakeLists.txt).
set(SAMSA_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SAMSA_FUZZ_DATA ${CMAKE_CURRENT_LIST_DIR}/../data)

# samsa_add_fuzz_replay(NAME LIBS lib... LABELS label... SEEDS dir...)
function(samsa_add_fuzz_replay name)
    cmake_parse_arguments(ARG "" "" "LIBS;LABELS;SEEDS" ${ARGN})
    add_executable(tst_fuzzreplay_${name} ${SAMSA_FUZZ_DIR}/fuzz_${name}.cpp ${SAMSA_FUZZ_DIR}/replaymain.cpp)
    target_include_directories(tst_fuzzreplay_${name} PRIVATE ${SAMSA_FUZZ_DIR})
    target_link_libraries(tst_fuzzreplay_${name} PRIVATE ${ARG_LIBS})
    set_target_properties(tst_fuzzreplay_${name} PROPERTIES AUTOMOC OFF)
    add_test(NAME tst_fuzzreplay_${name} COMMAND tst_fuzzreplay_${name}
        ${SAMSA_FUZZ_DIR}/corpus/${name} ${SAMSA_FUZZ_DIR}/regressions/${name} ${ARG_SEEDS})
    set_tests_properties(tst_fuzzreplay_${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 120)
endfunction()

samsa_add_fuzz_replay(requests LIBS samsa_broker LABELS broker unit SEEDS ${SAMSA_FUZZ_DATA}/kafka-requests)
samsa_add_fuzz_replay(json LIBS samsa_avroschema LABELS unit SEEDS ${SAMSA_FUZZ_DATA}/avro/schemas)
if(EXISTS ${PROJECT_SOURCE_DIR}/broker/src/registry/httprequestparser.h) # the incremental parser of issue 11
    samsa_add_fuzz_replay(http LIBS samsa_broker LABELS broker unit)
endif()
samsa_add_fuzz_replay(avro LIBS samsa_core LABELS unit)
samsa_add_fuzz_replay(properties LIBS samsa_core LABELS unit SEEDS ${SAMSA_FUZZ_DATA}/properties)
samsa_add_fuzz_replay(offsetsreplay LIBS samsa_broker LABELS broker unit)
samsa_add_fuzz_replay(schemasreplay LIBS samsa_broker LABELS broker unit)
samsa_add_fuzz_replay(batches LIBS samsa_broker LABELS broker unit)

# One test per finding, feeding its reproducer and checking the answer.
samsa_add_test(tst_fuzzfindings SOURCES ${SAMSA_FUZZ_DIR}/tst_fuzzfindings.cpp LIBS samsa_core
    LABELS unit)
target_compile_definitions(tst_fuzzfindings PRIVATE SAMSA_FUZZ_REGRESSIONS="${SAMSA_FUZZ_DIR}/regressions")

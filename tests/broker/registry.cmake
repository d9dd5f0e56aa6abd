# The broker's embedded schema registry: a Qt Test over HTTP, and clients written against
# Confluent's registry (python3-confluent-kafka, @kafkajs/confluent-schema-registry), each run
# against a fresh broker. Included by tests/broker/CMakeLists.txt after conformance.cmake
# (alphabetical order), whose helpers it uses.
samsa_add_test(tst_schema_registry SOURCES ${CMAKE_CURRENT_LIST_DIR}/conformance/tst_schema_registry.cpp
    LIBS samsa_brokertestsupport Qt6::Network LABELS broker conformance TIMEOUT 60)
add_dependencies(tst_schema_registry samsa-broker)

# Script clients (helpers and variables from conformance.cmake).
set(SAMSA_REGISTRY_SCRIPT_DIR ${CMAKE_CURRENT_LIST_DIR}/conformance)
function(samsa_registry_script_test name)
    cmake_parse_arguments(ARG "" "" "COMMAND;ENVIRONMENT;BROKER_ARGS" ${ARGN})
    add_test(NAME ${name}
        COMMAND /usr/bin/python3 ${SAMSA_REGISTRY_SCRIPT_DIR}/run_with_broker.py $<TARGET_FILE:samsa-broker>
            --schema-registry ${ARG_BROKER_ARGS} -- ${ARG_COMMAND})
    set_tests_properties(${name} PROPERTIES LABELS "broker;conformance" TIMEOUT 60 ENVIRONMENT "${ARG_ENVIRONMENT}")
endfunction()

find_program(SAMSA_REGISTRY_NODE node)
find_program(SAMSA_REGISTRY_KCAT kcat)
if(SAMSA_REGISTRY_KCAT AND EXISTS /usr/lib/python3/dist-packages/confluent_kafka/schema_registry)
    samsa_registry_script_test(tst_confluent_registry
        COMMAND /usr/bin/python3 ${SAMSA_REGISTRY_SCRIPT_DIR}/confluent_registry.py
        ENVIRONMENT KCAT=${SAMSA_REGISTRY_KCAT})
endif()
if(EXISTS /usr/lib/python3/dist-packages/confluent_kafka/schema_registry)
    # With SASL users the registry wants HTTP basic auth as one of them.
    samsa_registry_script_test(tst_confluent_registry_auth
        COMMAND /usr/bin/python3 ${SAMSA_REGISTRY_SCRIPT_DIR}/confluent_registry_auth.py
        BROKER_ARGS --set sasl.enabled.mechanisms=PLAIN --set sasl.plain.users=alice:s3cret,bob:pw)
endif()
set(SAMSA_REGISTRY_NPM_PEERS ${PROJECT_SOURCE_DIR}/.npm-peers/node_modules)
if(SAMSA_REGISTRY_NODE AND SAMSA_REGISTRY_KCAT AND EXISTS ${SAMSA_REGISTRY_NPM_PEERS}/@kafkajs/confluent-schema-registry)
    samsa_registry_script_test(tst_kafkajs_registry
        COMMAND ${SAMSA_REGISTRY_NODE} ${SAMSA_REGISTRY_SCRIPT_DIR}/kafkajs_registry.js
        ENVIRONMENT NODE_PATH=${SAMSA_REGISTRY_NPM_PEERS})
endif()

# The registry's parsers in process, with hostile input.
samsa_add_test(tst_registryparsing SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_registryparsing.cpp LIBS samsa_broker Qt6::Network
    LABELS broker unit TIMEOUT 60)

# ACLs and the authorizer (issue 12): unit tests of their semantics and store, and the real broker
# enforcing them against librdkafka and kafka-python clients.
samsa_add_test(tst_authorizer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_authorizer.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_aclstore SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_aclstore.cpp LIBS samsa_broker LABELS broker unit)
samsa_add_test(tst_authorizationhandlers SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_authorizationhandlers.cpp LIBS samsa_broker LABELS broker unit)

# Included after conformance.cmake (file names sort so), whose helpers register these.
list(APPEND SAMSA_BROKER_CONFORMANCE_REGISTERED tst_broker_acls tst_kafkapython_acls)
samsa_broker_conformance_test(tst_broker_acls SOURCES conformance/tst_broker_acls.cpp TIMEOUT 60)
if(EXISTS ${SAMSA_PYTHON})
    samsa_broker_script_test(tst_kafkapython_acls
        BROKER_ARGS --set sasl.enabled.mechanisms=PLAIN --set sasl.plain.users=admin:admin-pw,alice:alice-pw
            --set authorizer=standard --set super.users=User:admin
        COMMAND ${SAMSA_PYTHON} ${SAMSA_BROKER_CONFORMANCE_DIR}/kafkapython_acls.py)
endif()

# The ACL page and its dialogs against the real samsa-broker with the standard authorizer.
samsa_add_test(tst_aclpage SOURCES tst_aclpage.cpp LIBS samsa_widgets samsa_brokertestsupport LABELS gui TIMEOUT 60)
add_dependencies(tst_aclpage samsa-broker)

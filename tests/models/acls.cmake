samsa_add_test(tst_aclsmodel SOURCES tst_aclsmodel.cpp LIBS samsa_models LABELS model)

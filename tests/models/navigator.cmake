samsa_add_test(tst_navigatormodel SOURCES tst_navigatormodel.cpp LIBS samsa_models LABELS model)

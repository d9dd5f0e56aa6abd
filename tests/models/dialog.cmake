# Connection dialog: the profiles list model.
samsa_add_test(tst_profileslistmodel SOURCES tst_profileslistmodel.cpp LIBS samsa_models LABELS model)

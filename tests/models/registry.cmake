# Schema Registry page and Produce dialog models: subjects, versions, produce results.
samsa_add_test(tst_registrymodels SOURCES tst_registrymodels.cpp LIBS samsa_models LABELS model)

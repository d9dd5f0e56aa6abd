# Consumer-group models: the groups list and one group's partitions with lag.
samsa_add_test(tst_groupsmodels SOURCES tst_groupsmodels.cpp LIBS samsa_models LABELS model)

# Cluster browser models: brokers, topics (with the filter proxy), partitions and configurations.
samsa_add_test(tst_brokersmodel SOURCES tst_brokersmodel.cpp LIBS samsa_models LABELS model)
samsa_add_test(tst_topicsmodel SOURCES tst_topicsmodel.cpp LIBS samsa_models LABELS model)
samsa_add_test(tst_topicsfiltermodel SOURCES tst_topicsfiltermodel.cpp LIBS samsa_models LABELS model)
samsa_add_test(tst_partitionsmodel SOURCES tst_partitionsmodel.cpp LIBS samsa_models LABELS model)
samsa_add_test(tst_configsmodel SOURCES tst_configsmodel.cpp LIBS samsa_models LABELS model)

# Cluster browser pages against librdkafka's mock cluster through a real KafkaClusterSession.
samsa_add_test(tst_clusterpages SOURCES tst_clusterpages.cpp LIBS samsa_widgets LABELS gui TIMEOUT 120)

# Message browser: the messages table model (sort, filter, decode on demand, live tail cap).
samsa_add_test(tst_messagesmodel SOURCES tst_messagesmodel.cpp LIBS samsa_models Qt6::Widgets LABELS model)

samsa_add_test(tst_mainwindow SOURCES tst_mainwindow.cpp LIBS samsa_widgets LABELS gui TIMEOUT 120)

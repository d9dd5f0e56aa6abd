# Connection dialog: profiles created, validated, imported, tested and connected through real widgets.
samsa_add_test(tst_connectiondialog SOURCES tst_connectiondialog.cpp LIBS samsa_widgets LABELS gui TIMEOUT 120)

// samsa: the desktop console. --version and --help are answered before any display is needed.

#include "mainwindow.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>
#include <cstring>

namespace {

const char* const usage = "Usage: samsa [options]\n"
                          "A native desktop console for Apache Kafka.\n\n"
                          "Options:\n"
                          "  -h, --help       Show this help and exit.\n"
                          "  -v, --version    Show the version and exit.\n"
                          "  --connect        Open the connection dialog at start.\n\n"
                          "Profiles are kept in $XDG_DATA_HOME/samsa/samsa.db; passwords in the system keychain.\n"
                          "Qt options such as -platform offscreen are accepted too.\n";

} // namespace

int main(int argc, char** argv)
{
    bool openDialog = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::fputs(usage, stdout);
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("samsa %s\n", SAMSA_VERSION);
            return 0;
        }
        if (std::strcmp(argv[i], "--connect") == 0)
            openDialog = true;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("samsa"));
    QApplication::setApplicationName(QStringLiteral("samsa"));
    QApplication::setApplicationDisplayName(QStringLiteral("Samsa"));
    QApplication::setApplicationVersion(QStringLiteral(SAMSA_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/samsa/samsa.svg")));

    Samsa::ProfileStore store;
    if (!store.open()) {
        QMessageBox::critical(nullptr, QStringLiteral("Samsa"),
            QStringLiteral("The profile database could not be opened:\n%1").arg(store.errorText()));
        return 1;
    }
    Samsa::SecretStore secrets;
    Samsa::MainWindow window(&store, &secrets);
    window.show();
    const bool restored = window.restoreConnections();
    if (openDialog || !restored)
        QTimer::singleShot(0, &window, &Samsa::MainWindow::showConnectionDialog);
    return app.exec();
}

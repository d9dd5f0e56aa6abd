// samsa: the desktop console. --version and --help are answered before any display is needed.

#include "kafka/kafkathreads.h"
#include "localbroker/localbroker.h"
#include "localbroker/localbrokercontroller.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QApplication>
#include <QEventLoop>
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
                          "The local broker (samsa-broker, run by the app) keeps its data in\n"
                          "$XDG_DATA_HOME/samsa/broker and listens on 127.0.0.1:9092 unless set otherwise.\n"
                          "Qt options such as -platform offscreen are accepted too.\n";

// Once the window is gone: give the local broker time to flush and exit. The event loop keeps running
// meanwhile; the broker's own stop timeout ends the wait if it does not exit.
void stopLocalBroker(Samsa::LocalBroker* broker)
{
    if (!broker->isActive())
        return;
    QEventLoop loop;
    QObject::connect(broker, &Samsa::LocalBroker::stateChanged, &loop, [&loop, broker] {
        if (!broker->isActive())
            loop.quit();
    });
    broker->stop();
    if (broker->isActive())
        loop.exec();
}

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
    // The installed desktop entry (packaging/linux/): Wayland compositors match windows to it by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.samsa.Samsa"));

    Samsa::ProfileStore store;
    if (!store.open()) {
        QMessageBox::critical(nullptr, QStringLiteral("Samsa"),
            QStringLiteral("The profile database could not be opened:\n%1").arg(store.errorText()));
        return 1;
    }
    Samsa::SecretStore secrets;
    Samsa::LocalBroker broker;
    int exitCode = 0;
    {
        Samsa::MainWindow window(&store, &secrets);
        Samsa::LocalBrokerController localBroker(&broker, &window, &store);
        localBroker.ensureLocalProfile();
        window.show();
        const bool restored = window.restoreConnections();
        // The first run lands on the local broker, started and connected, so there is something to see.
        const bool firstRun = Samsa::LocalBrokerController::takeFirstRun();
        if (firstRun)
            localBroker.startAndConnect();
        if (openDialog || (!restored && !firstRun))
            QTimer::singleShot(0, &window, &Samsa::MainWindow::showConnectionDialog);
        exitCode = app.exec();
        stopLocalBroker(&broker);
    }
    // The window's sessions retired their worker threads as it closed: let their last librdkafka
    // calls end (bounded) rather than exit under running threads.
    Samsa::KafkaThreads::waitForAll(5000);
    return exitCode;
}

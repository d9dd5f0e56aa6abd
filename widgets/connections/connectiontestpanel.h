#pragma once

// "Test connection" button and its inline result. The dialog supplies the form's current values
// when asked (testRequested); a new test replaces one still running. A failure shows what it means
// (ConnectionFailure's message) with librdkafka's exact text on a detail line under it.

#include "profiles/connectionprofile.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Samsa {

class ConnectionTester;
struct ConnectionTestResult;
struct ConnectionFailure;

class ConnectionTestPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionTestPanel(QWidget* parent = nullptr);

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);
    // Instead of a result: why a test cannot start (problem), or what is awaited first.
    void showMessage(const QString& text, bool problem);
    void cancel();
    void clear();
    bool isRunning() const;
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }

Q_SIGNALS:
    void testRequested();

private:
    void showResult(const ConnectionTestResult& result, const ConnectionFailure& failure);
    void setDetail(const QString& text);

    QPushButton* m_button;
    QLabel* m_result;
    QLabel* m_detail;
    ConnectionTester* m_tester;
    int m_timeoutMs = 10000;
};

} // namespace Samsa

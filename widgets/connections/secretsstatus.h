#pragma once

// The status line under the profile form: where secrets are kept, and, when no keychain answers,
// the choice to keep them in a protected file instead of for this session only.

#include <QWidget>

class QCheckBox;
class QLabel;

namespace Samsa {

class SecretStore;

class SecretsStatus : public QWidget {
    Q_OBJECT
public:
    explicit SecretsStatus(SecretStore* secrets, QWidget* parent = nullptr);

    void showReadError(const QString& error); // cleared by the next refresh
    void refresh();

private:
    SecretStore* m_secrets;
    QLabel* m_label;
    QCheckBox* m_protectedFile;
    QString m_readError;
};

} // namespace Samsa

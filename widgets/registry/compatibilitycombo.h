#pragma once

// A combo box with the Schema Registry's seven compatibility levels, and optionally a first entry
// for "no subject-level setting" (the subject then follows the global level). The level names are
// the registry's own (BACKWARD, FULL_TRANSITIVE...), shown with a short explanation as tool tip.

#include <QComboBox>

namespace Samsa {

class CompatibilityCombo : public QComboBox {
    Q_OBJECT
public:
    explicit CompatibilityCombo(QWidget* parent = nullptr);

    static QStringList levels(); // NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, ...

    // Adds (or removes) the first entry "Global (LEVEL)"; its level() is empty.
    void setInheritOption(bool enabled, const QString& globalLevel = {});
    // Selects without emitting levelChosen. An empty level selects the inherit entry.
    void setLevel(const QString& level);
    QString level() const;

Q_SIGNALS:
    // The user picked another entry (not emitted by setLevel).
    void levelChosen(const QString& level);

private:
    bool m_updating = false;
};

} // namespace Samsa

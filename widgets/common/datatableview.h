#pragma once

// The table every data page of the browser uses: whole-row selection, alternating rows, fixed row
// height (so a model of 10,000 rows is never asked for per-row sizes), sortable headers. rowActivated
// is emitted on double-click or Enter/Return, whatever the style's single-click setting.

#include <QTableView>

namespace Samsa {

class DataTableView : public QTableView {
    Q_OBJECT
public:
    explicit DataTableView(QWidget* parent = nullptr);

Q_SIGNALS:
    void rowActivated(const QModelIndex& index);

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

} // namespace Samsa

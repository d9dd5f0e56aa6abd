#pragma once

// The brokers of a cluster as a sortable table (objectName "brokersView"); double-click or Enter on a
// row emits brokerActivated with the broker's id.

#include "common/datatableview.h"

namespace Samsa {

class BrokersModel;
struct ClusterMetadata;

class BrokersTable : public DataTableView {
    Q_OBJECT
public:
    explicit BrokersTable(QWidget* parent = nullptr);

    void setMetadata(const ClusterMetadata& metadata);
    BrokersModel* brokersModel() const { return m_model; }

Q_SIGNALS:
    void brokerActivated(int id);

private:
    BrokersModel* m_model;
};

} // namespace Samsa

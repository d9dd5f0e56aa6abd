#pragma once

// librdkafka's in-process mock cluster, reached over TCP on loopback like any cluster.
// It serves Metadata, Produce, Fetch and ListOffsets, but no admin APIs (DescribeConfigs
// fails against it). Used until samsa-broker serves those.

#include <QString>
#include <memory>

namespace Samsa::Test {

class MockCluster {
public:
    explicit MockCluster(int brokerCount = 3);
    ~MockCluster();
    MockCluster(const MockCluster&) = delete;
    MockCluster& operator=(const MockCluster&) = delete;

    bool isValid() const;
    QString bootstrapServers() const;
    QString error() const { return m_error; }
    bool createTopic(const QString& name, int partitions, int replicationFactor);
    // Produces `count` messages to one partition; waits for delivery. Returns false on error.
    bool produce(const QString& topic, int partition, int count);
    void setBrokerDown(int brokerId, bool down);
    void setPartitionLeader(const QString& topic, int partition, int leaderId);

private:
    struct Private;
    std::unique_ptr<Private> d;
    QString m_error;
};

} // namespace Samsa::Test

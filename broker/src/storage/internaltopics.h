#pragma once

// Topics that only the broker itself writes. Clients may read them, but not produce to them, delete
// their records or add partitions: __consumer_offsets and __transaction_state always (Kafka answers
// a produce there with INVALID_TOPIC_EXCEPTION), and a topic that a part of the broker claims while
// it runs: the embedded schema registry claims _schemas. With the registry off, _schemas is an
// ordinary topic, which a Confluent registry may use as its store.

#include <string>

namespace samsa::broker {

class LogManager;

namespace internaltopics {

// Claims are per LogManager, so that brokers in one process (tests) do not see each other's.
// `owner` names the writer in the refusal ("the broker's schema registry").
void claim(const LogManager& logs, const std::string& topic, const std::string& owner);
void release(const LogManager& logs, const std::string& topic);

// Kafka's own internal topics (Topic.isInternal): never deleted, never written by clients.
bool isKafkaInternal(const std::string& topic);

// Why a client may not write to `topic`, or empty when it may.
std::string clientWriteRefusal(const LogManager& logs, const std::string& topic);

} // namespace internaltopics
} // namespace samsa::broker

#!/usr/bin/python3
"""kafka-python 2.0.2 consumer groups against samsa-broker. Run by run_with_broker.py, which sets
SAMSA_BOOTSTRAP.

Covers: a group of two KafkaConsumers (JoinGroup v2, no MEMBER_ID_REQUIRED) consumes a six
partition topic completely, each record once, with committed offsets at the end; the admin client
lists the group, describes its members and assignments, lists its committed offsets, and deletes
it once empty (NON_EMPTY_GROUP while a member is in it, GROUP_ID_NOT_FOUND afterwards).
"""

import os
import sys
import threading
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import GroupIdNotFoundError, NoError, NonEmptyGroupError

BOOTSTRAP = os.environ.get("SAMSA_BOOTSTRAP", "")
TOPIC = "kp-group-topic"
GROUP = "kp-group"
PARTITIONS = 6
PER_PARTITION = 20
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)
    return condition


def wait_for(condition, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return check(condition(), "timed out waiting for " + what)


class Member(threading.Thread):
    """One consumer on its own thread: kafka-python rejoins only from poll()."""

    def __init__(self, index):
        super().__init__(daemon=True)
        self.index = index
        self.records = []
        self.assigned = set()
        self.stop = threading.Event()
        self.leave = threading.Event()
        self.error = None

    def run(self):
        try:
            consumer = KafkaConsumer(TOPIC, bootstrap_servers=BOOTSTRAP, group_id=GROUP,
                                     client_id="kp-member-%d" % self.index, auto_offset_reset="earliest",
                                     enable_auto_commit=False, session_timeout_ms=6000,
                                     heartbeat_interval_ms=300)
            while not self.stop.is_set():
                for _, messages in consumer.poll(timeout_ms=100).items():
                    self.records += [(m.partition, m.offset) for m in messages]
                self.assigned = {tp.partition for tp in consumer.assignment()}
            consumer.commit()
            self.leave.wait(30)
            consumer.close()
        except Exception as error:  # reported by the main thread
            self.error = error


def main():
    admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="kp-group-admin", request_timeout_ms=15000)
    admin.create_topics([NewTopic(TOPIC, PARTITIONS, 1)])
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP)
    for partition in range(PARTITIONS):
        for i in range(PER_PARTITION):
            producer.send(TOPIC, value=b"%d-%d" % (partition, i), partition=partition)
    producer.flush()
    producer.close()

    members = [Member(0), Member(1)]
    for member in members:
        member.start()
    total = PARTITIONS * PER_PARTITION
    wait_for(lambda: sum(len(m.records) for m in members) >= total, 40, "the group to consume everything")
    wait_for(lambda: all(m.assigned for m in members)
             and len(members[0].assigned | members[1].assigned) == PARTITIONS
             and not (members[0].assigned & members[1].assigned), 20, "two disjoint assignments")
    everything = [r for m in members for r in m.records]
    check(len(everything) == total and len(set(everything)) == total,
          "consumed %d records (%d distinct), expected %d each once" % (len(everything), len(set(everything)), total))
    for member in members:
        check(member.error is None, "member %d failed: %r" % (member.index, member.error))
        check(all(p in member.assigned for p, _ in member.records), "member %d read outside its assignment" % member.index)

    listed = admin.list_consumer_groups()
    check((GROUP, "consumer") in listed, "list_consumer_groups: %r" % (listed,))
    described = admin.describe_consumer_groups([GROUP])[0]
    check(described.error_code == 0 and described.state == "Stable" and described.protocol == "range",
          "describe: %r" % (described,))
    check(sorted(m.client_id for m in described.members) == ["kp-member-0", "kp-member-1"],
          "described members: %r" % (described.members,))
    described_partitions = sorted(p for m in described.members for _, ps in m.member_assignment.assignment for p in ps)
    check(described_partitions == list(range(PARTITIONS)), "described assignments: %r" % (described_partitions,))

    results = admin.delete_consumer_groups([GROUP])
    check(results == [(GROUP, NonEmptyGroupError)], "deleting an active group: %r" % (results,))

    for member in members:
        member.stop.set()
    # Both commit before leaving; then the offsets are everything they read.
    wait_for(lambda: admin.list_consumer_group_offsets(GROUP) and len(admin.list_consumer_group_offsets(GROUP)) == PARTITIONS,
             20, "committed offsets of every partition")
    offsets = admin.list_consumer_group_offsets(GROUP)
    check(all(offsets[TopicPartition(TOPIC, p)].offset == PER_PARTITION for p in range(PARTITIONS)),
          "committed offsets: %r" % (offsets,))
    check(all(o.metadata == "" for o in offsets.values()), "offset metadata is not empty: %r" % (offsets,))
    for member in members:
        member.leave.set()
    for member in members:
        member.join(30)
    wait_for(lambda: admin.describe_consumer_groups([GROUP])[0].state == "Empty", 20, "the group to be empty")

    results = admin.delete_consumer_groups([GROUP])
    check(results == [(GROUP, NoError)], "deleting the empty group: %r" % (results,))
    check((GROUP, "consumer") not in admin.list_consumer_groups(), "the deleted group is still listed")
    check(not admin.list_consumer_group_offsets(GROUP), "the deleted group still has offsets")
    results = admin.delete_consumer_groups([GROUP])
    check(results == [(GROUP, GroupIdNotFoundError)], "deleting a deleted group: %r" % (results,))
    admin.close()


if __name__ == "__main__":
    if not BOOTSTRAP:
        print("SAMSA_BOOTSTRAP is not set", file=sys.stderr)
        sys.exit(2)
    main()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), flush=True)
        sys.exit(1)
    print("kafka-python groups: all checks passed", flush=True)

#!/usr/bin/python3
"""kafka-python 2.0.2 (Debian python3-kafka, pure Python) against samsa-broker. Run by
run_with_broker.py, which sets SAMSA_BOOTSTRAP.

Covers: the ApiVersions v0 + pipelined Metadata v0 probe and the release guess (which must allow
zstd, i.e. >= 2.1; we expect >= 2.3 from Fetch v11), KafkaAdminClient create topics with configs
(plus validate_only, a bad config and a duplicate), produce with keys and headers (uncompressed,
gzip, snappy, lz4 and zstd: the last three need Debian's python3-snappy, python3-lz4 and
python3-zstandard, which packaging/setup-deps.sh installs), consume everything back with assign()
and no group, watermarks and offsets_for_times, describe
and alter configs (topic and broker), create partitions, DeleteRecords (kafka-python 2.0.2 has no
admin call for it: the request is declared here with kafka-python's own protocol classes), and
delete topics. kafka-python 2.0.2 has no idempotent producer.
"""

import os
import sys
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.codec import has_lz4, has_snappy, has_zstd
from kafka.errors import InvalidConfigurationError, InvalidPartitionsError, KafkaError, TopicAlreadyExistsError
from kafka.protocol.api import Request, Response
from kafka.protocol.types import Array, Int16, Int32, Int64, Schema, String

BOOTSTRAP = os.environ.get("SAMSA_BOOTSTRAP", "")
# Codecs that need python modules besides kafka-python, and the check that they are there.
COMPRESSED_CODECS = {"snappy": has_snappy, "lz4": has_lz4, "zstd": has_zstd}
FAILURES = []
CONFIG_SOURCE_DYNAMIC_TOPIC = 1
CONFIG_SOURCE_DEFAULT = 5


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)
    return condition


class DeleteRecordsResponse_v0(Response):
    API_KEY = 21
    API_VERSION = 0
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        ("topics", Array(("name", String("utf-8")),
                         ("partitions", Array(("partition_index", Int32), ("low_watermark", Int64),
                                              ("error_code", Int16))))))


class DeleteRecordsRequest_v0(Request):
    API_KEY = 21
    API_VERSION = 0
    RESPONSE_TYPE = DeleteRecordsResponse_v0
    SCHEMA = Schema(
        ("topics", Array(("name", String("utf-8")),
                         ("partitions", Array(("partition_index", Int32), ("offset", Int64))))),
        ("timeout_ms", Int32))


def admin_client():
    return KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="samsa-conformance", request_timeout_ms=15000)


def test_version_probe():
    # Without api_version kafka-python probes with ApiVersions v0 and a pipelined Metadata v0,
    # then guesses the broker's release from the advertised ranges.
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, api_version_auto_timeout_ms=5000)
    guessed = consumer.config["api_version"]
    consumer.close()
    print("kafka-python guessed broker release %r" % (guessed,), flush=True)
    check(guessed >= (2, 3, 0), "kafka-python guessed %r: Fetch v11 should make it >= 2.3" % (guessed,))


def topic_errors(response):
    return {entry[0]: entry[1] for entry in response.topic_errors}


def test_create_topics(admin):
    configs = {"retention.ms": "3600000", "cleanup.policy": "delete", "max.message.bytes": "200000"}
    response = admin.create_topics([NewTopic("kp-data", 3, 1, topic_configs=configs),
                                     NewTopic("kp-gzip", 2, 1), NewTopic("kp-times", 1, 1)]
                                    + [NewTopic("kp-" + codec, 2, 1) for codec in COMPRESSED_CODECS])
    check(set(topic_errors(response).values()) == {0}, "create_topics errors %r" % topic_errors(response))

    admin.create_topics([NewTopic("kp-validate-only", 2, 1)], validate_only=True)
    check("kp-validate-only" not in admin.list_topics(), "validate_only created the topic")

    try:
        admin.create_topics([NewTopic("kp-data", 3, 1)])
        check(False, "creating kp-data twice succeeded")
    except TopicAlreadyExistsError:
        pass
    try:
        admin.create_topics([NewTopic("kp-bad-config", 1, 1, topic_configs={"no.such.config": "1"})])
        check(False, "an unknown topic config was accepted")
    except InvalidConfigurationError:
        pass
    except KafkaError as error:
        check(False, "an unknown topic config gave %r, not INVALID_CONFIG" % error)
    check("kp-bad-config" not in admin.list_topics(), "a topic with a bad config exists")

    described = {t["topic"]: t for t in admin.describe_topics(["kp-data", "kp-gzip"])}
    check(len(described.get("kp-data", {}).get("partitions", [])) == 3, "kp-data has not 3 partitions")
    check(len(described.get("kp-gzip", {}).get("partitions", [])) == 2, "kp-gzip has not 2 partitions")


def produce(topic, compression, count):
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, compression_type=compression, acks="all", linger_ms=5)
    pending = []
    for i in range(count):
        key = ("key-%d" % (i % 7)).encode()
        value = ("%s-%s-%05d" % (topic, compression, i)).encode() * (1 + i % 3)
        headers = [("index", str(i).encode()), ("origin", b"kafka-python")]
        pending.append((producer.send(topic, key=key, value=value, headers=headers), key, value, headers))
    producer.flush()
    sent = []
    for future, key, value, headers in pending:
        metadata = future.get(timeout=30)
        sent.append((metadata.partition, metadata.offset, key, value, headers))
    producer.close()
    return sent


def consume(topic, partitions, expected):
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None, enable_auto_commit=False,
                             consumer_timeout_ms=3000, fetch_max_wait_ms=200)
    consumer.assign([TopicPartition(topic, p) for p in partitions])
    consumer.seek_to_beginning()
    received = []
    deadline = time.monotonic() + 30
    while len(received) < expected and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=1000).values():
            received += records
    consumer.close()
    return received


def test_produce_consume(topic, compression, partitions):
    count = 300
    sent = produce(topic, compression, count)
    received = consume(topic, range(partitions), count)
    check(len(received) == count, "%s: consumed %d of %d" % (topic, len(received), count))
    for partition in range(partitions):
        mine = [s for s in sent if s[0] == partition]
        got = [r for r in received if r.partition == partition]
        check([s[1] for s in mine] == list(range(len(mine))), "%s/%d: acknowledged offsets not 0..n-1" % (topic, partition))
        check([(r.offset, r.key, r.value, list(r.headers)) for r in got]
              == [(s[1], s[2], s[3], s[4]) for s in mine], "%s/%d: consumed records differ from produced" % (topic, partition))
    return sent


def test_watermarks_and_times(admin):
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None)
    partitions = [TopicPartition("kp-data", p) for p in range(3)]
    ends = consumer.end_offsets(partitions)
    begins = consumer.beginning_offsets(partitions)
    check(sum(ends.values()) == 300, "kp-data end offsets %r do not add up to 300" % ends)
    check(set(begins.values()) == {0}, "kp-data beginning offsets %r" % begins)

    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP)
    base = int(time.time() * 1000) - 100000
    for i in range(20):
        producer.send("kp-times", value=b"t%d" % i, partition=0, timestamp_ms=base + i * 1000)
    producer.flush()
    producer.close()
    tp = TopicPartition("kp-times", 0)
    found = consumer.offsets_for_times({tp: base + 5500})[tp]
    check(found is not None and found.offset == 6 and found.timestamp == base + 6000,
          "offsets_for_times(base+5500) gave %r, expected offset 6" % (found,))
    found = consumer.offsets_for_times({tp: base})[tp]
    check(found is not None and found.offset == 0, "offsets_for_times(base) gave %r" % (found,))
    found = consumer.offsets_for_times({tp: base + 10 ** 7})[tp]
    check(found is None, "offsets_for_times(future) gave %r, expected None" % (found,))
    consumer.close()


def config_entries(response):
    entries = {}
    for resource in response.resources:
        check(resource[0] == 0, "describe_configs error %r %r" % (resource[0], resource[1]))
        for entry in resource[4]:
            entries[entry[0]] = entry
    return entries


def test_configs(admin):
    responses = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "kp-data")])
    entries = config_entries(responses[0])
    check(entries.get("retention.ms", (None, None))[1] == "3600000", "retention.ms is %r" % (entries.get("retention.ms"),))
    if "retention.ms" in entries:
        check(entries["retention.ms"][3] == CONFIG_SOURCE_DYNAMIC_TOPIC, "retention.ms source %r" % (entries["retention.ms"],))
    check("segment.bytes" in entries, "segment.bytes is not described")
    if "segment.bytes" in entries:
        check(entries["segment.bytes"][3] != CONFIG_SOURCE_DYNAMIC_TOPIC, "segment.bytes reported as a topic override")

    response = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "kp-data",
                                                   configs={"retention.ms": "7200000", "segment.bytes": "1048576"})])
    check(all(r[0] == 0 for r in response.resources), "alter_configs errors %r" % (response.resources,))
    entries = config_entries(admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "kp-data")])[0])
    check(entries.get("retention.ms", (None, None))[1] == "7200000", "altered retention.ms is %r" % (entries.get("retention.ms"),))
    check(entries.get("segment.bytes", (None, None))[1] == "1048576", "altered segment.bytes is %r" % (entries.get("segment.bytes"),))
    # AlterConfigs replaces the whole set: max.message.bytes falls back to its default.
    check(entries.get("max.message.bytes", (None, None, None, None))[3] != CONFIG_SOURCE_DYNAMIC_TOPIC,
          "max.message.bytes survived a full AlterConfigs replacement: %r" % (entries.get("max.message.bytes"),))

    response = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, "kp-data", configs={"no.such.config": "x"})])
    check(all(r[0] == 40 for r in response.resources), "an unknown config in alter_configs gave %r" % (response.resources,))

    node_id = admin._client.cluster.brokers().pop().nodeId
    entries = config_entries(admin.describe_configs([ConfigResource(ConfigResourceType.BROKER, str(node_id))])[0])
    check("num.partitions" in entries, "broker configs lack num.partitions: %r" % sorted(entries)[:20])


def test_create_partitions(admin):
    admin.create_partitions({"kp-gzip": NewPartitions(4)})
    described = {t["topic"]: t for t in admin.describe_topics(["kp-gzip"])}
    check(len(described.get("kp-gzip", {}).get("partitions", [])) == 4, "kp-gzip did not grow to 4 partitions")
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP)
    metadata = producer.send("kp-gzip", value=b"in the new partition", partition=3).get(timeout=30)
    producer.close()
    check(metadata.partition == 3 and metadata.offset == 0, "produce to the new partition gave %r" % (metadata,))
    try:
        admin.create_partitions({"kp-gzip": NewPartitions(2)})
        check(False, "shrinking partitions succeeded")
    except InvalidPartitionsError:
        pass


def test_delete_records(admin, sent):
    partition = max(range(3), key=lambda p: sum(1 for s in sent if s[0] == p))
    total = sum(1 for s in sent if s[0] == partition)
    request = DeleteRecordsRequest_v0(topics=[("kp-data", [(partition, 10)])], timeout_ms=10000)
    node_id = admin._client.cluster.brokers().pop().nodeId
    future = admin._send_request_to_node(node_id, request)
    admin._wait_for_futures([future])
    result = future.value.topics[0][1][0]
    check(result[2] == 0 and result[1] == 10, "DeleteRecords gave %r" % (result,))
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None)
    tp = TopicPartition("kp-data", partition)
    check(consumer.beginning_offsets([tp])[tp] == 10, "log start offset after DeleteRecords is not 10")
    consumer.close()
    received = consume("kp-data", [partition], total - 10)
    check([r.offset for r in received] == list(range(10, total)), "after DeleteRecords the partition reads %r..."
          % [r.offset for r in received][:3])


def test_delete_topics(admin):
    response = admin.delete_topics(["kp-gzip"])
    check(all(e[1] == 0 for e in response.topic_error_codes), "delete_topics errors %r" % (response.topic_error_codes,))
    check("kp-gzip" not in admin.list_topics(), "kp-gzip still listed after deletion")
    admin.create_topics([NewTopic("kp-gzip", 1, 1)])
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None)
    tp = TopicPartition("kp-gzip", 0)
    check(consumer.end_offsets([tp])[tp] == 0, "a re-created topic is not empty")
    consumer.close()


def run(function, *arguments):
    """Runs one step; an exception fails the step but not the steps after it."""
    print("--- " + function.__name__, flush=True)
    try:
        return function(*arguments)
    except Exception as error:  # noqa: BLE001 - any client error is a finding to report
        check(False, "%s raised %s: %s" % (function.__name__, type(error).__name__, error))
        return None


def main():
    if not BOOTSTRAP:
        print("SAMSA_BOOTSTRAP is not set: run me through run_with_broker.py", file=sys.stderr)
        return 2
    run(test_version_probe)
    admin = admin_client()
    run(test_create_topics, admin)
    sent = run(test_produce_consume, "kp-data", None, 3) or []
    run(test_produce_consume, "kp-gzip", "gzip", 2)
    for codec, available in COMPRESSED_CODECS.items():
        if check(available(), "kafka-python cannot use %s: is its python3 module installed?" % codec):
            run(test_produce_consume, "kp-" + codec, codec, 2)
    run(test_watermarks_and_times, admin)
    run(test_configs, admin)
    run(test_create_partitions, admin)
    run(test_delete_records, admin, sent)
    run(test_delete_topics, admin)
    admin.close()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), flush=True)
        return 1
    print("kafka-python conformance: all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

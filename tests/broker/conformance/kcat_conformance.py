#!/usr/bin/python3
"""kcat (librdkafka 2.0.2 inside) against samsa-broker. Run by run_with_broker.py, which sets
SAMSA_BOOTSTRAP; the broker runs with --set num.partitions=3 so auto-created topics have three
partitions.

Covers: -L metadata (JSON), auto-creation on produce, -P with -K key delimiter, -H headers and
-z none/gzip/snappy/lz4/zstd, -C -e -o beginning with -f (per-partition order, contiguous
offsets, keys, values, headers), relative offsets (-o -N), -Q watermarks and offsets by
timestamp, and an idempotent producer (-X enable.idempotence=true, many small batches in flight)
whose every message arrives exactly once and in order. kcat has no admin commands: topics are created by auto-creation here and configs,
partitions, record deletion and topic deletion are covered by the other clients.
"""

import json
import os
import subprocess
import sys
import time

BOOTSTRAP = os.environ.get("SAMSA_BOOTSTRAP", "")
KCAT = os.environ.get("KCAT", "/usr/bin/kcat")
PARTITIONS = int(os.environ.get("SAMSA_PARTITIONS", "3"))
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)
    return condition


def kcat(arguments, input_bytes=None, timeout=60):
    command = [KCAT, "-b", BOOTSTRAP, "-X", "log_level=3"] + arguments
    result = subprocess.run(command, input=input_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=timeout)
    if result.returncode != 0:
        print("kcat %s exited %d: %s" % (" ".join(arguments), result.returncode,
                                         result.stderr.decode("utf-8", "replace")[-2000:]), flush=True)
    return result


def metadata():
    result = kcat(["-L", "-J"])
    check(result.returncode == 0, "kcat -L failed")
    return json.loads(result.stdout.decode()) if result.returncode == 0 else {}


def test_metadata():
    data = metadata()
    brokers = data.get("brokers", [])
    check(len(brokers) == 1, "one broker expected, got %r" % brokers)
    if brokers:
        check(brokers[0]["name"] == BOOTSTRAP, "broker advertises %s, not %s" % (brokers[0]["name"], BOOTSTRAP))


def consume(topic, extra=None, expect_count=None):
    """Returns the messages of topic as (partition, offset, key, value, headers) tuples."""
    arguments = ["-C", "-t", topic, "-e", "-o", "beginning", "-f", "%p\t%o\t%k\t%s\t%h\t%T\n"]
    if extra:
        arguments += extra
    result = kcat(arguments)
    check(result.returncode == 0, "consuming %s failed" % topic)
    messages = []
    for line in result.stdout.decode("utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 6:
            check(False, "unexpected kcat output line %r" % line)
            continue
        messages.append((int(fields[0]), int(fields[1]), fields[2], fields[3], fields[4], int(fields[5])))
    if expect_count is not None:
        check(len(messages) == expect_count, "%s: consumed %d messages, expected %d" % (topic, len(messages), expect_count))
    return messages


def test_produce_consume(codec):
    topic = "kcat-" + codec
    count = 600
    keys = ["key-%d" % (i % 17) for i in range(count)]
    values = ["%s-value-%05d-%s" % (codec, i, "x" * (i % 50)) for i in range(count)]
    payload = "".join("%s\t%s\n" % (k, v) for k, v in zip(keys, values)).encode()
    result = kcat(["-P", "-t", topic, "-K", "\t", "-z", codec, "-H", "trace=abc", "-H", "codec=" + codec,
                   "-X", "linger.ms=5"], payload)
    if not check(result.returncode == 0, "%s: produce failed" % codec):
        return
    messages = consume(topic, expect_count=count)
    partitions_seen = {}
    for partition, offset, key, value, headers, _ in messages:
        partitions_seen.setdefault(partition, []).append((offset, key, value))
        check(headers == "trace=abc,codec=" + codec, "%s: headers %r" % (codec, headers))
    check(set(partitions_seen) <= set(range(PARTITIONS)), "%s: partitions %r" % (codec, sorted(partitions_seen)))
    check(len(partitions_seen) > 1, "%s: 17 keys all landed in one partition" % codec)
    by_key = {}
    for partition, rows in partitions_seen.items():
        offsets = [row[0] for row in rows]
        check(offsets == list(range(len(rows))), "%s: partition %d offsets not contiguous from 0" % (codec, partition))
        for _, key, value in rows:
            by_key.setdefault(key, []).append((partition, value))
    for key, rows in by_key.items():
        check(len({row[0] for row in rows}) == 1, "%s: key %s spread over partitions" % (codec, key))
        expected = [v for k, v in zip(keys, values) if k == key]
        check([row[1] for row in rows] == expected, "%s: key %s not in produce order" % (codec, key))
    check(sorted(v for rows in by_key.values() for _, v in rows) == sorted(values), "%s: value set differs" % codec)

    # Watermarks: kcat -Q with -1 (latest) and -2 (earliest) per partition.
    for logical, expected_of in ((-1, lambda p: len(partitions_seen.get(p, []))), (-2, lambda p: 0)):
        arguments = ["-Q"]
        for partition in range(PARTITIONS):
            arguments += ["-t", "%s:%d:%d" % (topic, partition, logical)]
        offsets = parse_query(kcat(arguments))
        for partition in range(PARTITIONS):
            check(offsets.get((topic, partition)) == [expected_of(partition)],
                  "%s: partition %d offset for %d is %r, expected %d"
                  % (codec, partition, logical, offsets.get((topic, partition)), expected_of(partition)))

    # Relative offset from the end: the last 5 messages of the busiest partition.
    busiest = max(partitions_seen, key=lambda p: len(partitions_seen[p]))
    rows = partitions_seen[busiest]
    tail = kcat(["-C", "-t", topic, "-p", str(busiest), "-e", "-o", "-5", "-f", "%o\n"])
    check(tail.stdout.decode().split() == [str(r[0]) for r in rows[-5:]], "%s: -o -5 gave %r" % (codec, tail.stdout))


def parse_query(result):
    offsets = {}
    for line in result.stdout.decode().splitlines():
        # "topic [partition] offset N"
        parts = line.replace("[", " ").replace("]", " ").split()
        if len(parts) == 4 and parts[2] == "offset":
            offsets.setdefault((parts[0], int(parts[1])), []).append(int(parts[3]))
    return offsets


def test_offsets_by_timestamp():
    topic = "kcat-times"
    first = [("k%d" % i, "early-%d" % i) for i in range(10)]
    second = [("k%d" % i, "late-%d" % i) for i in range(10)]
    kcat(["-P", "-t", topic, "-p", "0", "-K", "\t"], "".join("%s\t%s\n" % kv for kv in first).encode())
    # Messages get their CreateTime from the producer's clock at milliseconds: leave a clear gap
    # so every message of the second batch is stamped after the split point.
    time.sleep(0.05)
    split = int(time.time() * 1000)
    time.sleep(0.05)
    kcat(["-P", "-t", topic, "-p", "0", "-K", "\t"], "".join("%s\t%s\n" % kv for kv in second).encode())
    messages = consume(topic, ["-p", "0"], expect_count=20)
    check(all(m[5] < split for m in messages[:10]) and all(m[5] > split for m in messages[10:]),
          "timestamps do not straddle the split point")
    offsets = parse_query(kcat(["-Q", "-t", "%s:0:%d" % (topic, split)]))
    check(offsets.get((topic, 0)) == [10], "offset for timestamp %d is %r, expected 10" % (split, offsets.get((topic, 0))))
    offsets = parse_query(kcat(["-Q", "-t", "%s:0:%d" % (topic, messages[0][5])]))
    check(offsets.get((topic, 0)) == [0], "offset for the first timestamp is %r, expected 0" % offsets.get((topic, 0)))
    future = int(time.time() * 1000) + 3600 * 1000
    offsets = parse_query(kcat(["-Q", "-t", "%s:0:%d" % (topic, future)]))
    check(offsets.get((topic, 0)) in ([-1], [20]), "offset for a future timestamp is %r" % offsets.get((topic, 0)))


def test_idempotent_producer():
    topic = "kcat-idempotent"
    count = 5000
    values = ["idem-%05d" % i for i in range(count)]
    payload = "".join("k%d\t%s\n" % (i % 11, value) for i, value in enumerate(values)).encode()
    # Small batches and several requests in flight, so sequence numbers are really exercised; the
    # eos debug log shows that librdkafka did get a producer id from InitProducerId.
    result = kcat(["-P", "-t", topic, "-K", "\t", "-X", "enable.idempotence=true", "-X", "linger.ms=2",
                   "-X", "batch.num.messages=50", "-X", "max.in.flight=5", "-d", "eos", "-X", "log_level=7"],
                  payload)
    if not check(result.returncode == 0, "idempotent produce failed"):
        return
    check(b"Acquired PID" in result.stderr, "the idempotent producer did not acquire a producer id")
    messages = consume(topic, expect_count=count)
    received = [m[3] for m in messages]
    check(len(set(received)) == len(received), "idempotent: %d duplicate message(s)" % (len(received) - len(set(received))))
    check(set(received) == set(values), "idempotent: %d message(s) missing" % len(set(values) - set(received)))
    by_partition = {}
    for partition, offset, _, value, _, _ in messages:
        by_partition.setdefault(partition, []).append((offset, int(value.split("-")[1])))
    for partition, rows in by_partition.items():
        check([row[0] for row in rows] == list(range(len(rows))),
              "idempotent: partition %d offsets not contiguous from 0" % partition)
        indexes = [row[1] for row in rows]
        check(indexes == sorted(indexes), "idempotent: partition %d not in produce order" % partition)


def test_metadata_lists_topics():
    names = {t["topic"] for t in metadata().get("topics", [])}
    for codec in ("none", "gzip", "snappy", "lz4", "zstd"):
        check("kcat-" + codec in names, "topic kcat-%s missing from metadata %r" % (codec, sorted(names)))
    for topic in metadata().get("topics", []):
        if topic["topic"].startswith("kcat-"):
            check(len(topic["partitions"]) == PARTITIONS, "%s has %d partitions" % (topic["topic"], len(topic["partitions"])))


def main():
    if not BOOTSTRAP:
        print("SAMSA_BOOTSTRAP is not set: run me through run_with_broker.py", file=sys.stderr)
        return 2
    test_metadata()
    for codec in ("none", "gzip", "snappy", "lz4", "zstd"):
        test_produce_consume(codec)
    test_metadata_lists_topics()
    test_offsets_by_timestamp()
    test_idempotent_producer()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), flush=True)
        return 1
    print("kcat conformance: all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

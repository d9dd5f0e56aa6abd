#!/usr/bin/python3
"""The old message formats (magic 0 and 1, issue 13) against samsa-broker. Run by run_with_broker.py,
which sets SAMSA_BOOTSTRAP (and SAMSA_BROKER_DATA_DIR); KCAT names the kcat binary.

Covers: hand-built Produce v0-v2 requests with message sets of magic 0 and 1 (uncompressed, gzip,
snappy; null keys and tombstones) read back by kcat and kafka-python; hand-built Fetch v0-v3
requests whose message sets a hand-written reader checks (CRC-32, magic, offsets, also from the
middle of a compressed batch and with a small max_bytes); a mixed log of old and new writers read
at every Fetch version; kafka-python pinned to (0, 10, 0) and (0, 9) through a consumer group; kcat
with broker.version.fallback 0.9.0 and 0.10.0 and gzip, snappy, lz4; ListOffsets v0; and the
refusals (bad CRC, Produce v3 with magic 1, message.downconversion.enable=false).
"""

import gzip
import os
import socket
import struct
import subprocess
import sys
import time
import zlib

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.codec import snappy_decode, snappy_encode

BOOTSTRAP = os.environ.get("SAMSA_BOOTSTRAP", "")
KCAT = os.environ.get("KCAT", "kcat")
DATA_DIR = os.environ.get("SAMSA_BROKER_DATA_DIR", "")
FAILURES = []
PARTIAL_TAILS = []  # (where, offset) of each partial trailing message the reader skipped
CODEC_NONE, CODEC_GZIP, CODEC_SNAPPY = 0, 1, 2
CODEC_NAMES = {CODEC_NONE: "none", CODEC_GZIP: "gzip", CODEC_SNAPPY: "snappy"}
API_PRODUCE, API_FETCH, API_LIST_OFFSETS = 0, 1, 2
NO_TIMESTAMP = -1
BASE_TIMESTAMP = 1_700_000_000_000


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)
    return condition


# --- encoding: primitives, messages, requests ------------------------------------------------

def enc_string(text):
    data = text.encode()
    return struct.pack(">h", len(data)) + data


def enc_bytes(data):
    return struct.pack(">i", -1) if data is None else struct.pack(">i", len(data)) + data


def enc_message(offset, magic, attributes, timestamp, key, value, corrupt_crc=False):
    """One message set entry: offset, size, crc, magic, attributes, [timestamp], key, value."""
    body = struct.pack(">bb", magic, attributes)
    if magic == 1:
        body += struct.pack(">q", timestamp)
    body += enc_bytes(key) + enc_bytes(value)
    crc = zlib.crc32(body) & 0xFFFFFFFF
    if corrupt_crc:
        crc ^= 0x1
    message = struct.pack(">I", crc) + body
    return struct.pack(">qi", offset, len(message)) + message


def compress(codec, data):
    if codec == CODEC_GZIP:
        return gzip.compress(data)
    if codec == CODEC_SNAPPY:
        return snappy_encode(data, xerial_compatible=True)
    return data


def enc_message_set(magic, codec, records):
    """records: [(key, value, timestamp)]. Compressed: one wrapper whose inner offsets are 0..n-1
    (relative for magic 1, and what a producer writes as 'absolute' for magic 0)."""
    inner = b"".join(enc_message(i, magic, 0, ts, k, v) for i, (k, v, ts) in enumerate(records))
    if codec == CODEC_NONE:
        return inner
    newest = max(ts for _, _, ts in records)
    return enc_message(len(records) - 1, magic, codec, newest, None, compress(codec, inner))


def enc_request(api_key, version, body, correlation_id=1):
    header = struct.pack(">hhi", api_key, version, correlation_id) + enc_string("legacy-formats")
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def enc_produce(version, topic, partition, records, acks=1):
    body = b""
    if version >= 3:
        body += struct.pack(">h", -1)  # transactional_id null
    body += struct.pack(">hi", acks, 10000)
    body += struct.pack(">i", 1) + enc_string(topic) + struct.pack(">i", 1)
    body += struct.pack(">i", partition) + enc_bytes(records)
    return enc_request(API_PRODUCE, version, body)


def enc_fetch(version, topic, partition, offset, max_bytes):
    body = struct.pack(">iii", -1, 100, 0)
    if version >= 3:
        body += struct.pack(">i", 1 << 24)
    body += struct.pack(">i", 1) + enc_string(topic) + struct.pack(">i", 1)
    body += struct.pack(">iqi", partition, offset, max_bytes)
    return enc_request(API_FETCH, version, body)


def enc_list_offsets_v0(topic, partition, timestamp, max_num):
    body = struct.pack(">i", -1) + struct.pack(">i", 1) + enc_string(topic) + struct.pack(">i", 1)
    body += struct.pack(">iqi", partition, timestamp, max_num)
    return enc_request(API_LIST_OFFSETS, 0, body)


# --- decoding: a reader over a response, responses, message sets -----------------------------

class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values[0] if len(values) == 1 else values

    def string(self):
        length = self.take(">h")
        text = self.data[self.pos:self.pos + length].decode()
        self.pos += length
        return text

    def bytes(self):
        length = self.take(">i")
        if length < 0:
            return None
        data = self.data[self.pos:self.pos + length]
        self.pos += length
        return data


def exchange(request):
    """Sends one request on a fresh connection; returns the response body after the correlation id."""
    host, port = BOOTSTRAP.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        size = struct.unpack(">i", recv_exactly(connection, 4))[0]
        return Reader(recv_exactly(connection, size)[4:])


def recv_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise ConnectionError("connection closed after %d of %d bytes" % (len(data), count))
        data += chunk
    return data


def dec_produce(version, reader):
    """-> (error, base_offset) of the single partition."""
    reader.take(">i")
    reader.string()
    reader.take(">i")
    _, error, base_offset = reader.take(">ihq")
    if version >= 2:
        reader.take(">q")
    return error, base_offset


def dec_fetch(version, reader):
    """-> (error, high_watermark, records bytes) of the single partition."""
    if version >= 1:
        reader.take(">i")
    reader.take(">i")
    reader.string()
    reader.take(">i")
    _, error, high_watermark = reader.take(">ihq")
    return error, high_watermark, reader.bytes() or b""


def dec_list_offsets_v0(reader):
    reader.take(">i")
    reader.string()
    reader.take(">i")
    _, error, count = reader.take(">ihi")
    return error, [reader.take(">q") for _ in range(count)]


def dec_message_set(data, problems, where):
    """Whole entries of a message set as dicts; a partial trailing entry is skipped, as clients do.
    CRC and size problems are appended to problems."""
    messages, pos = [], 0
    while pos + 12 <= len(data):
        offset, size = struct.unpack_from(">qi", data, pos)
        if pos + 12 + size > len(data):
            PARTIAL_TAILS.append((where, offset))
            break
        raw = data[pos + 12:pos + 12 + size]
        pos += 12 + size
        crc = struct.unpack_from(">I", raw, 0)[0]
        if zlib.crc32(raw[4:]) & 0xFFFFFFFF != crc:
            problems.append("%s: bad CRC-32 at offset %d" % (where, offset))
        entry = Reader(raw)
        entry.pos = 4
        magic, attributes = entry.take(">bb")
        timestamp = entry.take(">q") if magic == 1 else None
        key, value = entry.bytes(), entry.bytes()
        if entry.pos != len(raw):
            problems.append("%s: message at offset %d has %d bytes left over" % (where, offset, len(raw) - entry.pos))
        messages.append({"offset": offset, "magic": magic, "attributes": attributes, "timestamp": timestamp,
                         "key": key, "value": value})
    return messages


def decompress(codec, data):
    if codec == CODEC_GZIP:
        return gzip.decompress(data)
    if codec == CODEC_SNAPPY:
        return snappy_decode(data)
    raise ValueError("codec %d not expected here" % codec)


def dec_messages_deep(data, problems, where):
    """The logical messages: wrappers decompressed and inner offsets made absolute (magic 1:
    relative to the wrapper's offset, which is that of the last inner message; magic 0: as is)."""
    result = []
    for message in dec_message_set(data, problems, where):
        codec = message["attributes"] & 0x07
        if codec == CODEC_NONE:
            result.append(message)
            continue
        inner = dec_message_set(decompress(codec, message["value"]), problems, where + " (inner)")
        for item in inner:
            if item["magic"] != message["magic"]:
                problems.append("%s: inner magic %d in a wrapper of magic %d" % (where, item["magic"], message["magic"]))
        if message["magic"] == 1 and inner:
            base = message["offset"] - inner[-1]["offset"]
            for item in inner:
                item["offset"] += base
        result.extend(inner)
    return result


# --- the clients -----------------------------------------------------------------------------

def produce_raw(version, topic, magic, codec, records):
    return dec_produce(version, exchange(enc_produce(version, topic, 0, enc_message_set(magic, codec, records))))


def fetch_raw(version, topic, offset, max_bytes=1 << 20):
    return dec_fetch(version, exchange(enc_fetch(version, topic, 0, offset, max_bytes)))


def kcat(args, stdin=None):
    result = subprocess.run([KCAT, "-b", BOOTSTRAP] + args, input=stdin, capture_output=True, timeout=30)
    check(result.returncode == 0, "kcat %s exited %d: %s" % (" ".join(args), result.returncode,
                                                             result.stderr.decode(errors="replace")[-500:]))
    return result.stdout


def kcat_read(topic, extra=()):
    """-> [(offset, key, value, timestamp)]; None for a null key or value (lengths -1)."""
    # A short fetch wait: -e ends at the first empty answer, which the broker holds that long.
    out = kcat(["-C", "-t", topic, "-p", "0", "-o", "beginning", "-e", "-q", "-X", "fetch.wait.max.ms=20",
                "-f", "%o|%K|%k|%S|%s|%T\n"] + list(extra))
    rows = []
    for line in out.decode().splitlines():
        offset, key_len, key, value_len, value, timestamp = line.split("|")
        rows.append((int(offset), None if key_len == "-1" else key.encode(),
                     None if value_len == "-1" else value.encode(), int(timestamp)))
    return rows


def python_read(topic, count, **config):
    consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False, **config)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    rows, deadline = [], time.monotonic() + 10
    while len(rows) < count and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=200).values():
            rows.extend((r.offset, r.key, r.value, r.timestamp) for r in records)
    consumer.close()
    return rows


def create_topics(names, configs=None):
    admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="legacy-formats", request_timeout_ms=15000)
    admin.create_topics([NewTopic(name, 1, 1, topic_configs=configs or {}) for name in names])
    admin.close()


def expected_rows(records, fetch_magic=None):
    """[(offset, key, value, timestamp)] as a reader of the given magic should see them (None:
    a modern reader). Timestamps: magic 0 has none; a timestamp of None is not checked."""
    rows = []
    for offset, (key, value, timestamp) in enumerate(records):
        if fetch_magic == 0:
            timestamp = "absent"
        rows.append((offset, key, value, timestamp))
    return rows


def compare(label, got, expected):
    if not check(len(got) == len(expected), "%s: %d records, expected %d" % (label, len(got), len(expected))):
        return
    for row, want in zip(got, expected):
        same = row[:3] == want[:3] and (want[3] is None or row[3] == want[3])
        if not check(same, "%s: got %r, expected %r" % (label, row, want)):
            return


def check_fetch(version, topic, records, offset=0, max_bytes=1 << 20, label=""):
    """A raw Fetch of the given version from offset; checks magic, CRCs and consecutive offsets.
    Returns the rows read (offset, key, value, timestamp or 'absent')."""
    magic = 0 if version <= 1 else 1
    where = "Fetch v%d %s from %d%s" % (version, topic, offset, label)
    rows = fetch_rows(version, topic, offset, max_bytes, where)
    compare(where, rows, expected_rows(records, magic)[offset:offset + len(rows)])
    return rows


def fetch_rows(version, topic, offset, max_bytes, where):
    """One raw Fetch: its messages, checked for magic, CRCs and consecutive offsets from offset."""
    magic = 0 if version <= 1 else 1
    error, _, data = fetch_raw(version, topic, offset, max_bytes)
    if not check(error == 0, "%s: error %d" % (where, error)):
        return []
    problems = []
    for message in dec_message_set(data, problems, where):
        check(message["magic"] == magic, "%s: wrapper/message of magic %d" % (where, message["magic"]))
    messages = dec_messages_deep(data, problems, where)
    for problem in problems:
        check(False, problem)
    rows = []
    for index, message in enumerate(messages):
        check(message["magic"] == magic, "%s: message of magic %d" % (where, message["magic"]))
        if not check(message["offset"] == offset + index, "%s: offset %d at position %d" % (where, message["offset"], index)):
            break
        rows.append((message["offset"], message["key"], message["value"],
                     "absent" if message["timestamp"] is None else message["timestamp"]))
    return rows


def check_fetch_all(version, topic, records, offset=0, max_bytes=1 << 20):
    """Fetches from offset to the end as a client does: each Fetch continues after the last whole
    message of the one before (a down-converted answer is cut at the size of the batches read, so
    one Fetch need not hold everything)."""
    magic = 0 if version <= 1 else 1
    where = "Fetch v%d %s from %d to the end, max_bytes %d" % (version, topic, offset, max_bytes)
    rows, position = [], offset
    while position < len(records):
        more = fetch_rows(version, topic, position, max_bytes, where + " (at %d)" % position)
        if not check(more, "%s: no progress at offset %d" % (where, position)):
            break
        rows += more
        position += len(more)
    compare(where, rows, expected_rows(records, magic)[offset:])
    return rows


# --- 1, 2: hand-built Produce v0-v2, read back by kcat, kafka-python and Fetch v0-v3 ----------

def legacy_records(tag, magic, first_timestamp):
    timestamp = lambda i: first_timestamp + i if magic == 1 else NO_TIMESTAMP
    return [(("key-%s-0" % tag).encode(), ("value-%s-0" % tag).encode(), timestamp(0)),
            (None, ("value-%s-1" % tag).encode(), timestamp(1)),
            (("key-%s-2" % tag).encode(), None, timestamp(2))]


def test_produce_and_fetch():
    topic = "legacy-produce"
    create_topics([topic])
    records, compressed_starts = [], []
    for version in (0, 1, 2):
        for magic in (0, 1):
            for codec in (CODEC_NONE, CODEC_GZIP, CODEC_SNAPPY):
                tag = "p%d-m%d-%s" % (version, magic, CODEC_NAMES[codec])
                batch = legacy_records(tag, magic, BASE_TIMESTAMP + 10 * len(records))
                error, base = produce_raw(version, topic, magic, codec, batch)
                check(error == 0 and base == len(records),
                      "Produce v%d %s: error %d, base offset %d (expected %d)" % (version, tag, error, base, len(records)))
                if codec != CODEC_NONE:
                    compressed_starts.append(len(records))
                records += batch
    compare("kcat " + topic, kcat_read(topic), expected_rows(records))
    compare("kafka-python " + topic, python_read(topic, len(records)), expected_rows(records))
    for version in (0, 1, 2, 3):
        check_fetch_all(version, topic, records)
        # From the middle of a compressed batch: the records before the fetch offset stay out.
        for start in compressed_starts:
            check_fetch(version, topic, records, offset=start + 1, label=" (middle of a batch)")
        # max_bytes below one message: the first message set still comes whole.
        middle = compressed_starts[0]
        rows = check_fetch(version, topic, records, offset=middle, max_bytes=1, label=" max_bytes 1")
        check(len(rows) == 3, "Fetch v%d max_bytes 1 at a wrapper: %d messages, expected the 3 of the wrapper"
              % (version, len(rows)))
        # max_bytes 1 all the way: each answer is one stored batch converted and cut at its size,
        # so at magic 1 (bigger than the batch) it ends in a partial message the reader skips.
        check_fetch_all(version, topic, records, max_bytes=1)
    print("partial trailing messages skipped: %d" % len(PARTIAL_TAILS), flush=True)
    return topic, records


# --- 3: a mixed log of old and new writers ----------------------------------------------------

def test_mixed_log():
    topic = "legacy-mixed"
    create_topics([topic])
    records = []
    kcat(["-P", "-t", topic, "-p", "0", "-K", ":"], stdin=b"kcat-k0:kcat-v0\nkcat-k1:kcat-v1\n")
    records += [(b"kcat-k0", b"kcat-v0", None), (b"kcat-k1", b"kcat-v1", None)]
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP)
    for i in range(3):
        producer.send(topic, key=b"py-k%d" % i, value=b"py-v%d" % i, partition=0, timestamp_ms=BASE_TIMESTAMP + 500 + i)
        records.append((b"py-k%d" % i, b"py-v%d" % i, BASE_TIMESTAMP + 500 + i))
    producer.flush()
    producer.close()
    batch = legacy_records("mixed-v0", 0, 0)
    check(produce_raw(0, topic, 0, CODEC_NONE, batch) == (0, len(records)), "mixed: raw Produce v0")
    records += batch
    batch = legacy_records("mixed-v1", 1, BASE_TIMESTAMP + 600)
    check(produce_raw(1, topic, 1, CODEC_GZIP, batch) == (0, len(records)), "mixed: raw Produce v1 gzip")
    records += batch
    producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, api_version=(0, 10, 0))
    for i in range(3):
        producer.send(topic, key=b"old-k%d" % i, value=b"old-v%d" % i, partition=0, timestamp_ms=BASE_TIMESTAMP + 700 + i)
        records.append((b"old-k%d" % i, b"old-v%d" % i, BASE_TIMESTAMP + 700 + i))
    producer.flush()
    producer.close()
    modern = kcat_read(topic)
    compare("kcat " + topic, modern, expected_rows(records))
    for version in (0, 1, 2, 3):
        rows = check_fetch_all(version, topic, records)
        if version >= 2:  # magic 1 keeps every timestamp, also kcat's own
            compare("Fetch v%d %s timestamps against kcat" % (version, topic), rows, modern)


# --- 4: kafka-python pinned to old versions, through a consumer group ------------------------

def group_consume(topic, group, api_version, count):
    consumer = KafkaConsumer(topic, bootstrap_servers=BOOTSTRAP, group_id=group, api_version=api_version,
                             auto_offset_reset="earliest", enable_auto_commit=False)
    rows, deadline = [], time.monotonic() + 15
    while len(rows) < count and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=200).values():
            rows.extend((r.offset, r.key, r.value, "absent" if r.timestamp is None else r.timestamp)
                        for r in records)
    consumer.commit()
    consumer.close()
    return rows


def test_pinned_kafka_python():
    for api_version, magic in (((0, 10, 0), 1), ((0, 9), 0)):
        name = "legacy-pinned-%d" % magic
        create_topics([name])
        records = []
        for compression in (None, "gzip"):
            producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, api_version=api_version, compression_type=compression)
            for i in range(4):
                key, value = b"%s-k%d" % (name.encode(), len(records)), b"v%d-%s" % (i, str(compression).encode())
                producer.send(name, key=key, value=value, partition=0, timestamp_ms=BASE_TIMESTAMP + len(records))
                records.append((key, value, BASE_TIMESTAMP + len(records) if magic == 1 else NO_TIMESTAMP))
            producer.flush()
            producer.close()
        first = group_consume(name, name + "-group", api_version, len(records))
        compare("kafka-python %r group consumer %s" % (api_version, name), first, expected_rows(records, magic))
        producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, api_version=api_version)
        more = []
        for i in range(3):
            producer.send(name, key=b"late-%d" % i, value=b"late-v%d" % i, partition=0, timestamp_ms=BASE_TIMESTAMP + 99)
            more.append((b"late-%d" % i, b"late-v%d" % i, BASE_TIMESTAMP + 99 if magic == 1 else NO_TIMESTAMP))
        producer.flush()
        producer.close()
        second = group_consume(name, name + "-group", api_version, len(more))
        compare("kafka-python %r second group consumer %s (after the commit)" % (api_version, name), second,
                expected_rows(records + more, magic)[len(records):])


# --- 5: kcat with an old broker.version.fallback ---------------------------------------------

def test_kcat_fallback():
    fallbacks, codecs = (("0.9.0", 0), ("0.10.0", 1)), ("gzip", "snappy", "lz4")
    name = lambda fallback, codec: "legacy-kcat-%s-%s" % (fallback.replace(".", "_"), codec)
    create_topics([name(fallback, codec) for fallback, _ in fallbacks for codec in codecs])
    for fallback, magic in fallbacks:
        old = ["-X", "api.version.request=false", "-X", "broker.version.fallback=" + fallback]
        for codec in codecs:
            topic = name(fallback, codec)
            lines = [b"k%d:%s-%s-%d" % (i, fallback.encode(), codec.encode(), i) for i in range(5)]
            kcat(["-P", "-t", topic, "-p", "0", "-K", ":", "-z", codec] + old, stdin=b"\n".join(lines) + b"\n")
            want = [(i, line.split(b":")[0], line.split(b":")[1], None) for i, line in enumerate(lines)]
            modern = kcat_read(topic)
            compare("modern kcat reading %s" % topic, modern, want)
            if magic == 0:
                check(all(row[3] == NO_TIMESTAMP for row in modern), "%s: magic 0 rows with timestamps %r" % (topic, modern))
            else:
                check(all(row[3] > 0 for row in modern), "%s: magic 1 rows without timestamps %r" % (topic, modern))
            compare("kcat fallback %s reading %s" % (fallback, topic), kcat_read(topic, old), want)


# --- 6: ListOffsets v0 -----------------------------------------------------------------------

def segment_bases(topic):
    directory = os.path.join(DATA_DIR, topic + "-0")
    if not check(os.path.isdir(directory), "no partition directory %s" % directory):
        return []
    return sorted((int(name[:-4]) for name in os.listdir(directory) if name.endswith(".log")), reverse=True)


def test_list_offsets_v0():
    topic = "legacy-segments"
    create_topics([topic], {"segment.bytes": "1024"})
    count = 0
    for i in range(12):
        batch = [(b"k%d" % i, b"x" * 200, NO_TIMESTAMP)]
        error, _ = produce_raw(0, topic, 0, CODEC_NONE, batch)
        check(error == 0, "segments: Produce v0 error %d" % error)
        count += 1
    bases = segment_bases(topic)
    check(len(bases) > 2, "segment.bytes 1024 should give several segments, got %r" % bases)
    answer = lambda timestamp, max_num: dec_list_offsets_v0(exchange(enc_list_offsets_v0(topic, 0, timestamp, max_num)))
    check(answer(-2, 1) == (0, [0]), "ListOffsets v0 earliest: %r" % (answer(-2, 1),))
    check(answer(-1, 1) == (0, [count]), "ListOffsets v0 latest, 1: %r (high watermark %d)" % (answer(-1, 1), count))
    want = ([count] + bases)[:10]
    check(answer(-1, 10) == (0, want), "ListOffsets v0 latest, 10: %r, expected %r" % (answer(-1, 10), want))


# --- 7: refusals -----------------------------------------------------------------------------

def test_refusals():
    topic = "legacy-refusals"
    create_topics([topic])
    bad = enc_message(0, 1, 0, BASE_TIMESTAMP, b"k", b"v", corrupt_crc=True)
    error, _ = dec_produce(2, exchange(enc_produce(2, topic, 0, bad)))
    check(error == 2, "Produce v2 with a bad CRC: error %d, expected CORRUPT_MESSAGE (2)" % error)
    good = enc_message_set(1, CODEC_NONE, [(b"k", b"v", BASE_TIMESTAMP)])
    error, _ = dec_produce(3, exchange(enc_produce(3, topic, 0, good)))
    check(error == 87, "Produce v3 with magic 1: error %d, expected INVALID_RECORD (87)" % error)
    check(fetch_raw(3, topic, 0)[0] == 0 and fetch_raw(3, topic, 0)[2] == b"",
          "the refused messages were not stored, or the topic cannot be read")

    closed = "legacy-no-downconversion"
    create_topics([closed], {"message.downconversion.enable": "false"})
    kcat(["-P", "-t", closed, "-p", "0", "-K", ":"], stdin=b"a:1\nb:2\n")
    error = fetch_raw(3, closed, 0)[0]
    check(error == 35, "Fetch v3 with message.downconversion.enable=false: error %d, expected 35" % error)
    compare("kcat reading " + closed, kcat_read(closed), [(0, b"a", b"1", None), (1, b"b", b"2", None)])


# --- 8: the format configs, as Kafka 3.x describes them ---------------------------------------

def described(admin, resource_type, name):
    entries = {}
    for resource in admin.describe_configs([ConfigResource(resource_type, name)])[0].resources:
        check(resource[0] == 0, "describe_configs %s: error %r" % (name, resource[0]))
        entries.update({entry[0]: entry[1] for entry in resource[4]})
    return entries


def test_format_configs():
    admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="legacy-formats", request_timeout_ms=15000)
    try:
        topic = described(admin, ConfigResourceType.TOPIC, "legacy-no-downconversion")
        check(topic.get("message.format.version") == "3.0-IV1",
              "topic message.format.version is %r" % topic.get("message.format.version"))
        check(topic.get("message.downconversion.enable") == "false",
              "topic message.downconversion.enable is %r" % topic.get("message.downconversion.enable"))
        node = admin.describe_cluster()["brokers"][0]["node_id"]
        broker = described(admin, ConfigResourceType.BROKER, str(node))
        check(broker.get("log.message.format.version") == "3.0-IV1",
              "broker log.message.format.version is %r" % broker.get("log.message.format.version"))
        check(broker.get("log.message.downconversion.enable") == "true",
              "broker log.message.downconversion.enable is %r" % broker.get("log.message.downconversion.enable"))
    finally:
        admin.close()


def main():
    if not BOOTSTRAP:
        print("SAMSA_BOOTSTRAP is not set: run me through run_with_broker.py", file=sys.stderr)
        return 2
    started = time.monotonic()
    for test in (test_produce_and_fetch, test_mixed_log, test_pinned_kafka_python, test_kcat_fallback,
                 test_list_offsets_v0, test_refusals, test_format_configs):
        began = time.monotonic()
        try:
            test()
        except Exception as error:  # a crash in one part is reported, the others still run
            check(False, "%s raised %r" % (test.__name__, error))
        print("%s: %.1f s" % (test.__name__, time.monotonic() - began), flush=True)
    print("legacy_formats: %d failures in %.1f s" % (len(FAILURES), time.monotonic() - started), flush=True)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

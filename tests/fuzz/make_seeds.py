#!/usr/bin/python3
"""Writes the generated seed corpora of tests/fuzz/corpus/ (run from anywhere; idempotent).

avro/: each schema of tests/data/avro/schemas with a few of its recorded datums (Confluent framing
removed) and schemas covering every type and logical type with a hand-made datum; http/: typical
registry requests; json/: small documents of every kind; batches/, offsetsreplay/, schemasreplay/:
record batches (see batches() below). Seeds are small: libFuzzer grows its own corpus from them. Needs Debian's python3-snappy,
python3-lz4 and python3-zstandard (setup-deps) for the compressed batches.
"""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')


def write(target, name, data):
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def avro():
    seen = {}
    with open(os.path.join(DATA, 'avro', 'messages.jsonl')) as f:
        for line in f:
            message = json.loads(line)
            count = seen.get(message['schema_id'], 0)
            if count >= 3:
                continue
            seen[message['schema_id']] = count + 1
            with open(os.path.join(DATA, 'avro', 'schemas', '%d.avsc' % message['schema_id']), 'rb') as s:
                schema = s.read().strip()
            datum = bytes.fromhex(message['wire_hex'])[5:]
            write('avro', 'recorded-%d-%d' % (message['schema_id'], count), schema + b'\0' + datum)
    handmade = {
        'primitives': ('{"type":"record","name":"P","fields":[{"name":"b","type":"boolean"},{"name":"i","type":"int"},'
                       '{"name":"l","type":"long"},{"name":"f","type":"float"},{"name":"d","type":"double"},'
                       '{"name":"s","type":"string"},{"name":"y","type":"bytes"},{"name":"n","type":"null"}]}',
                       b'\x01\x02\x04' + struct.pack('<f', 1.5) + struct.pack('<d', -2.25) + b'\x02a\x04\x00\xff'),
        'complex': ('{"type":"record","name":"C","namespace":"x","fields":[{"name":"a","type":{"type":"array","items":"int"}},'
                    '{"name":"m","type":{"type":"map","values":"string"}},{"name":"e","type":{"type":"enum","name":"E",'
                    '"symbols":["A","B"]}},{"name":"u","type":["null","string","long"]},'
                    '{"name":"x","type":{"type":"fixed","name":"F","size":2}}]}',
                    b'\x04\x02\x04\x00' + b'\x02\x02k\x02v\x00' + b'\x02' + b'\x02\x02z' + b'ab'),
        'logical': ('{"type":"record","name":"L","fields":[{"name":"dec","type":{"type":"bytes","logicalType":"decimal",'
                    '"precision":9,"scale":2}},{"name":"day","type":{"type":"int","logicalType":"date"}},'
                    '{"name":"tm","type":{"type":"int","logicalType":"time-millis"}},'
                    '{"name":"tu","type":{"type":"long","logicalType":"time-micros"}},'
                    '{"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},'
                    '{"name":"tsu","type":{"type":"long","logicalType":"timestamp-micros"}},'
                    '{"name":"tsn","type":{"type":"long","logicalType":"timestamp-nanos"}},'
                    '{"name":"lt","type":{"type":"long","logicalType":"local-timestamp-millis"}},'
                    '{"name":"id","type":{"type":"string","logicalType":"uuid"}},'
                    '{"name":"dur","type":{"type":"fixed","name":"D","size":12,"logicalType":"duration"}},'
                    '{"name":"fd","type":{"type":"fixed","name":"FD","size":4,"logicalType":"decimal","precision":8,"scale":3}}]}',
                    b'\x04\x30\x39' + b'\x02' + b'\x04' + b'\x06' + b'\x08' + b'\x0a' + b'\x0c' + b'\x0e'
                    + b'\x48' + b'123e4567-e89b-12d3-a456-426614174000' + bytes(range(12)) + b'\x00\x00\x30\x39'),
        'recursive': ('{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},'
                      '{"name":"next","type":["null","Node"]}]}', b'\x02\x02\x04\x02\x06\x00'),
        'string-root': ('"string"', b'\x06abc'),
        'union-root': ('["null",{"type":"array","items":"double"}]', b'\x02\x02' + struct.pack('<d', 3.0) + b'\x00'),
    }
    for name, (schema, datum) in handmade.items():
        write('avro', name, schema.encode() + b'\0' + datum)


def http():
    requests = {
        'get-subjects': b'GET /subjects HTTP/1.1\r\nHost: x\r\n\r\n',
        'register': b'POST /subjects/orders-value/versions HTTP/1.1\r\nHost: x\r\n'
                    b'Content-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: 20\r\n\r\n'
                    b'{"schema":"\\"int\\""}',
        'chunked': b'POST /compatibility/subjects/a%2Fb/versions/latest?verbose=true HTTP/1.1\r\n'
                   b'Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n'
                   b'5\r\n{"sch\r\n10;ext=1\r\nema":"\\"long\\""}\r\n0\r\nTrailer: x\r\n\r\n',
        'pipelined': b'GET /config HTTP/1.1\r\n\r\nDELETE /subjects/x?permanent=true HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'
                     b'HEAD /schemas/ids/1 HTTP/1.1\r\nConnection: close\r\n\r\n',
        'two-lengths': b'PUT /config HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x',
        'auth': b'GET /schemas/ids/1/versions HTTP/1.1\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n',
    }
    for name, text in requests.items():
        # First byte 0: no read sizes, the request arrives whole; then the same with reads of 1..7 bytes.
        write('http', name, b'\x00' + text)
        write('http', name + '-split', b'\x07' + bytes([0, 1, 2, 3, 4, 5, 6]) + text)


def json_docs():
    docs = {
        'object': b'{"a":1,"b":[true,false,null],"c":{"d":"e\\u00e9\\ud83d\\ude00"},"f":-1.5e-3}',
        'numbers': b'[0,-0,1e400,-1e400,9223372036854775807,9223372036854775808,-9223372036854775808,1.0,0.1,5e-324]',
        'strings': b'["\\"\\\\\\/\\b\\f\\n\\r\\t","\xc3\xa9","\xf0\x9f\x98\x80","\\ud800"]',
        'nested': b'[' * 40 + b']' * 40,
        'registry': b'{"schema":"{\\"type\\":\\"record\\",\\"name\\":\\"r\\",\\"fields\\":[]}","schemaType":"AVRO","references":[]}',
        'duplicate': b'{"a":1,"a":2}',
    }
    for name, text in docs.items():
        write('json', name, text)


def varint(value):
    value = (value << 1) ^ (value >> 63)
    out = b''
    while True:
        byte = value & 0x7f
        value >>= 7
        if value:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def record(delta, key, value):
    body = b'\x00' + varint(0) + varint(delta)
    body += varint(-1) if key is None else varint(len(key)) + key
    body += varint(-1) if value is None else varint(len(value)) + value
    body += varint(0)  # headers
    return varint(len(body)) + body


def batch(records, attributes=0, records_bytes=None):
    """A v2 batch; CRC left zero: the targets fix it (fuzzsupport.h fixBatches)."""
    payload = records_bytes if records_bytes is not None else b''.join(record(i, k, v) for i, (k, v) in enumerate(records))
    after_crc = struct.pack('>hiqqqhi', attributes, len(records) - 1, 1700000000000, 1700000000000, -1, -1, -1)
    after_crc += struct.pack('>i', len(records)) + payload
    length = 4 + 1 + 4 + len(after_crc)
    return struct.pack('>qiib', 0, length, 0, 2) + b'\0\0\0\0' + after_crc


def offset_key(group, topic, partition):
    s = lambda t: struct.pack('>h', len(t)) + t
    return struct.pack('>h', 1) + s(group) + s(topic) + struct.pack('>i', partition)


def batches():
    plain = [(b'k%d' % i, b'value %d' % i) for i in range(3)]
    # First byte: how fuzz_batches treats the rest (fix CRC and offsets: 3).
    write('batches', 'uncompressed', b'\x03' + batch(plain) + batch([(None, b'x')]))
    write('batches', 'gzip', b'\x03' + batch(plain, 1, zlib.compress(b''.join(record(i, k, v) for i, (k, v) in enumerate(plain)))))
    try:
        import snappy
        import lz4.frame
        import zstandard
        raw = b''.join(record(i, k, v) for i, (k, v) in enumerate(plain))
        block = snappy.compress(raw)  # Kafka's snappy: xerial framing around raw blocks
        xerial = b'\x82SNAPPY\x00' + struct.pack('>ii', 1, 1) + struct.pack('>i', len(block)) + block
        write('batches', 'snappy', b'\x03' + batch(plain, 2, xerial))
        write('batches', 'lz4', b'\x03' + batch(plain, 3, lz4.frame.compress(raw)))
        write('batches', 'zstd', b'\x03' + batch(plain, 4, zstandard.ZstdCompressor().compress(raw)))
    except ImportError:
        pass
    offsets = [(offset_key(b'g', b't', 0), struct.pack('>hqihq', 3, 42, -1, 0, 1700000000000)),
               (struct.pack('>hh', 2, 1) + b'g', None)]
    write('offsetsreplay', 'commit', b'\x03' + batch(offsets))
    write('schemasreplay', 'schema', b'\x03' + batch([
        (b'{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}',
         b'{"subject":"s","version":1,"id":1,"schema":"\\"int\\"","deleted":false}'),
        (b'{"keytype":"CONFIG","subject":null,"magic":0}', b'{"compatibilityLevel":"FULL"}'),
        (b'{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}', b'{"subject":"s","version":1}'),
        (b'{"keytype":"NOOP","magic":0}', None)]))


if __name__ == '__main__':
    avro()
    http()
    json_docs()
    batches()

#!/usr/bin/python3
"""python3-confluent-kafka's SchemaRegistryClient against the broker's embedded schema registry.

Run by run_with_broker.py --schema-registry, which sets SCHEMA_REGISTRY_URL and SAMSA_BOOTSTRAP. Uses
the client only (its Avro serializer needs fastavro, which Debian lacks), and kcat ($KCAT) to check
the records of the _schemas topic and that a client cannot write there. Exits non-zero on
the first failure.
"""

import json
import os
import shutil
import subprocess
import sys

from confluent_kafka.admin import AdminClient
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

URL = os.environ["SCHEMA_REGISTRY_URL"]
BOOTSTRAP = os.environ["SAMSA_BOOTSTRAP"]
KCAT = os.environ.get("KCAT") or shutil.which("kcat")

ORDER_V1 = {
    "type": "record", "name": "Order", "namespace": "samsa.test",
    "fields": [{"name": "id", "type": "long"}, {"name": "customer", "type": "string"}],
}
ORDER_V2 = dict(ORDER_V1, fields=ORDER_V1["fields"] + [{"name": "note", "type": ["null", "string"], "default": None}])
ORDER_BAD = dict(ORDER_V1, fields=ORDER_V1["fields"] + [{"name": "amount", "type": "double"}])


def check(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr, flush=True)
        sys.exit(1)


def expect_error(code, call, *args):
    try:
        call(*args)
    except SchemaRegistryError as error:
        check(error.error_code == code, "expected error %d, got %d (%s)" % (code, error.error_code, error.error_message))
        return
    check(False, "expected error %d, the call succeeded" % code)


def same_schema(text, expected):
    return json.loads(text) == expected


def read_schemas_topic():
    output = subprocess.run([KCAT, "-q", "-b", BOOTSTRAP, "-X", "log_level=3", "-C", "-t", "_schemas", "-e",
                             "-o", "beginning", "-f", "%k\t%s\n"], check=True, capture_output=True, text=True).stdout
    return [line.split("\t", 1) for line in output.splitlines() if line]


def check_topic_format(client):
    """The _schemas topic holds Confluent's records, and only the registry writes there."""
    records = read_schemas_topic()
    schema_records = [(json.loads(k), json.loads(v) if v else None) for k, v in records
                      if json.loads(k).get("keytype") == "SCHEMA"]
    check(schema_records, "no SCHEMA records in _schemas: %r" % records[:3])
    key, value = schema_records[0]
    check(set(key) == {"keytype", "subject", "version", "magic"} and key["magic"] == 1, "SCHEMA key %r" % key)
    check(set(value) >= {"subject", "version", "id", "schema", "deleted"}, "SCHEMA value %r" % value)
    check(json.loads(value["schema"]) == ORDER_V1, "stored schema %s" % value["schema"])
    configs = [json.loads(k) for k, v in records if json.loads(k).get("keytype") == "CONFIG"]
    check(any(c.get("subject") == "orders-value" for c in configs), "no CONFIG record: %r" % configs)

    # A client may read the topic but not write it: the registry is its one writer, so that no id
    # can ever name two schemas. (Reading records another registry wrote is tested on disk, in
    # tst_broker_internaltopics.)
    schema = {"type": "record", "name": "Shared", "fields": [{"name": "n", "type": "int"}]}
    written = [
        ({"keytype": "SCHEMA", "subject": "shared-value", "version": 1, "magic": 1},
         {"subject": "shared-value", "version": 1, "id": 500, "schema": json.dumps(schema), "deleted": False}),
    ]
    lines = "".join(json.dumps(k) + "\t" + json.dumps(v) + "\n" for k, v in written)
    subprocess.run([KCAT, "-q", "-b", BOOTSTRAP, "-X", "log_level=0", "-P", "-t", "_schemas", "-K", "\t"],
                   input=lines, text=True, capture_output=True)
    check(len(read_schemas_topic()) == len(records), "a client's records were stored in _schemas")
    expect_error(40401, client.get_latest_version, "shared-value")
    # New ids continue after the largest one in the topic (2).
    other = {"type": "record", "name": "Later", "fields": []}
    check(client.register_schema("later-value", Schema(json.dumps(other), "AVRO")) == 3, "id after 2")


def check_topic_deleted(client):
    """A client deleting _schemas does not break the registry: the topic comes back on the next write."""
    admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
    admin.delete_topics(["_schemas"])["_schemas"].result(timeout=10)
    schema = {"type": "record", "name": "AfterDelete", "fields": []}
    new_id = client.register_schema("after-delete", Schema(json.dumps(schema), "AVRO"))
    check(new_id == 4, "id after the topic was deleted: %d" % new_id)
    check(client.get_latest_version("after-delete").schema_id == new_id, "latest after the topic was deleted")
    # What the deleted topic held was written back, so it survives a restart.
    subjects = {json.loads(k).get("subject") for k, _ in read_schemas_topic()}
    check({"after-delete", "later-value"} <= subjects, "recreated _schemas holds %r" % subjects)


def main():
    # Two clients: the second has an empty cache, so every answer below comes from the server.
    writer = SchemaRegistryClient({"url": URL})
    client = SchemaRegistryClient({"url": URL})
    subject = "orders-value"

    first = writer.register_schema(subject, Schema(json.dumps(ORDER_V1), "AVRO"))
    check(first > 0, "register returned id %r" % first)
    # The same schema, written another way, is the same id.
    again = client.register_schema(subject, Schema(json.dumps(ORDER_V1, indent=4, sort_keys=True), "AVRO"))
    check(again == first, "re-registering gave id %d, not %d" % (again, first))

    fetched = client.get_schema(first)
    check(same_schema(fetched.schema_str, ORDER_V1), "get_schema returned %s" % fetched.schema_str)
    check(fetched.schema_type == "AVRO", "schema type %r" % fetched.schema_type)

    latest = client.get_latest_version(subject)
    check((latest.schema_id, latest.subject, latest.version) == (first, subject, 1),
          "latest is %r" % ((latest.schema_id, latest.subject, latest.version),))

    check(client.set_compatibility(subject_name=subject, level="backward") == {"compatibility": "BACKWARD"},
          "set_compatibility")
    check(client.get_compatibility(subject) == "BACKWARD", "get_compatibility")
    check(client.test_compatibility(subject, Schema(json.dumps(ORDER_V2), "AVRO")) is True,
          "an optional field with a default should be backward compatible")
    check(client.test_compatibility(subject, Schema(json.dumps(ORDER_BAD), "AVRO")) is False,
          "a new field without a default should not be backward compatible")
    expect_error(409, client.register_schema, subject, Schema(json.dumps(ORDER_BAD), "AVRO"))

    second = client.register_schema(subject, Schema(json.dumps(ORDER_V2), "AVRO"))
    check(second != first, "a new schema got the old id")
    check(client.get_versions(subject) == [1, 2], "versions %r" % client.get_versions(subject))
    version = client.get_version(subject, 2)
    check(version.schema_id == second and same_schema(version.schema.schema_str, ORDER_V2), "get_version(2)")
    found = client.lookup_schema(subject, Schema(json.dumps(ORDER_V1), "AVRO"))
    check((found.schema_id, found.version) == (first, 1), "lookup_schema")
    check(subject in client.get_subjects(), "get_subjects %r" % client.get_subjects())
    check(client.test_compatibility(subject, Schema(json.dumps(ORDER_V1), "AVRO"), version=1) is True,
          "test_compatibility against version 1")

    # Errors the client surfaces with the registry's codes.
    expect_error(40401, client.get_latest_version, "no-such-subject")
    expect_error(40403, client.get_schema, 987654)
    expect_error(42201, client.register_schema, "broken", Schema('{"type": "record", "name": "X"}', "AVRO"))
    expect_error(42203, client.set_compatibility, None, "SOMETIMES")

    # Deletes.
    check(client.delete_version(subject, 1) == 1, "delete_version")
    check(client.get_versions(subject) == [2], "versions after delete %r" % client.get_versions(subject))
    check(client.delete_subject(subject) == [2], "delete_subject")
    expect_error(40401, client.get_versions, subject)
    # This client's permanent delete soft-deletes first, then deletes for good.
    client.register_schema("short-lived", Schema(json.dumps(ORDER_V1), "AVRO"))
    check(client.delete_subject("short-lived", permanent=True) == [1], "permanent delete_subject")
    check("short-lived" not in client.get_subjects(), "a permanently deleted subject is listed")
    check_topic_format(client)
    check_topic_deleted(client)
    print("confluent_registry: all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

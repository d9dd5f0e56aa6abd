#!/usr/bin/python3
"""python3-confluent-kafka's SchemaRegistryClient with basic.auth.user.info against a broker with SASL users.

Run by run_with_broker.py --schema-registry --set sasl.plain.users=alice:s3cret,bob:pw: the registry
must then want HTTP basic auth as one of those users (as Confluent's with authentication.method=BASIC),
answering 401 to no credentials and to a wrong password. Exits non-zero on the first failure.
"""

import os
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

URL = os.environ["SCHEMA_REGISTRY_URL"]
SCHEMA = Schema('{"type":"record","name":"Guarded","fields":[{"name":"id","type":"long"}]}', "AVRO")


def check(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr, flush=True)
        sys.exit(1)


def expect_unauthorized(client, what):
    try:
        client.get_subjects()
    except SchemaRegistryError as error:
        check(error.http_status_code == 401, "%s: expected HTTP 401, got %s (%s)"
              % (what, error.http_status_code, error.error_message))
        return
    check(False, "%s: the registry answered without valid credentials" % what)


def main():
    alice = SchemaRegistryClient({"url": URL, "basic.auth.user.info": "alice:s3cret"})
    schema_id = alice.register_schema("guarded-value", SCHEMA)
    check(schema_id > 0, "register_schema gave id %r" % schema_id)
    bob = SchemaRegistryClient({"url": URL, "basic.auth.user.info": "bob:pw"})
    check(bob.get_subjects() == ["guarded-value"], "bob lists %r" % bob.get_subjects())
    check(bob.get_schema(schema_id).schema_str == SCHEMA.schema_str, "bob reads another schema")

    expect_unauthorized(SchemaRegistryClient({"url": URL}), "no credentials")
    expect_unauthorized(SchemaRegistryClient({"url": URL, "basic.auth.user.info": "alice:wrong"}), "wrong password")
    expect_unauthorized(SchemaRegistryClient({"url": URL, "basic.auth.user.info": "mallory:s3cret"}), "unknown user")
    try:
        SchemaRegistryClient({"url": URL, "basic.auth.user.info": "alice:wrong"}).register_schema("other-value", SCHEMA)
        check(False, "a write with a wrong password succeeded")
    except SchemaRegistryError as error:
        check(error.http_status_code == 401, "write with a wrong password: HTTP %s" % error.http_status_code)
    check(alice.get_subjects() == ["guarded-value"], "subjects after refused writes: %r" % alice.get_subjects())
    print("confluent_registry_auth: ok")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""kafka-python 2.0.2's KafkaAdminClient managing ACLs on samsa-broker with the standard authorizer
(run by run_with_broker.py with SASL PLAIN users admin and alice, admin a super user).

Covers: create_acls (literal and prefixed), describe_acls with ANY and MATCH filters, a principal
without ALTER/DESCRIBE on the cluster refused with ClusterAuthorizationFailedError, alice producing
to a topic she may only read (TopicAuthorizationFailedError), delete_acls, and the ACLs gone after.
"""

import os
import sys

from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import (ACL, ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType, NewTopic,
                         ResourcePattern, ResourcePatternFilter, ResourceType)
from kafka.errors import ClusterAuthorizationFailedError, KafkaError, TopicAuthorizationFailedError

BOOTSTRAP = os.environ.get("SAMSA_BOOTSTRAP", "")
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, file=sys.stderr, flush=True)


def credentials(user):
    return dict(bootstrap_servers=BOOTSTRAP, security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN",
                sasl_plain_username=user, sasl_plain_password=user + "-pw")


def any_filter(principal=None, name=None, pattern=ACLResourcePatternType.ANY):
    return ACLFilter(principal=principal, host=None, operation=ACLOperation.ANY,
                     permission_type=ACLPermissionType.ANY,
                     resource_pattern=ResourcePatternFilter(ResourceType.ANY, name, pattern))


def main():
    admin = KafkaAdminClient(**credentials("admin"))
    admin.create_topics([NewTopic("kp-acl-topic", 1, 1)])
    read_topic = ACL(principal="User:alice", host="*", operation=ACLOperation.READ,
                     permission_type=ACLPermissionType.ALLOW,
                     resource_pattern=ResourcePattern(ResourceType.TOPIC, "kp-acl-topic"))
    prefixed_group = ACL(principal="User:alice", host="*", operation=ACLOperation.READ,
                         permission_type=ACLPermissionType.ALLOW,
                         resource_pattern=ResourcePattern(ResourceType.GROUP, "kp-",
                                                          ACLResourcePatternType.PREFIXED))
    created = admin.create_acls([read_topic, prefixed_group])
    check(len(created["succeeded"]) == 2 and not created["failed"], "create_acls: %r" % (created,))

    acls, error = admin.describe_acls(any_filter())
    check(error is KafkaError or error.errno == 0, "describe_acls error %r" % (error,))
    check(len(acls) == 2, "describe_acls ANY: %d ACLs, expected 2" % len(acls))
    names = sorted((a.resource_pattern.resource_name, a.resource_pattern.pattern_type) for a in acls)
    check(names == [("kp-", ACLResourcePatternType.PREFIXED), ("kp-acl-topic", ACLResourcePatternType.LITERAL)],
          "describe_acls names: %r" % (names,))
    # MATCH: the prefixed group ACL applies to group kp-readers.
    acls, _ = admin.describe_acls(any_filter(name="kp-readers", pattern=ACLResourcePatternType.MATCH))
    check([a.resource_pattern.resource_name for a in acls] == ["kp-"], "describe_acls MATCH: %r" % (acls,))

    alice_admin = KafkaAdminClient(**credentials("alice"))
    try:
        alice_admin.describe_acls(any_filter())
        check(False, "alice may describe ACLs without DESCRIBE on the cluster")
    except ClusterAuthorizationFailedError:
        pass
    alice_admin.close()

    producer = KafkaProducer(max_block_ms=10000, retries=0, **credentials("alice"))
    try:
        producer.send("kp-acl-topic", b"refused").get(timeout=10)
        check(False, "alice produced to a topic she may only read")
    except TopicAuthorizationFailedError:
        pass
    producer.close(timeout=5)

    results = admin.delete_acls([any_filter(principal="User:alice")])
    check(len(results) == 1 and len(results[0][1]) == 2, "delete_acls: %r" % (results,))
    acls, _ = admin.describe_acls(any_filter())
    check(acls == [], "ACLs left after delete_acls: %r" % (acls,))
    admin.close()


if __name__ == "__main__":
    if not BOOTSTRAP:
        print("SAMSA_BOOTSTRAP is not set", file=sys.stderr)
        sys.exit(2)
    main()
    if FAILURES:
        sys.exit(1)
    print("kafka-python ACLs: all checks passed")

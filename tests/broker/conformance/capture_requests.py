#!/usr/bin/python3
"""Captures real clients' request frames as fixtures for tst_protocolfixtures.

usage: capture_requests.py BUILD_DIR [OUT_DIR]

Runs the conformance scripts (kcat, kafka-python, kafkajs, with their group scripts) and the
librdkafka tests against samsa-broker with SAMSA_BROKER_CAPTURE_DIR set: the broker keeps the
first frame of each client id, API and version. Each frame is then filed as
OUT_DIR/<client>/<api key>-<api name>-v<version>.bin, client being librdkafka, kafka-python or
kafkajs (the client the script drives), the first one seen winning. OUT_DIR defaults to
tests/data/kafka-requests. Run it again after a client upgrade; the files are the test's input.
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
PYTHON = "/usr/bin/python3"
NPM = os.path.join(SOURCE, ".npm-peers", "node_modules")

API_NAMES = {
    0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 8: "OffsetCommit", 9: "OffsetFetch",
    10: "FindCoordinator", 11: "JoinGroup", 12: "Heartbeat", 13: "LeaveGroup", 14: "SyncGroup",
    15: "DescribeGroups", 16: "ListGroups", 17: "SaslHandshake", 18: "ApiVersions", 19: "CreateTopics",
    20: "DeleteTopics", 21: "DeleteRecords", 22: "InitProducerId", 32: "DescribeConfigs",
    33: "AlterConfigs", 35: "DescribeLogDirs", 36: "SaslAuthenticate", 37: "CreatePartitions",
    42: "DeleteGroups", 44: "IncrementalAlterConfigs", 47: "OffsetDelete", 60: "DescribeCluster",
}


def file_frames(capture, folder):
    """Files each captured frame as <api key>-<api name>-v<version>.bin; returns how many were new."""
    kept = 0
    for name in sorted(os.listdir(capture)):
        _client, key, version = name[:-len(".bin")].rsplit("-", 2)
        key = int(key)
        if key not in API_NAMES:
            continue
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, "%d-%s-%s.bin" % (key, API_NAMES[key], version))
        if not os.path.exists(target):
            shutil.copyfile(os.path.join(capture, name), target)
            kept += 1
    return kept


def run(out, family, command, env, via_broker=None, broker_args=()):
    """Runs command with a capture directory of its own and files what it captured under family."""
    capture = tempfile.mkdtemp(prefix="samsa-capture-")
    env = dict(os.environ, SAMSA_BROKER_CAPTURE_DIR=capture, **env)
    if via_broker:
        command = [PYTHON, os.path.join(HERE, "run_with_broker.py"), via_broker, *broker_args, "--", *command]
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
    kept = file_frames(capture, os.path.join(out, family))
    shutil.rmtree(capture)
    print("%s %s: %d new" % ("ok" if result.returncode == 0 else "FAILED", os.path.basename(command[-1]), kept),
          flush=True)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    build = os.path.abspath(sys.argv[1])
    out = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(SOURCE, "tests", "data", "kafka-requests")
    broker = os.path.join(build, "bin", "samsa-broker")
    kcat = shutil.which("kcat")
    node = shutil.which("node")
    if kcat:
        run(out, "librdkafka", [PYTHON, os.path.join(HERE, "kcat_conformance.py")], {"KCAT": kcat}, broker,
            ["--set", "num.partitions=3"])
    for test in ("tst_broker_adminapis", "tst_librdkafka_conformance", "tst_librdkafka_groups"):
        path = os.path.join(build, "tests", "broker", test)
        if os.path.exists(path):
            run(out, "librdkafka", [path], {"QT_QPA_PLATFORM": "offscreen", "SAMSA_BROKER_BIN": broker})
    for script in ("kafkapython_conformance.py", "kafkapython_groups.py"):
        run(out, "kafka-python", [PYTHON, os.path.join(HERE, script)], {}, broker)
    if node and os.path.isdir(os.path.join(NPM, "kafkajs")):
        for script in ("kafkajs_conformance.js", "kafkajs_groups.js"):
            run(out, "kafkajs", [node, os.path.join(HERE, script)], {"NODE_PATH": NPM, "KCAT": kcat or ""}, broker)
    return 0


if __name__ == "__main__":
    sys.exit(main())

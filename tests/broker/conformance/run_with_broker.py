#!/usr/bin/python3
"""Runs one client script against a freshly started samsa-broker, for ctest.

usage: run_with_broker.py BROKER_BIN [--mock] [--schema-registry] [--set KEY=VALUE]... -- COMMAND [ARG]...

Starts BROKER_BIN with a fresh temporary --data-dir and --listen 127.0.0.1:0, waits for its
"samsa-broker ready HOST:PORT" line, runs COMMAND with SAMSA_BOOTSTRAP=HOST:PORT (plus
SAMSA_BROKER_BIN, SAMSA_BROKER_PID and SAMSA_BROKER_DATA_DIR) in its environment, then stops the
broker with SIGTERM and requires exit code 0. The exit code is the command's, or 1 when the broker
misbehaved. With --mock, BROKER_BIN is bench/broker's mock-cluster program (librdkafka's mock
cluster): it gets no arguments and its ready line starts with "mock-cluster ready"; useful to check
a client script's own logic where the mock serves the APIs it uses. With --schema-registry the
broker also serves its schema registry on a free port, given to COMMAND as
SCHEMA_REGISTRY_URL=http://HOST:PORT (read from the broker's "schema registry listening on" log line);
without it the registry is off.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

READY_PREFIXES = ("samsa-broker ready ", "mock-cluster ready ")
READY_TIMEOUT_S = 20
COMMAND_TIMEOUT_S = 150
STOP_TIMEOUT_S = 15


def fail(message):
    print("run_with_broker: " + message, file=sys.stderr, flush=True)


def parse(argv):
    if "--" not in argv or argv.index("--") < 2:
        fail("usage: run_with_broker.py BROKER_BIN [--mock] [--schema-registry] [--set KEY=VALUE]... -- COMMAND...")
        sys.exit(2)
    split = argv.index("--")
    options, command = argv[1:split], argv[split + 1:]
    broker, extra, mock, registry = options[0], [], False, False
    rest = options[1:]
    while rest:
        if rest[0] == "--mock":
            mock = True
            rest = rest[1:]
        elif rest[0] == "--schema-registry":
            registry = True
            rest = rest[1:]
        elif rest[0] == "--set" and len(rest) > 1:
            extra += ["--set", rest[1]]
            rest = rest[2:]
        else:
            fail("unknown option " + rest[0])
            sys.exit(2)
    if not command:
        fail("no command given")
        sys.exit(2)
    extra += ["--schema-registry", "127.0.0.1:0" if registry else "off"]
    return broker, extra, mock, registry, command


def wait_for_ready(process, deadline):
    """Reads stdout lines until the ready line; returns HOST:PORT or None."""
    result = {}

    def reader():
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace").strip()
            if "address" not in result:
                for prefix in READY_PREFIXES:
                    if line.startswith(prefix):
                        result["address"] = line[len(prefix):]
                if "address" not in result:
                    result.setdefault("noise", []).append(line)
            else:
                # Anything after the ready line is kept for the failure report.
                result.setdefault("late", []).append(line)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    while time.monotonic() < deadline and "address" not in result and process.poll() is None:
        time.sleep(0.02)
    return result


def tail(path, limit=6000):
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    return text if len(text) <= limit else "...\n" + text[-limit:]


def main(argv):
    broker, extra, mock, registry, command = parse(argv)
    with tempfile.TemporaryDirectory(prefix="samsa-conformance-") as temp:
        data_dir = os.path.join(temp, "data")
        stderr_path = os.path.join(temp, "broker.stderr")
        arguments = [broker] if mock else [broker, "--data-dir", data_dir, "--listen", "127.0.0.1:0"] + extra
        with open(stderr_path, "wb") as stderr:
            try:
                process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=stderr)
            except OSError as error:
                fail("cannot start %s: %s" % (broker, error))
                return 1
        state = wait_for_ready(process, time.monotonic() + READY_TIMEOUT_S)
        if "address" not in state:
            process.kill()
            process.wait()
            fail("the broker did not become ready (exit code %s, stdout %r)\n--- broker stderr:\n%s"
                 % (process.returncode, state.get("noise"), tail(stderr_path)))
            return 1
        environment = dict(os.environ)
        environment.update({
            "SAMSA_BOOTSTRAP": state["address"],
            "SAMSA_BROKER_BIN": broker,
            "SAMSA_BROKER_PID": str(process.pid),
            "SAMSA_BROKER_DATA_DIR": data_dir,
        })
        if registry:
            # Logged before the ready line, so it is in the file by now.
            match = re.search(r"schema registry listening on (\S+)", tail(stderr_path, 1 << 20))
            if not match:
                process.kill()
                process.wait()
                fail("no 'schema registry listening on' line on the broker's stderr:\n" + tail(stderr_path))
                return 1
            environment["SCHEMA_REGISTRY_URL"] = "http://" + match.group(1)
        print("run_with_broker: broker ready at %s, running %s" % (state["address"], " ".join(command)), flush=True)
        started = time.monotonic()
        try:
            code = subprocess.run(command, env=environment, timeout=COMMAND_TIMEOUT_S).returncode
        except subprocess.TimeoutExpired:
            fail("the command did not finish within %d s" % COMMAND_TIMEOUT_S)
            code = 1
        except OSError as error:
            fail("cannot run %s: %s" % (command[0], error))
            code = 1
        print("run_with_broker: command finished with %d after %.1f s" % (code, time.monotonic() - started), flush=True)

        broker_ok = True
        if process.poll() is not None:
            fail("the broker died while the command ran (exit code %s)" % process.returncode)
            broker_ok = False
        else:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                fail("the broker did not exit within %d s of SIGTERM" % STOP_TIMEOUT_S)
                broker_ok = False
            if broker_ok and process.returncode != 0 and not mock:
                fail("the broker exited with code %s after SIGTERM" % process.returncode)
                broker_ok = False
        if state.get("late"):
            fail("the broker wrote to stdout after its ready line: %r" % state["late"][:5])
            broker_ok = False
        if code != 0 or not broker_ok:
            print("--- broker stderr:\n" + tail(stderr_path), file=sys.stderr, flush=True)
        return code if code != 0 else (0 if broker_ok else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

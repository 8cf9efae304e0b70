#!/usr/bin/env python3
"""The CI fuzzing gate: schemathesis against a fresh `switchyard serve --demo`.

Starts the binary on a free loopback port with a fresh database and a known admin token, runs
`st run` over every operation of the served `/openapi.yaml` except token revocation (the run must keep its
token), with `--checks all` and the settings in tools/fuzz/ (schemathesis.toml, hooks.py), and fails when
schemathesis reports any failure (a 5xx, a response that breaks its schema, an undocumented status, a
schema-valid request refused other than as documented) or generated fewer than MIN_CASES test cases.

Usage: tools/fuzz_gate.py [path/to/switchyard]
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "tools", "fuzz")
MIN_CASES = 2000
TOKEN = "sy_fuzz_gate_admin_token_0123456789"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchyard")
    workdir = tempfile.mkdtemp(prefix="switchyard-fuzz-")
    port = free_port()
    log = open(os.path.join(workdir, "serve.log"), "w")
    server = subprocess.Popen(
        [binary, "serve", "--demo", "--listen", f"127.0.0.1:{port}", "--database", os.path.join(workdir, "switchyard.db")],
        cwd=workdir, env=dict(os.environ, SWITCHYARD_ADMIN_TOKEN=TOKEN), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except Exception:
                if time.time() > deadline or server.poll() is not None:
                    sys.exit("switchyard did not start:\n" + open(log.name).read())
                time.sleep(0.2)
        command = [
            "st", "--config-file", os.path.join(FUZZ, "schemathesis.toml"), "run", f"http://127.0.0.1:{port}/openapi.yaml",
            "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all", "--exclude-operation-id", "revokeToken",
            "--max-examples", "50", "--workers", "2", "--generation-deterministic", "--no-color",
        ]
        env = dict(os.environ, PYTHONPATH=FUZZ, SCHEMATHESIS_HOOKS="hooks")
        result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=1800)
        output = result.stdout + result.stderr
        sys.stdout.write(output[-6000:])
        generated = re.search(r"(\d+) generated", output)
        cases = int(generated.group(1)) if generated else 0
        if server.poll() is not None:
            sys.exit("switchyard exited during the fuzzing run:\n" + open(log.name).read()[-4000:])
        if "Traceback" in output:
            sys.exit("schemathesis raised an exception: the run is incomplete")
        if result.returncode != 0:
            sys.exit(f"fuzzing gate failed: schemathesis exited {result.returncode}")
        if cases < MIN_CASES:
            sys.exit(f"fuzzing gate failed: {cases} test cases generated, at least {MIN_CASES} required")
        print(f"fuzzing gate: {cases} test cases, no failure")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

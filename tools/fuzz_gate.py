#!/usr/bin/env python3
"""The CI fuzzing gate: schemathesis against a fresh `switchyard serve --demo`.

Runs `st run` over every operation of the served `/openapi.yaml` except token revocation (the run must keep its
token), with the admin token, `--checks all` and the settings in tools/fuzz/ (schemathesis.toml, hooks.py), and
fails when schemathesis reports any failure (a 5xx, a response that breaks its schema, an undocumented status, a
schema-valid request refused other than as documented), raises, or generated fewer than MIN_CASES test cases,
or when the service exits during the run.

CPython 3.11's ast.parse can fail spuriously when two threads parse at once ("AST constructor recursion depth
mismatch", python/cpython#106905), which hypothesis does to describe its filters under `--workers 2`. A run that
raised only that is run again, on a fresh service, with one worker; any other exception fails the gate.

Usage: tools/fuzz_gate.py [path/to/switchyard]
"""
import os
import re
import subprocess
import sys

from demo_service import DemoService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "tools", "fuzz")
MIN_CASES = 2000
TOKEN = "sy_fuzz_gate_admin_token_0123456789"


CPYTHON_AST_RACE = "AST constructor recursion depth mismatch"


def run_once(binary, workers):
    """One schemathesis run against a fresh service: its output and exit status; exits when the service died."""
    with DemoService(binary, TOKEN) as service:
        command = [
            "st", "--config-file", os.path.join(FUZZ, "schemathesis.toml"), "run", service.base_url + "/openapi.yaml",
            "-H", f"Authorization: Bearer {TOKEN}", "--checks", "all", "--exclude-operation-id", "revokeToken",
            "--max-examples", "50", "--workers", str(workers), "--generation-deterministic", "--no-color",
        ]
        env = dict(os.environ, PYTHONPATH=FUZZ, SCHEMATHESIS_HOOKS="hooks")
        result = subprocess.run(command, cwd=service.workdir, env=env, capture_output=True, text=True, timeout=1800)
        output = result.stdout + result.stderr
        sys.stdout.write(output[-6000:])
        if not service.is_running():
            sys.exit("switchyard exited during the fuzzing run:\n" + service.log()[-4000:])
        return output, result.returncode


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchyard")
    output, returncode = run_once(binary, workers=2)
    if "Traceback" in output and CPYTHON_AST_RACE in output:
        print("fuzzing gate: schemathesis hit CPython's ast.parse race (python/cpython#106905); running again with one worker")
        output, returncode = run_once(binary, workers=1)
    generated = re.search(r"(\d+) generated", output)
    cases = int(generated.group(1)) if generated else 0
    if "Traceback" in output:
        sys.exit("schemathesis raised an exception: the run is incomplete")
    if returncode != 0:
        sys.exit(f"fuzzing gate failed: schemathesis exited {returncode}")
    if cases < MIN_CASES:
        sys.exit(f"fuzzing gate failed: {cases} test cases generated, at least {MIN_CASES} required")
    print(f"fuzzing gate: {cases} test cases, no failure")


if __name__ == "__main__":
    main()

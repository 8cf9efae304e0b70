#!/usr/bin/env python3
"""Runs the README's curl walkthrough verbatim against a fresh `switchyard serve --demo`.

Every ```sh block between <!-- walkthrough:start --> and <!-- walkthrough:end --> runs, in order, in one
bash session with `set -eu`; `curl` is given `--fail-with-body` so an error response fails the
check. The service gets a fresh database and a known admin token (SWITCHYARD_ADMIN_TOKEN), which the
walkthrough reads as $TOKEN, exactly as a reader would after copying the token the service printed.

Usage: tools/readme_walkthrough.py [path/to/switchyard]
"""
import os
import re
import subprocess
import sys

from demo_service import DemoService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "sy_readme_walkthrough_admin_token"


def walkthrough_blocks(readme):
    section = re.search(r"<!-- walkthrough:start -->(.*?)<!-- walkthrough:end -->", readme, re.S)
    if not section:
        sys.exit("README.md has no walkthrough section")
    return re.findall(r"```sh\n(.*?)```", section.group(1), re.S)


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchyard")
    blocks = walkthrough_blocks(open(os.path.join(ROOT, "README.md"), encoding="utf-8").read())
    with DemoService(binary, TOKEN) as service:
        # No pipefail: `curl ... | head` closes the pipe early by design.
        script = "set -eu\n"
        script += "curl() { command curl --fail-with-body --silent --show-error \"$@\"; }\n"
        script += f"export TOKEN={TOKEN}\n"
        for block in blocks:
            script += block.replace("http://127.0.0.1:8080", service.base_url) + "\n"
        result = subprocess.run(["bash", "-c", script], cwd=service.workdir, capture_output=True, text=True, timeout=300)
        sys.stdout.write(result.stdout[-4000:])
        if result.returncode != 0:
            sys.stderr.write(result.stderr[-4000:])
            sys.stderr.write("\n--- service log ---\n" + service.log()[-4000:])
            sys.exit(f"README walkthrough failed (exit {result.returncode})")
        print(f"README walkthrough: {len(blocks)} blocks ran verbatim against switchyard serve --demo")


if __name__ == "__main__":
    main()

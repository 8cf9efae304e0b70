#!/usr/bin/env python3
"""Fleet-scale benchmark: starts a `switchyard serve` binary (build it in release mode first:
`swift build -c release --product switchyard`), imports a generated fleet of MODELS x UNITS units shaped like the
demo's, and prints the wall time and memory of the operations a platform team runs at that scale, against the goals.

    python3 tools/scale_bench.py .build/release/switchyard [--models 1000] [--units 10] [--idle 60]

Everything runs on loopback with a throwaway database and push directory, removed afterwards.
"""
import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_service import free_port  # noqa: E402

ADMIN = "sy_scale_bench_admin_0123456789abcdef"


def demo_fleet(binary, workdir):
    """The demo fleet as `GET /v1/export` writes it, from a throwaway `serve --demo`."""
    port = free_port()
    env = dict(os.environ, SWITCHYARD_ADMIN_TOKEN=ADMIN)
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--listen", f"127.0.0.1:{port}", "--database", os.path.join(workdir, "demo.db"),
         "--push-dir", os.path.join(workdir, "demo-push")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base)
        return request(base, "GET", "/v1/export")[1]
    finally:
        process.terminate()
        process.wait(timeout=30)


def generate(demo, models, units_per_model):
    """MODELS copies of the demo model, each with UNITS units cycling over the demo's five, with their benchmarks."""
    template_model = demo["models"][0]
    templates = sorted(demo["units"], key=lambda unit: unit["name"])
    benchmarks = {run["unit"]: run for run in demo["benchmarks"]}
    fleet = {"instanceTypes": demo["instanceTypes"], "pools": demo["pools"], "models": [], "units": [], "benchmarks": []}
    for index in range(models):
        name = f"m{index:05d}"
        model = json.loads(json.dumps(template_model))
        model["name"] = name
        fleet["models"].append(model)
        for slot in range(units_per_model):
            template = templates[slot % len(templates)]
            unit = json.loads(json.dumps(template))
            unit_name = f"{name}-u{slot:02d}"
            unit.update(name=unit_name, model=name)
            unit["kubernetes"] = dict(template["kubernetes"], namespace=name, deployment=unit_name, service=unit_name)
            fleet["units"].append(unit)
            run = json.loads(json.dumps(benchmarks[template["name"]]))
            run["unit"] = unit_name
            run.pop("id", None)
            fleet["benchmarks"].append(run)
    return fleet


def request(base, method, path, body=None, content_type="application/json", timeout=900):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {ADMIN}")
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw[:1] in (b"{", b"[") else raw), len(raw)
    except urllib.error.HTTPError as error:
        raw = error.read()
        raise SystemExit(f"{method} {path}: {error.code} {raw[:500]!r}")


def wait_healthy(base):
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except Exception:
            time.sleep(0.2)
    raise SystemExit("the service did not become healthy")


def memory(pid):
    """Resident and peak resident memory of the process, MB."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(label, base, method, path, body=None, content_type="application/json", repeat=1, pid=None):
    """Label, median wall time, body size and the resident memory (MB) after the request."""
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        _, _, size = request(base, method, path, body, content_type)
        times.append(time.perf_counter() - started)
    return label, statistics.median(times), size, memory(pid)[0] if pid else 0.0


def timed_keepalive(label, base, path, repeat, pid):
    """Like `timed`, for GETs on one keep-alive connection, so that the figure is the request's, not a TCP
    handshake's and a new urllib opener's."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {"Authorization": f"Bearer {ADMIN}"}
    times = []
    size = 0
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            times.append(time.perf_counter() - started)
            if response.status != 200:
                raise SystemExit(f"GET {path}: {response.status} {raw[:500]!r}")
            size = len(raw)
    finally:
        connection.close()
    return label, statistics.median(times), size, memory(pid)[0] if pid else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--idle", type=int, default=60, help="seconds of idle CPU measured with drift checks on")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    workdir = tempfile.mkdtemp(prefix="switchyard-scale-")
    try:
        fleet = generate(demo_fleet(binary, workdir), args.models, args.units)
        document = json.dumps(fleet).encode()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = dict(os.environ, SWITCHYARD_ADMIN_TOKEN=ADMIN)
        process = subprocess.Popen(
            [binary, "serve", "--listen", f"127.0.0.1:{port}", "--database", os.path.join(workdir, "scale.db"),
             "--push-dir", os.path.join(workdir, "push"),
             "--drift-interval", "60", "--adaptive-interval", "0", "--log-level", "warning"],
            env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "serve.log"), "w"))
        try:
            wait_healthy(base)
            units = args.models * args.units
            print(f"scale bench: {args.models} models x {args.units} units = {units} units; "
                  f"fleet document {len(document) / 1e6:.1f} MB; {binary}")
            rows = []
            pid = process.pid
            rows.append(timed("import the fleet", base, "POST", "/v1/import", document, pid=pid) + ("",))
            rows.append(timed("GET /v1/manifests", base, "GET", "/v1/manifests", pid=pid) + ("< 1.5 s",))
            rows.append(timed("GET /v1/diff", base, "GET", "/v1/diff", pid=pid) + ("< 1.5 s",))
            rows.append(timed("POST /v1/apply?dryRun=true", base, "POST", "/v1/apply?dryRun=true", b"", pid=pid) + ("< 1.5 s",))
            rows.append(timed("POST /v1/apply (files)", base, "POST", "/v1/apply", b"", pid=pid) + ("< 3 s",))
            rows.append(timed("POST /v1/apply, nothing to change", base, "POST", "/v1/apply", b"", pid=pid) + ("< 0.5 s",))
            middle = f"m{args.models // 2:05d}"
            rows.append(timed(f"GET /v1/models/{middle}/plan (median of 20)", base, "GET",
                              f"/v1/models/{middle}/plan", repeat=20, pid=pid) + ("< 2 ms",))
            rows.append(timed_keepalive(f"  the same, one keep-alive connection (of 200)", base,
                                        f"/v1/models/{middle}/plan", repeat=200, pid=pid) + ("< 2 ms",))
            rss, peak = memory(process.pid)
            print(f"{'operation':<44} {'wall':>10} {'body':>10} {'RSS after':>10}  goal")
            for label, seconds, size, resident, goal in rows:
                wall = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
                print(f"{label:<44} {wall:>10} {size / 1e6:>7.1f} MB {resident:>7.0f} MB  {goal}")
            print(f"{'resident memory now / peak':<44} {rss:>7.0f} MB / {peak:.0f} MB (goal: peak < 400 MB)")
            if args.idle > 0:
                before = cpu_seconds(process.pid)
                time.sleep(args.idle)
                used = cpu_seconds(process.pid) - before
                print(f"{'idle CPU with drift checks every 60 s':<44} {100 * used / args.idle:>8.2f} % of a core "
                      f"over {args.idle} s (goal < 2 %)")
        finally:
            started = time.perf_counter()
            process.terminate()
            try:
                process.wait(timeout=60)
                print(f"{'shutdown on SIGTERM':<44} {time.perf_counter() - started:>8.2f} s")
            except subprocess.TimeoutExpired:
                print("shutdown on SIGTERM: still running after 60 s; killed")
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

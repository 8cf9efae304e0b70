#!/usr/bin/env python3
"""Read and write benchmark of issue 14: `switchyard serve --demo` side by side with nginx serving the same bytes in
the same run. Build switchyard in release mode first (`swift build -c release --product switchyard`).

    python3 tools/read_bench.py .build/release/switchyard [--seconds 10] [--connections 8] [--rate 1000]

Needs `nginx` and `wrk` (Debian: `apt-get install -y nginx wrk`); it does not install them, it says so and exits 2.
1. Saturation: wrk (2 threads, --connections) against `GET /v1/models/sd21/plan` and `GET /v1/units` of switchyard
   and of an nginx (1 worker unless --nginx-workers, access log off) serving the bodies switchyard answered with.
   Goal: switchyard >= 25 % of nginx's requests/s.
2. Fixed rate: an open-loop asyncio client offers --rate requests/s (each request has a scheduled time, its latency
   counts from that time, so a stalled server is not hidden by the client waiting); first against nginx (the
   client's own floor), then against switchyard. Goal: p99 < 5 ms at 1,000/s.
3. Writes: PUTs of an instance type's on-demand price with If-Match, one instance type per connection (no ETag
   contention), the price alternating so every PUT changes something. Goal: >= 2,000/s, p99 < 20 ms, all 200.
Everything runs on loopback with throwaway directories. The clients share the machine's cores with the servers.
Exit status: 0 when everything ran (goals met or not), 1 when a server did not start or a request failed, 2 when
nginx, wrk or the binary is missing.
"""
import argparse
import asyncio
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_service import free_port  # noqa: E402
from scale_bench import ADMIN, cpu_seconds, wait_healthy  # noqa: E402

READS = {"plan": "/v1/models/sd21/plan", "units": "/v1/units"}
AUTH = f"Bearer {ADMIN}"
NGINX_CONF = """worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
    keepalive_requests 100000000;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        default_type application/json;
        location / {{ try_files $uri =404; }}
    }}
}}
"""


def start_switchyard(binary, workdir, database=None):
    """`serve --demo` on a free port, on `database` (default: a SQLite file in `workdir`); exits with its log when it
    does not start."""
    port = free_port()
    log = open(os.path.join(workdir, f"serve-{port}.log"), "w")
    database = database or os.path.join(workdir, "bench.db")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--listen", f"127.0.0.1:{port}", "--database", database,
         "--push-dir", os.path.join(workdir, f"push-{port}"), "--drift-interval", "0", "--adaptive-interval", "0",
         "--log-level", "warning"],
        env=dict(os.environ, SWITCHYARD_ADMIN_TOKEN=ADMIN), stdout=subprocess.DEVNULL, stderr=log)
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
    except BaseException:
        process.terminate()
        process.wait()
        raise SystemExit(f"switchyard on {database} did not start:\n" + open(log.name).read()[-3000:])
    return process, port


def start_nginx(workdir, bodies, workers):
    """nginx serving each body at its switchyard path; world-readable so the worker (user nobody) can read it."""
    port = free_port()
    os.makedirs(os.path.join(workdir, "tmp"))
    for path, body in bodies.items():
        target = os.path.join(workdir, "www", path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as file:
            file.write(body)
    for root, dirs, files in os.walk(workdir):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    os.chmod(os.path.dirname(workdir), 0o711)
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as file:
        file.write(NGINX_CONF.format(workers=workers, dir=workdir, port=port))
    process = subprocess.Popen(["nginx", "-p", workdir, "-c", conf, "-e", os.path.join(workdir, "error.log")],
                               stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "nginx.out"), "w"))
    wait_healthy_path(f"http://127.0.0.1:{port}{READS['plan']}", process, workdir)
    return process, port


def wait_healthy_path(url, process, workdir):
    deadline = time.time() + 20
    while time.time() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.1)
    raise SystemExit("nginx did not start:\n" + open(os.path.join(workdir, "nginx.out")).read())


def fetch(port, path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": AUTH})
    with urllib.request.urlopen(req, timeout=30) as response:
        return response.read()


def tree_cpu(pid):
    """CPU seconds of a process and its direct children (nginx's master and workers)."""
    total = cpu_seconds(pid)
    for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
        total += cpu_seconds(int(child))
    return total


def wrk(port, path, seconds, connections, pid, auth):
    """Requests/s, p99 in ms, failed responses, CPU cores used by the server during the run."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if auth:
        command += ["-H", f"Authorization: {AUTH}"]
    before = tree_cpu(pid)
    output = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                            check=True).stdout
    cores = (tree_cpu(pid) - before) / seconds
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    p99 = float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed += sum(int(n) for n in errors.groups()) if errors else 0
    return rate, p99, failed, cores


async def exchange(reader, writer, head, body=b""):
    """One HTTP/1.1 request on a keep-alive connection: status, headers (lower-case names), body."""
    writer.write(head + body)
    lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    headers = dict((k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:] if line))
    payload = await reader.readexactly(int(headers["content-length"]))
    return int(lines[0].split()[1]), headers, payload


def request_head(method, path, port, extra=(), length=None):
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Authorization: {AUTH}", *extra]
    if length is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {length}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


async def fixed_rate(port, path, rate, seconds, connections=16):
    """Open loop: request i is due at start + i/rate on connection i % connections; latency counts from when it was
    due. Returns latencies (ms), failures, achieved rate."""
    head = request_head("GET", path, port)
    total = int(rate * seconds)
    latencies, failures = [], [0]
    start = time.perf_counter() + 0.2

    async def worker(index):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for i in range(index, total, connections):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            status, _, _ = await exchange(reader, writer, head)
            latencies.append((time.perf_counter() - due) * 1000)
            failures[0] += status != 200
        writer.close()

    gc.disable()  # a collection pause would be charged to the server
    try:
        await asyncio.gather(*(worker(index) for index in range(connections)))
    finally:
        gc.enable()
    return latencies, failures[0], total / (time.perf_counter() - start)


async def writes(port, names, seconds):
    """Closed loop on one connection per instance type: GET its ETag once, then PUT the price back and forth."""
    latencies, failures = [], [0]
    deadline = time.perf_counter() + seconds

    async def worker(name):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        path = f"/v1/instance-types/{name}"
        status, headers, body = await exchange(reader, writer, request_head("GET", path, port))
        if status != 200:
            raise SystemExit(f"GET {path}: {status} {body[:300]!r}")
        etag, document = headers["etag"], json.loads(body)
        price = document["prices"][0]
        original, step = price["hourlyUSD"], 0
        while time.perf_counter() < deadline:
            step += 1
            price["hourlyUSD"] = round(original + 0.0001 * (step % 2), 6)
            payload = json.dumps(document).encode()
            head = request_head("PUT", path, port, [f"If-Match: {etag}"], len(payload))
            started = time.perf_counter()
            status, headers, answer = await exchange(reader, writer, head, payload)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200 or headers.get("x-switchyard-outcome") != "updated":
                failures[0] += 1
                if failures[0] <= 3:
                    print(f"  PUT {path}: {status} {headers.get('x-switchyard-outcome')} {answer[:200]!r}")
            etag = headers.get("etag", etag)
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(name) for name in names))
    return latencies, failures[0], len(latencies) / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections, and the writers' (at most "
                        "one per instance type)")
    parser.add_argument("--rate", type=int, default=1000, help="requests/s of the fixed-rate run")
    parser.add_argument("--nginx-workers", default="1", help="nginx worker_processes (1, or auto)")
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            print(f"read_bench: `{tool}` is missing; install it with: apt-get install -y nginx wrk", file=sys.stderr)
            sys.exit(2)
    os.environ["PATH"] += os.pathsep + "/usr/sbin"
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"read_bench: {binary} is not an executable; build it with "
              "`swift build -c release --product switchyard`", file=sys.stderr)
        sys.exit(2)
    workdir = tempfile.mkdtemp(prefix="switchyard-read-bench-")
    processes, goals, failed = [], [], 0
    try:
        os.makedirs(os.path.join(workdir, "sy"))
        switchyard, sy_port = start_switchyard(binary, os.path.join(workdir, "sy"))
        processes.append(switchyard)
        bodies = {path: fetch(sy_port, path) for path in READS.values()}
        nginx, ng_port = start_nginx(os.path.join(workdir, "nginx"), bodies, args.nginx_workers)
        processes.append(nginx)
        for path, body in bodies.items():
            if fetch(ng_port, path) != body:
                raise SystemExit(f"nginx does not serve switchyard's bytes at {path}")
        print(f"read bench: {binary}; {os.cpu_count()} cores shared by servers and clients; nginx "
              f"worker_processes {args.nginx_workers} (switchyard uses its own threads on every core); "
              f"{args.seconds} s per run")
        print("bodies: " + ", ".join(f"{name} {len(bodies[path])} B" for name, path in READS.items()))

        print(f"\n1. saturation: wrk -t2 -c{args.connections} -d{args.seconds}s --latency")
        print(f"{'endpoint':<10} {'switchyard/s':>13} {'nginx/s':>10} {'ratio':>7} {'sy p99':>9} {'nginx p99':>10}"
              f" {'sy CPU':>7} {'nginx CPU':>10}")
        for name, path in READS.items():
            sy = wrk(sy_port, path, args.seconds, args.connections, switchyard.pid, True)
            ng = wrk(ng_port, path, args.seconds, args.connections, nginx.pid, False)
            failed += sy[2] + ng[2]
            ratio = sy[0] / ng[0]
            print(f"{name:<10} {sy[0]:>13.0f} {ng[0]:>10.0f} {ratio:>6.1%} {sy[1]:>7.2f}ms {ng[1]:>8.2f}ms"
                  f" {sy[3]:>6.2f}c {ng[3]:>9.2f}c" + (f"  ({sy[2]} + {ng[2]} failed)" if sy[2] + ng[2] else ""))
            goals.append((f"{name}: req/s vs nginx", f"{ratio:.1%} ({sy[0]:.0f} vs {ng[0]:.0f}/s)", ">= 25 %",
                          ratio >= 0.25))

        print(f"\n2. fixed rate: {args.rate}/s open loop for {args.seconds} s, 16 keep-alive connections, latency "
              "from the scheduled time")
        print(f"{'server':<11} {'endpoint':<8} {'p50':>8} {'p99':>8} {'max':>8} {'achieved/s':>11}")
        for server, port in (("nginx", ng_port), ("switchyard", sy_port)):
            for name, path in READS.items():
                latencies, bad, achieved = asyncio.run(fixed_rate(port, path, args.rate, args.seconds))
                failed += bad
                p99 = percentile(latencies, 0.99)
                print(f"{server:<11} {name:<8} {percentile(latencies, 0.5):>6.2f}ms {p99:>6.2f}ms "
                      f"{max(latencies):>6.1f}ms {achieved:>11.0f}" + (f"  ({bad} failed)" if bad else ""))
                if achieved < 0.97 * args.rate:
                    print(f"  {server} does not keep up with {args.rate}/s: the queue, and the latency, grow all run")
                if server == "switchyard":
                    goals.append((f"{name}: p99 at {args.rate}/s", f"{p99:.3f} ms", "< 5 ms", p99 < 5))
                elif p99 >= 5:
                    print("  the client's own floor (nginx) is above 5 ms: switchyard's figure is inconclusive")

        types = sorted(item["name"] for item in json.loads(fetch(sy_port, "/v1/instance-types"))["items"])
        names = types[:max(1, min(args.connections, len(types)))]
        print(f"\n3. writes: PUT /v1/instance-types/NAME with If-Match for {args.seconds} s, one connection per "
              f"instance type ({', '.join(names)})")
        latencies, bad, rate = asyncio.run(writes(sy_port, names, args.seconds))
        failed += bad
        p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
        print(f"{len(latencies)} PUTs, {rate:.0f}/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latencies):.1f} ms,"
              f" {bad} not 200/updated")
        goals.append(("writes/s", f"{rate:.0f}/s", ">= 2,000/s", rate >= 2000))
        goals.append(("writes: p99", f"{p99:.2f} ms", "< 20 ms", p99 < 20))
        goals.append(("failed requests", str(failed), "0", failed == 0))

        print(f"\n{'goal':<28} {'measured':<28} {'target':<12} verdict")
        for label, measured, target, met in goals:
            print(f"{label:<28} {measured:<28} {target:<12} {'met' if met else 'NOT met'}")
        if switchyard.poll() is not None or nginx.poll() is not None:
            raise SystemExit("a server exited during the run")
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

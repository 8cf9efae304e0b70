#!/usr/bin/env python3
"""API read throughput on SQLite and on PostgreSQL side by side in one run (issue 15): `switchyard serve --demo` on a
throwaway SQLite file and on a throwaway PostgreSQL server, the same reads against each, and the ratio PG/SQLite.

    python3 tools/engine_read_bench.py .build/release/switchyard [--seconds 5] [--connections 4]

Reads: `GET /v1/models/sd21`, `GET /v1/units?model=sd21` and `GET /v1/models/sd21/plan`, each closed loop on one
keep-alive connection (sequential) and on --connections of them, with wrk when it is installed (`apt-get install -y
wrk`), else with this script's asyncio client. Goal: every PostgreSQL figure >= 50 % of SQLite's.

The PostgreSQL server is Debian's (`apt-get install -y postgresql`; the newest /usr/lib/postgresql/N/bin), started on
a free loopback port with a data directory in /tmp (as the `postgres` user when this runs as root), trusting local
connections, and stopped by its process id at the end; the directory is removed. Everything runs on loopback; the
clients share the machine's cores with the servers. Exit status: 0 when everything ran (goal met or not), 1 when a
server did not start or a request failed, 2 when the binary or PostgreSQL is missing.
"""
import argparse
import asyncio
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_service import free_port  # noqa: E402
from read_bench import AUTH, fetch, start_switchyard, wrk  # noqa: E402

READS = [("model", "/v1/models/sd21"), ("units", "/v1/units?model=sd21"), ("plan", "/v1/models/sd21/plan")]
GOAL = 0.5


class PostgresServer:
    """A throwaway PostgreSQL server: initdb in a temporary directory, `postgres` on a free loopback port, trust
    authentication for the user `switchyard`; stopped with SIGINT (fast shutdown) to the postmaster's PID."""

    user = "switchyard"

    def __init__(self):
        debian = sorted((int(path.split("/")[4]), os.path.dirname(path))
                        for path in glob.glob("/usr/lib/postgresql/*/bin/postgres") if path.split("/")[4].isdigit())
        on_path = shutil.which("postgres")
        self.bin = debian[-1][1] if debian else (os.path.dirname(on_path) if on_path else None)

    def __enter__(self):
        if not self.bin:
            print("engine_read_bench: PostgreSQL server binaries not found (apt-get install -y postgresql)",
                  file=sys.stderr)
            sys.exit(2)
        self.dir = tempfile.mkdtemp(prefix="switchyard-bench-postgres-")
        self.prefix = []
        if os.getuid() == 0:
            import pwd
            account = pwd.getpwnam("postgres")
            os.chown(self.dir, account.pw_uid, account.pw_gid)
            self.prefix = ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
        data = os.path.join(self.dir, "data")
        self._run([os.path.join(self.bin, "initdb"), "-D", data, "-U", self.user, "--auth=trust", "--no-sync",
                   "-E", "UTF8", "--no-instructions"])
        self.port = free_port()
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.process = subprocess.Popen(
            self.prefix + [os.path.join(self.bin, "postgres"), "-D", data, "-p", str(self.port), "-k", self.dir,
                           "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while subprocess.run([os.path.join(self.bin, "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"]
                             ).returncode != 0:
            if time.time() > deadline or self.process.poll() is not None:
                self.log.flush()
                log = open(self.log.name).read()
                self.__exit__()
                raise SystemExit("postgres did not start:\n" + log[-3000:])
            time.sleep(0.1)
        self._run([os.path.join(self.bin, "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                   "bench"])
        return self

    def url(self):
        return f"postgres://{self.user}@127.0.0.1:{self.port}/bench?sslmode=disable"

    def _run(self, command):
        result = subprocess.run(self.prefix + command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")

    def __exit__(self, *exc):
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)  # setpriv execs postgres: this PID is the postmaster's
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


def run_wrk(process, port, path, seconds, connections):
    """Requests/s and failed requests, from wrk."""
    rate, _, failed, _ = wrk(port, path, seconds, connections, process.pid, auth=True)
    return rate, failed


async def closed_loop(port, path, seconds, connections):
    """Requests/s and failed requests: each connection sends its next request when the previous answer is read."""
    head = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: {AUTH}\r\n\r\n").encode()
    counts, failures = [0], [0]
    deadline = time.perf_counter() + seconds

    async def worker():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            writer.write(head)
            lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
            await reader.readexactly(length)
            counts[0] += 1
            failures[0] += lines[0].split()[1] != "200"
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return counts[0] / (time.perf_counter() - started), failures[0]


def measure(process, port, path, seconds, connections, use_wrk):
    if use_wrk:
        return run_wrk(process, port, path, seconds, connections)
    return asyncio.run(closed_loop(port, path, seconds, connections))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=4, help="keep-alive connections of the concurrent runs")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"engine_read_bench: {binary} is not an executable; build it with "
              "`swift build -c release --product switchyard`", file=sys.stderr)
        sys.exit(2)
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk") is not None)
    workdir = tempfile.mkdtemp(prefix="switchyard-engine-bench-")
    servers, failed, goals = [], 0, []
    try:
        with PostgresServer() as postgres:
            sqlite, sqlite_port = start_switchyard(binary, workdir, os.path.join(workdir, "bench.db"))
            servers.append(sqlite)
            pg, pg_port = start_switchyard(binary, workdir, postgres.url())
            servers.append(pg)
            for _, path in READS:
                bodies = [fetch(port, path) for port in (sqlite_port, pg_port)]
                if path != "/v1/models/sd21/plan" and bodies[0] != bodies[1]:
                    raise SystemExit(f"GET {path}: SQLite and PostgreSQL answer differently")
            client = "wrk" if use_wrk else "asyncio closed loop"
            print(f"engine read bench: {binary}; {os.cpu_count()} cores shared by both servers, PostgreSQL and the "
                  f"client ({client}); {args.seconds} s per figure; PostgreSQL {postgres.bin}")
            print(f"\n{'read':<28} {'conns':>5} {'SQLite/s':>10} {'PG/s':>10} {'PG/SQLite':>10}")
            for name, path in READS:
                for connections in sorted({1, args.connections}):
                    lite, lite_bad = measure(sqlite, sqlite_port, path, args.seconds, connections, use_wrk)
                    post, post_bad = measure(pg, pg_port, path, args.seconds, connections, use_wrk)
                    failed += lite_bad + post_bad
                    ratio = post / lite if lite else float("nan")
                    print(f"GET {path:<24} {connections:>5} {lite:>10.0f} {post:>10.0f} {ratio:>9.0%}"
                          + (f"  ({lite_bad} + {post_bad} failed)" if lite_bad + post_bad else ""))
                    goals.append(ratio >= GOAL)
            met = sum(goals)
            print(f"\ngoal: PostgreSQL >= {GOAL:.0%} of SQLite on every read: {met} of {len(goals)} figures meet it"
                  f" ({'met' if met == len(goals) else 'NOT met'})")
            if any(server.poll() is not None for server in servers):
                raise SystemExit("a server exited during the run")
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
    finally:
        for server in servers:
            if server.poll() is None:
                server.kill()
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

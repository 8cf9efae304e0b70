"""A fresh `switchyard serve --demo` on a free loopback port, for the tools that drive it from outside.

    with DemoService(binary, admin_token) as service:
        ... service.base_url ...

Starts the binary in a temporary directory with its own database, the given admin token
(SWITCHYARD_ADMIN_TOKEN) and any further `serve` arguments, waits for `/healthz`, and on exit stops it with SIGTERM (SIGKILL after 15 s) and
removes the directory. `service.log()` is what the service printed.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoService:
    def __init__(self, binary, admin_token, start_timeout=60, arguments=()):
        self.binary = binary
        self.admin_token = admin_token
        self.start_timeout = start_timeout
        self.arguments = list(arguments)

    def __enter__(self):
        self.workdir = tempfile.mkdtemp(prefix="switchyard-tool-")
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._log = open(os.path.join(self.workdir, "serve.log"), "w")
        self.server = subprocess.Popen(
            [self.binary, "serve", "--demo", "--listen", f"127.0.0.1:{self.port}",
             "--database", os.path.join(self.workdir, "switchyard.db")] + self.arguments,
            cwd=self.workdir, env=dict(os.environ, SWITCHYARD_ADMIN_TOKEN=self.admin_token),
            stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + self.start_timeout
        while True:
            try:
                urllib.request.urlopen(self.base_url + "/healthz", timeout=1)
                return self
            except Exception:
                if time.time() > deadline or self.server.poll() is not None:
                    log = self.log()
                    self.__exit__(None, None, None)
                    sys.exit("switchyard did not start:\n" + log)
                time.sleep(0.2)

    def is_running(self):
        return self.server.poll() is None

    def log(self):
        self._log.flush()
        return open(self._log.name).read()

    def __exit__(self, *exc):
        self.server.send_signal(signal.SIGTERM)
        try:
            self.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.server.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
        return False

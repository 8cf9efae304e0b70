#!/usr/bin/env python3
"""The CI check that the monitoring kit in deploy/monitoring reads series Switchyard really exposes: every metric
named in the alerting rules and in the Grafana dashboard's queries must be on the /metrics of a fresh
`switchyard serve --demo` (with a Prometheus capacity observer pointed at a closed port, so the observer series
exist, at 0) after a capacity signal has made sd21 fail over. It also checks the values the kit relies on: the five
demo units' weights, sd21 on `capacity`, amd-neuron `short`, a push to files that succeeded, one failover reaction
timed, the audit chain valid.

Usage: tools/monitoring_check.py [path/to/switchyard]
"""
import json
import os
import re
import socket
import sys
import time
import urllib.request

import yaml

from demo_service import DemoService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "sy_monitoring_check_admin_token_0123456789"
METRIC = re.compile(r"\bswitchyard_[a-z0-9_]+\b")


def fail(message):
    sys.exit("monitoring check FAILED: " + message)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def referenced_metrics():
    """Metric names in the rules' expressions and the dashboard's queries, with where each is used."""
    used = {}
    rules = yaml.safe_load(open(os.path.join(ROOT, "deploy/monitoring/switchyard-rules.yaml")))
    for group in rules["groups"]:
        for rule in group["rules"]:
            for name in METRIC.findall(rule["expr"]):
                used.setdefault(name, set()).add("rule " + rule.get("alert", rule.get("record", "?")))
    dashboard = json.load(open(os.path.join(ROOT, "deploy/monitoring/grafana-dashboard.json")))
    queries = [(panel["title"], target["expr"]) for panel in dashboard["panels"] for target in panel.get("targets", [])]
    for variable in dashboard["templating"]["list"]:
        if variable.get("type") == "query":
            queries.append(("variable " + variable["name"], variable["definition"]))
    for title, expression in queries:
        for name in METRIC.findall(expression):
            used.setdefault(name, set()).add("panel " + title)
    return used


def samples(text):
    """(name, labels, value) per sample line of the exposition."""
    result = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$", line)
        if match:
            labels = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"', match.group(2) or ""))
            result.append((match.group(1), labels, float(match.group(3))))
    return result


def value(series, name, **labels):
    for sample_name, sample_labels, sample_value in series:
        if sample_name == name and all(sample_labels.get(k) == v for k, v in labels.items()):
            return sample_value
    return None


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/switchyard"))
    observer = ["--capacity-prometheus-url", f"http://127.0.0.1:{closed_port()}"]
    with DemoService(binary, TOKEN, arguments=observer) as service:
        request = urllib.request.Request(
            service.base_url + "/v1/capacity-signals", method="POST",
            data=json.dumps({"pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"}).encode(),
            headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10)
        deadline = time.time() + 15
        while True:
            text = urllib.request.urlopen(service.base_url + "/metrics", timeout=10).read().decode()
            series = samples(text)
            if value(series, "switchyard_model_configuration", model="sd21", configuration="capacity") == 1:
                break
            if time.time() > deadline:
                fail("sd21 did not show as on capacity within 15 s:\n" + text)
            time.sleep(0.5)

    exposed = {name for name, _, _ in series}
    missing = []
    for name, uses in sorted(referenced_metrics().items()):
        if name not in exposed:
            missing.append(f"{name} (used by {', '.join(sorted(uses))})")
    if missing:
        fail("not on /metrics:\n  " + "\n  ".join(missing))
    print(f"every metric the rules and the dashboard name is on /metrics ({len(referenced_metrics())} metrics)")

    expectations = [
        ("five unit weights of sd21", lambda: len([1 for n, l, _ in series if n == "switchyard_unit_weight" and l.get("model") == "sd21"]) == 5),
        ("sd21-inf2 at weight 0 while its pool is short", lambda: value(series, "switchyard_unit_weight", model="sd21", unit="sd21-inf2") == 0),
        ("sd21 not on cost", lambda: value(series, "switchyard_model_configuration", model="sd21", configuration="cost") == 0),
        ("a switch time for sd21", lambda: (value(series, "switchyard_model_configuration_since_timestamp_seconds", model="sd21") or 0) > 0),
        ("amd-neuron short", lambda: value(series, "switchyard_pool_health", pool="amd-neuron", state="short") == 1),
        ("amd-nvidia healthy", lambda: value(series, "switchyard_pool_health", pool="amd-nvidia", state="healthy") == 1),
        ("a push to files that succeeded", lambda: (value(series, "switchyard_pushes_total", target="files", outcome="succeeded") or 0) >= 1),
        ("push latency of files", lambda: (value(series, "switchyard_push_duration_seconds_count", target="files") or 0) >= 1),
        ("one failover switch of sd21 to capacity", lambda: value(series, "switchyard_failover_switches_total", model="sd21", to="capacity") == 1),
        ("one failover reaction timed", lambda: value(series, "switchyard_failover_reaction_seconds_count") == 1),
        ("drift corrections of files at 0", lambda: value(series, "switchyard_drift_corrections_total", target="files", outcome="restored") == 0),
        ("the Prometheus observer down", lambda: value(series, "switchyard_observer_up", observer="prometheus") == 0),
        ("the audit chain valid", lambda: value(series, "switchyard_audit_chain_valid") == 1),
    ]
    for description, holds in expectations:
        if not holds():
            fail(f"expected {description}:\n" + text)
    reaction = value(series, "switchyard_failover_reaction_seconds_sum")
    print(f"values as expected; the switch's reaction time: {reaction * 1000:.0f} ms")
    print("monitoring check passed")


if __name__ == "__main__":
    main()

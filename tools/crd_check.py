#!/usr/bin/env python3
"""The CI check that what Switchyard renders is what the API server accepts: the demo fleet with node classes,
rendered by a fresh `switchyard serve --demo` and by `switchyard render`, validated against the CRDs in
../shared/crds and their CEL rules by validate_manifests.py.

The service's default node class is managed (--node-class-role and tags), and the demo's pools are given node
classes through the API: `amd-neuron` manages its own (the node role, a 200Gi root volume for model weights),
`amd-nvidia` manages `gpu-nodes` (an instance profile, subnets and a security group by id), a new pool `spot-gpu`
references `gpu-nodes` with `existing`, and a new pool `general` has none, so it falls back to the default.
`amd-neuron` also launches spot and reserved capacity, from a reservation of two instances, so it is rendered as one
NodePool per kind (weighted reserved > spot > on-demand) and its node class selects the reservation. Both
renderings, `GET /v1/manifests` and `switchyard render --fleet` of the exported fleet with the same flags, must
hold the 3 EC2NodeClasses, 6 NodePools and 5 KEDA ScaledObjects, every one valid. Then the check shows it can
fail: the same objects, broken only where the CEL rules look (a node class with both a role and an instance
profile, a NodePool requirement in Karpenter's own label domain), must be refused with those rules' messages.

Then sd21 is switched, through the API, to `workload: kserve` and `router: gateway-api` (a Gateway by name and
namespace), one of its units naming its model (format, serving runtime, storage URI): both renderings must hold 5
KServe InferenceServices (one with the predictor's `model`) and 1 Gateway API HTTPRoute beside the node classes,
pools and ScaledObjects (with the CloudWatch trigger Switchyard keeps its ScaledObjects, on the `<isvc>-predictor`
Deployments), all valid; `switchyard render --trigger prometheus` of the same fleet must hold the
InferenceServices with KServe's own KEDA metrics and no ScaledObject. And again it must be able to fail: an
HTTPRoute backendRef to a Service without a port (a CEL rule) and a predictor metric on a backend KServe's KEDA
metrics do not know (its schema's enum) must be refused.

Usage: tools/crd_check.py [path/to/switchyard]
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import yaml

from demo_service import DemoService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "sy_crd_check_admin_token_0123456789"
CLUSTER = "switchyard-demo"
DISCOVERY = {"karpenter.sh/discovery": CLUSTER}
DEFAULT_NODE_CLASS = [
    "--node-class-role", f"KarpenterNodeRole-{CLUSTER}",
    "--node-class-subnet-tag", f"karpenter.sh/discovery={CLUSTER}",
    "--node-class-security-group-tag", f"karpenter.sh/discovery={CLUSTER}",
]
NODE_CLASSES = {
    "amd-neuron": {
        "role": f"KarpenterNodeRole-{CLUSTER}",
        "subnetSelectorTerms": [{"tags": DISCOVERY}],
        "securityGroupSelectorTerms": [{"tags": DISCOVERY}],
        "blockDeviceMappings": [
            {"deviceName": "/dev/xvda", "rootVolume": True, "ebs": {"volumeSize": "200Gi", "volumeType": "gp3", "encrypted": True}},
        ],
    },
    "amd-nvidia": {
        "name": "gpu-nodes",
        "instanceProfile": f"KarpenterNodeInstanceProfile-{CLUSTER}",
        "amiSelectorTerms": [{"alias": "al2023@latest"}],
        "subnetSelectorTerms": [{"id": "subnet-0a1b2c3d4e5f60718"}, {"id": "subnet-0f1e2d3c4b5a69788"}],
        "securityGroupSelectorTerms": [{"id": "sg-0123456789abcdef0"}],
        "blockDeviceMappings": [{"deviceName": "/dev/xvda", "rootVolume": True, "ebs": {"volumeSize": "500Gi"}}],
        "tags": {"team": "ml-serving"},
    },
}
CAPACITY_KINDS = {
    "amd-neuron": {
        "capacityTypes": ["on-demand", "spot", "reserved"],
        "reservation": {"id": "cr-0123456789abcdef0", "instanceCount": 2},
        "spotInterruptionRates": {"*": 0.05},
    },
}
NEW_POOLS = [
    {"name": "spot-gpu", "gpuNames": ["l4"], "capacityTypes": ["spot"], "nodeClass": {"existing": "gpu-nodes"}},
    {"name": "general", "instanceFamilies": ["m7i"]},
]
EXPECTED = {"EC2NodeClass": 3, "NodePool": 6, "ScaledObject": 5}
GATEWAY = {"name": "inference", "namespace": "gateways"}
KSERVE_EXPECTED = {**EXPECTED, "InferenceService": 5, "HTTPRoute": 1}
KSERVE_PROMETHEUS_EXPECTED = {**EXPECTED, "ScaledObject": 0, "InferenceService": 5, "HTTPRoute": 1}
PROMETHEUS = ["--trigger", "prometheus", "--prometheus-url", "http://prometheus.monitoring:9090"]


def request(service, method, path, body=None, accept="application/json"):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {TOKEN}", "Accept": accept}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(service.base_url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path}: {error.code} {error.read().decode()}")


def run_validator(manifests):
    return subprocess.run(
        [sys.executable, os.path.join(ROOT, "tools", "validate_manifests.py"), "-"], input=manifests,
        capture_output=True, text=True, timeout=300)


def validate(label, manifests, expected=EXPECTED):
    """Runs validate_manifests.py; fails unless every expected object is there and valid."""
    result = run_validator(manifests)
    sys.stdout.write(f"-- {label}\n{result.stdout}")
    if result.returncode != 0:
        sys.exit(f"CRD check failed for {label} (exit {result.returncode}):\n{result.stderr}")
    for kind, count in expected.items():
        valid = [line for line in result.stdout.splitlines() if line.startswith("ok ") and f" {kind} " in line]
        if len(valid) != count:
            sys.exit(f"CRD check failed for {label}: {len(valid)} valid {kind} objects, expected {count}")


def expect_rejected(manifests):
    """Breaks the rendered objects where only the CEL rules look, and fails unless the validator refuses them."""
    objects = [obj for obj in yaml.safe_load_all(manifests) if obj]
    node_class = next(obj for obj in objects if obj["kind"] == "EC2NodeClass" and "role" in obj["spec"])
    node_class["spec"]["instanceProfile"] = f"KarpenterNodeInstanceProfile-{CLUSTER}"
    node_pool = next(obj for obj in objects if obj["kind"] == "NodePool")
    node_pool["spec"]["template"]["spec"]["requirements"].append({"key": "karpenter.sh/spot-only", "operator": "In", "values": ["true"]})
    result = run_validator(yaml.safe_dump_all([node_class, node_pool]))
    sys.stdout.write(f"-- deliberately broken objects\n{result.stdout}")
    for message in ["must specify exactly one of ['role', 'instanceProfile']", 'label domain "karpenter.sh" is restricted']:
        if result.returncode != 1 or message not in result.stdout:
            sys.exit(f"CRD check failed: a broken object was not refused with '{message}' (exit {result.returncode})\n{result.stderr}")


def expect_new_kinds_rejected(manifests):
    """Breaks a rendered HTTPRoute where a CEL rule looks and an InferenceService where its schema looks."""
    objects = [obj for obj in yaml.safe_load_all(manifests) if obj]
    route = next(obj for obj in objects if obj["kind"] == "HTTPRoute")
    del route["spec"]["rules"][0]["backendRefs"][0]["port"]
    service = next(obj for obj in objects if obj["kind"] == "InferenceService")
    service["spec"]["predictor"]["autoScaling"] = {"metrics": [{"type": "External", "external": {
        "metric": {"backend": "cloudwatch", "query": "x"}, "target": {"type": "Value", "value": "84"}}}]}
    result = run_validator(yaml.safe_dump_all([route, service]))
    sys.stdout.write(f"-- deliberately broken HTTPRoute and InferenceService\n{result.stdout}")
    for message in ["Must have port for Service reference", "'cloudwatch' is not one of ['prometheus', 'graphite']"]:
        if result.returncode != 1 or message not in result.stdout:
            sys.exit(f"CRD check failed: a broken object was not refused with '{message}' (exit {result.returncode})\n{result.stderr}")


def expect_capacity_kinds(manifests):
    """amd-neuron's NodePools by kind, most preferred first, and the reservation its node class selects."""
    objects = [obj for obj in yaml.safe_load_all(manifests) if obj]
    weights = {obj["metadata"]["name"]: obj["spec"].get("weight") for obj in objects if obj["kind"] == "NodePool"}
    kinds = [weights.get(f"amd-neuron-{kind}") for kind in ("reserved", "spot", "on-demand")]
    if None in kinds or not kinds[0] > kinds[1] > kinds[2]:
        sys.exit(f"CRD check failed: amd-neuron's NodePools are not weighted reserved > spot > on-demand: {weights}")
    node_class = next(obj for obj in objects if obj["kind"] == "EC2NodeClass" and obj["metadata"]["name"] == "amd-neuron")
    if node_class["spec"].get("capacityReservationSelectorTerms") != [{"id": "cr-0123456789abcdef0"}]:
        sys.exit(f"CRD check failed: amd-neuron's node class does not select its reservation: {node_class['spec']}")


def render(binary, fleet, directory, name, extra=()):
    """`switchyard render --fleet` of an exported fleet, every file's text joined."""
    fleet_file = os.path.join(directory, f"{name}.json")
    with open(fleet_file, "w") as handle:
        handle.write(fleet)
    out = os.path.join(directory, name)
    subprocess.run([binary, "render", "--fleet", fleet_file, "--out", out] + DEFAULT_NODE_CLASS + list(extra),
                   check=True, capture_output=True, text=True, timeout=300)
    files = sorted(os.path.join(folder, file) for folder, _, names in os.walk(out) for file in names if file.endswith(".yaml"))
    return "".join(open(file).read() for file in files)


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "switchyard")
    with DemoService(binary, TOKEN, arguments=DEFAULT_NODE_CLASS) as service:
        for name, node_class in NODE_CLASSES.items():
            pool = json.loads(request(service, "GET", f"/v1/pools/{name}"))
            pool["nodeClass"] = node_class
            pool.update(CAPACITY_KINDS.get(name, {}))
            request(service, "PUT", f"/v1/pools/{name}", pool)
        for pool in NEW_POOLS:
            request(service, "PUT", f"/v1/pools/{pool['name']}", pool)
        manifests = request(service, "GET", "/v1/manifests", accept="application/yaml")
        validate("GET /v1/manifests", manifests)
        expect_capacity_kinds(manifests)
        expect_rejected(manifests)
        fleet = request(service, "GET", "/v1/export")

        model = json.loads(request(service, "GET", "/v1/models/sd21"))
        model["routing"].update({"workload": "kserve", "router": "gateway-api", "gateway": GATEWAY})
        request(service, "PUT", "/v1/models/sd21", model)
        # One unit names its model, so the predictor's `model` form is checked beside the custom container.
        unit = json.loads(request(service, "GET", "/v1/units/sd21-g5-triton"))
        unit["args"] = ["--model-control-mode=explicit", "--load-model=sd21"]
        unit["kserve"] = {"modelFormat": "triton", "modelFormatVersion": "2", "runtime": "kserve-tritonserver",
                          "storageUri": "s3://models/sd21/triton"}
        request(service, "PUT", "/v1/units/sd21-g5-triton", unit)
        kserve_manifests = request(service, "GET", "/v1/manifests", accept="application/yaml")
        if "storageUri: s3://models/sd21/triton" not in kserve_manifests:
            sys.exit("GET /v1/manifests: the predictor of sd21-g5-triton does not name its model")
        validate("GET /v1/manifests, sd21 on KServe behind an HTTPRoute", kserve_manifests, KSERVE_EXPECTED)
        expect_new_kinds_rejected(kserve_manifests)
        kserve_fleet = request(service, "GET", "/v1/export")

    with tempfile.TemporaryDirectory(prefix="switchyard-crd-check-") as directory:
        validate("switchyard render", render(binary, fleet, directory, "fleet"))
        validate("switchyard render, sd21 on KServe behind an HTTPRoute",
                 render(binary, kserve_fleet, directory, "kserve"), KSERVE_EXPECTED)
        prometheus = render(binary, kserve_fleet, directory, "kserve-prometheus", PROMETHEUS)
        validate("switchyard render --trigger prometheus, sd21 on KServe (KServe's own KEDA metrics)",
                 prometheus, KSERVE_PROMETHEUS_EXPECTED)
    print("CRD check: the demo fleet with node classes, and with sd21 on KServe behind a Gateway API HTTPRoute, "
          "renders objects the CRDs and their CEL rules accept")


if __name__ == "__main__":
    main()

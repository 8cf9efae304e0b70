#!/usr/bin/env python3
"""Validate rendered Kubernetes manifests against the upstream CRDs, as the API server would on create.

Reads multi-document YAML, a JSON array, a single JSON object or a `kind: List` from a file (or stdin when
the file is `-` or absent). Every object whose apiVersion/kind is defined by a CRD in the CRD directory
(ScaledObject, NodePool, EC2NodeClass, ...) is checked against that served version: its openAPIV3Schema (types,
required fields, enums, patterns, bounds, item and property counts) after the schema's defaults are applied,
then every CEL validation rule (`x-kubernetes-validations`) with cel-python (see crd_rules.py; transition rules,
which read `oldSelf`, apply to updates only and are skipped and counted). Other objects (Deployment, Service,
Ingress) are reported as skipped. Prints one line per object and exits 1 when any object fails, 2 when the input
or the CRDs cannot be read or cel-python is missing (`pip install cel-python`).

Like the API server with strict field validation, fields a schema does not declare are errors (unless the
schema preserves unknown fields).

CRD directory: --crds DIR, else $SWITCHYARD_CRDS, else ../shared/crds relative to the repository root.
"""

import argparse
import copy
import json
import os
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

try:
    from crd_rules import RuleChecker, apply_defaults
except ImportError as missing:  # cel-python is not installed
    RuleChecker = None
    CEL_IMPORT_ERROR = missing


# libyaml's loader where PyYAML has it: the CRDs are megabytes of YAML, seconds for the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_crd_dir() -> Path:
    repo_root = Path(__file__).resolve().parent.parent
    return repo_root.parent / "shared" / "crds"


def strict(schema):
    """Adds `additionalProperties: false` where a structural schema lists its properties."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result = {key: strict(value) for key, value in schema.items()}
    if ("properties" in result and "additionalProperties" not in result
            and not result.get("x-kubernetes-preserve-unknown-fields", False)):
        result["additionalProperties"] = False
    return result


def load_crds(directory: Path):
    """Maps (apiVersion, kind) to the served version's openAPIV3Schema, as written and made strict."""
    schemas = {}
    paths = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    for path in paths:
        with path.open() as handle:
            for document in yaml.load_all(handle, Loader=SAFE_LOADER):
                if not isinstance(document, dict) or document.get("kind") != "CustomResourceDefinition":
                    continue
                spec = document["spec"]
                for version in spec.get("versions", []):
                    if not version.get("served", False):
                        continue
                    schema = version.get("schema", {}).get("openAPIV3Schema")
                    if schema is None:
                        continue
                    api_version = f"{spec['group']}/{version['name']}"
                    schemas[(api_version, spec["names"]["kind"])] = (schema, strict(copy.deepcopy(schema)))
    return schemas


def read_objects(text: str):
    stripped = text.lstrip()
    if stripped.startswith("[") or stripped.startswith("{"):
        documents = [json.loads(text)]
    else:
        documents = list(yaml.safe_load_all(text))
    objects = []
    for document in documents:
        if document is None:
            continue
        if isinstance(document, list):
            objects.extend(document)
        elif isinstance(document, dict) and document.get("kind") == "List" and isinstance(document.get("items"), list):
            objects.extend(document["items"])
        else:
            objects.append(document)
    return objects


def describe(obj) -> str:
    if not isinstance(obj, dict):
        return f"<{type(obj).__name__}>"
    metadata = obj.get("metadata") or {}
    name = metadata.get("name", "<no name>")
    namespace = metadata.get("namespace")
    where = f"{namespace}/{name}" if namespace else name
    return f"{obj.get('apiVersion', '<no apiVersion>')} {obj.get('kind', '<no kind>')} {where}"


def error_path(error) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "<root>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="-", help="manifest file; '-' or absent reads stdin")
    parser.add_argument("--crds", help="directory of CRD YAML files")
    args = parser.parse_args()
    if RuleChecker is None:
        print(f"error: cannot evaluate CEL rules: {CEL_IMPORT_ERROR} (pip install cel-python)", file=sys.stderr)
        return 2
    rules = RuleChecker()

    crd_dir = Path(args.crds or os.environ.get("SWITCHYARD_CRDS") or default_crd_dir())
    try:
        schemas = load_crds(crd_dir)
    except (OSError, yaml.YAMLError, KeyError) as error:
        print(f"error: cannot read CRDs in {crd_dir}: {error}", file=sys.stderr)
        return 2
    if not schemas:
        print(f"error: no served CRD versions found in {crd_dir}", file=sys.stderr)
        return 2
    crd_groups = {api_version.split("/")[0] for api_version, _ in schemas}

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text()
        objects = read_objects(text)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"error: cannot read manifests: {error}", file=sys.stderr)
        return 2

    failures = 0
    validated = 0
    for obj in objects:
        label = describe(obj)
        if not isinstance(obj, dict):
            print(f"FAIL {label}: not an object")
            failures += 1
            continue
        key = (obj.get("apiVersion"), obj.get("kind"))
        schemas_of_kind = schemas.get(key)
        if schemas_of_kind is None:
            group = str(key[0]).split("/")[0] if "/" in str(key[0]) else ""
            if group in crd_groups:
                print(f"FAIL {label}: no served CRD version defines this apiVersion/kind")
                failures += 1
            else:
                print(f"skip {label}: no CRD (built-in kind)")
            continue
        schema, strict_schema = schemas_of_kind
        defaulted = apply_defaults(schema, obj)
        errors = sorted(Draft202012Validator(strict_schema).iter_errors(defaulted), key=lambda e: list(map(str, e.absolute_path)))
        problems = [(error_path(error), error.message) for error in errors]
        # CEL rules are typed by the schema: on an object that breaks it they would only repeat its errors.
        if not problems:
            problems = rules.violations(schema, defaulted)
        validated += 1
        if problems:
            failures += 1
            for path, message in problems:
                print(f"FAIL {label}: {path}: {message}")
        else:
            print(f"ok   {label}")

    print(f"{len(objects)} objects, {validated} validated against CRDs, {rules.evaluated_rules} CEL rules evaluated, "
          f"{rules.skipped_transition_rules} transition rules (oldSelf) skipped as these are creates, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""What the API server does to a custom resource beyond its openAPIV3Schema's types: structural defaulting and the
CEL validation rules (`x-kubernetes-validations`), evaluated with cel-python (`pip install cel-python`, `import
celpy`).

    checker = RuleChecker()
    defaulted = apply_defaults(schema, obj)
    for path, message in checker.violations(schema, defaulted): ...

Each rule is evaluated where the API server evaluates it: with `self` bound to the value at its schema node, for
every array item under `items` and every map value under `additionalProperties`, and only where the value is
present. A rule that is false, or whose evaluation fails (a missing field, `int('x')`), is a violation, as the API
server refuses the object in both cases; so is a rule this checker cannot evaluate (a function it does not know),
so nothing passes unchecked. Transition rules (those reading `oldSelf`) constrain updates only and are skipped:
every object checked here is a create. They are counted in `skipped_transition_rules`.

Beyond CEL's standard functions, the Kubernetes extension functions the CRDs use are provided: `find` and
`findAll` (regex library) and `split` (strings library).
"""
import copy
import re

import celpy
from celpy import celtypes

TRANSITION = re.compile(r"\boldSelf\b")


def _find(text, pattern):
    match = re.search(str(pattern), str(text))
    return celtypes.StringType(match.group(0) if match else "")


def _find_all(text, pattern, limit=None):
    found = [celtypes.StringType(match.group(0)) for match in re.finditer(str(pattern), str(text))]
    return celtypes.ListType(found if limit is None or int(limit) < 0 else found[: int(limit)])


def _split(text, separator, limit=None):
    if limit is not None and int(limit) == 0:
        return celtypes.ListType([])
    parts = str(text).split(str(separator), -1 if limit is None or int(limit) < 0 else int(limit) - 1)
    return celtypes.ListType([celtypes.StringType(part) for part in parts])


KUBERNETES_FUNCTIONS = {"find": _find, "findAll": _find_all, "split": _split}


def apply_defaults(schema, value):
    """A copy of `value` with the schema's `default`s filled in where a property is absent, as the API server
    defaults a structural schema before it validates."""
    value = copy.deepcopy(value)
    _default(schema, value)
    return value


def _default(schema, value):
    if not isinstance(schema, dict):
        return
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for name, child in properties.items():
            if name not in value and isinstance(child, dict) and "default" in child:
                value[name] = copy.deepcopy(child["default"])
        for name, item in value.items():
            if name in properties:
                _default(properties[name], item)
            elif isinstance(schema.get("additionalProperties"), dict):
                _default(schema["additionalProperties"], item)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            _default(schema["items"], item)


class RuleChecker:
    def __init__(self):
        self.environment = celpy.Environment()
        self.programs = {}
        self.evaluated_rules = 0
        self.skipped_transition_rules = 0

    def violations(self, schema, value, path=""):
        """(path, message) for every rule the value breaks, depth first."""
        found = []
        self._walk(schema, value, path, found)
        return found

    def _walk(self, schema, value, path, found):
        if not isinstance(schema, dict) or value is None:
            return
        for rule in schema.get("x-kubernetes-validations") or []:
            if TRANSITION.search(rule["rule"]):
                self.skipped_transition_rules += 1
                continue
            problem = self._evaluate(rule, value)
            if problem:
                found.append((path or "<root>", problem))
        if isinstance(value, dict):
            properties = schema.get("properties") or {}
            for name, item in value.items():
                child = properties.get(name, schema.get("additionalProperties"))
                where = f"{path}.{name}" if path and name in properties else (f"{path}[{name}]" if path else name)
                self._walk(child, item, where, found)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._walk(schema.get("items"), item, f"{path}[{index}]", found)

    def _evaluate(self, rule, value):
        """None when the rule holds; otherwise why the API server would refuse the value."""
        text = rule["rule"]
        message = rule.get("message") or f"failed rule: {text}"
        self.evaluated_rules += 1
        try:
            program = self.programs.get(text)
            if program is None:
                program = self.environment.program(self.environment.compile(text), functions=KUBERNETES_FUNCTIONS)
                self.programs[text] = program
            result = program.evaluate({"self": celpy.json_to_cel(value)})
        except celpy.CELParseError as error:
            return f"{message} (rule does not parse: {error}; rule: {text})"
        except celpy.CELEvalError as error:
            return f"{message} (rule evaluation failed: {_first_line(error)}; rule: {text})"
        if isinstance(result, celpy.CELEvalError):
            return f"{message} (rule evaluation failed: {_first_line(result)}; rule: {text})"
        if not isinstance(result, celtypes.BoolType):
            return f"{message} (rule gave {result!r}, not a bool; rule: {text})"
        return None if result else f"{message} (rule: {text})"


def _first_line(error):
    detail = error.args[0] if getattr(error, "args", None) else error
    return str(detail).splitlines()[0][:200]

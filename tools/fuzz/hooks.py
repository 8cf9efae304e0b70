"""Schemathesis hooks for the CI fuzzing gate.

Switchyard reads YAML bodies with the YAML 1.2 core schema, where a plain `1e100` is a number; PyYAML writes YAML
1.1, where it is a string and needs no quotes. Request bodies are therefore written with every string quoted, so
each scalar means in YAML 1.2 what the generated value is.

The manifest and OpenAPI operations answer `application/yaml` declared as text (`type: string`): a stream of
Kubernetes documents, one per object, as `kubectl apply -f` reads it. Their bodies are checked to parse as a
YAML stream and handed to the schema check as the text they are; every other YAML body is one document.
"""
import schemathesis
import yaml
from schemathesis.core import media_types

STREAMS = {"/openapi.yaml", "/v1/manifests", "/v1/models/{name}/manifests"}


# Every YAML media type: schemathesis matches a response against its registered YAML types by family.
@schemathesis.deserializer(*media_types.YAML_MEDIA_TYPES)
def yaml_body(ctx, response):
    text = response.content.decode("utf-8")
    if ctx.operation.path in STREAMS:
        list(yaml.safe_load_all(text))
        return text
    return yaml.safe_load(text)


class _QuotedStrings(yaml.SafeDumper):
    """A dumper that quotes every string."""


_QuotedStrings.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'"))


# Every YAML media type too: a request picks the first registered serializer of its media type's family, and the
# built-in one for `text/yaml` comes before `application/yaml`.
@schemathesis.serializer(*media_types.YAML_MEDIA_TYPES)
def yaml_request(ctx, value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    return yaml.dump(value, Dumper=_QuotedStrings).encode("utf-8")

"""Schemathesis hooks for the CI fuzzing gate.

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

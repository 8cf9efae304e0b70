internal import OpenAPIRuntime
import SwitchyardCore

// Rendered objects: the envelope Kubernetes defines (apiVersion, kind, metadata) typed, the rest of each kind's
// fields passed through as rendered.

extension Components.Schemas.KubernetesObject {
    init(_ object: SwitchyardCore.KubernetesObject) throws {
        guard case .object(let members) = try object.jsonValue() else {
            throw SchemaMismatch(detail: "\(object.kind) \(object.metadata.name) does not render as a JSON object")
        }
        var fields: [String: (any Sendable)?] = [:]
        for member in members where !["apiVersion", "kind", "metadata"].contains(member.key) {
            fields[member.key] = member.value.openAPIValue
        }
        self.init(
            apiVersion: object.apiVersion, kind: object.kind, metadata: .init(object.metadata),
            additionalProperties: try OpenAPIObjectContainer(unvalidatedValue: fields))
    }
}

extension Components.Schemas.KubernetesObjectMeta {
    init(_ metadata: ObjectMeta) {
        self.init(
            name: metadata.name, namespace: metadata.namespace,
            labels: metadata.labels.map { .init(additionalProperties: $0.dictionary) },
            annotations: metadata.annotations.map { .init(additionalProperties: $0.dictionary) })
    }
}

/// What can go wrong turning objects into text and back.
public enum RenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An object could not be encoded.
    case encoding(String)
    /// A YAML or JSON document could not be read.
    case parsing(String)
    /// A document is not an object Switchyard renders (unknown apiVersion/kind, or missing metadata.name).
    case unsupportedObject(String)

    public var description: String {
        switch self {
        case .encoding(let detail): "cannot encode manifest: \(detail)"
        case .parsing(let detail): "cannot read manifest: \(detail)"
        case .unsupportedObject(let detail): "unsupported object: \(detail)"
        }
    }
}

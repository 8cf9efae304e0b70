/// Lays rendered objects out as files, one object per file, so `kubectl apply -f DIR -R` and `git diff` work:
/// `<namespace>/<kind>-<name>.yaml` for namespaced objects, `cluster/<kind>-<name>.yaml` for cluster-scoped
/// ones, and `elbv2/<model>.json` for the direct ALB forward configs.
public enum ManifestFileLayout {
    public struct File: Sendable, Equatable {
        /// Relative to the output directory, `/`-separated.
        public var path: String
        public var contents: String
    }

    /// An object's file, from its metadata alone.
    public static func path(of object: KubernetesObject) -> String {
        "\(object.metadata.namespace ?? "cluster")/\(object.kind.lowercased())-\(object.metadata.name).yaml"
    }

    public static func files(for manifests: RenderedManifests) throws -> [File] {
        var files: [File] = []
        for object in manifests.objects {
            files.append(File(path: path(of: object), contents: try ManifestSerializer.yaml([object])))
        }
        for forward in manifests.forwardConfigs {
            let value = try ManifestSerializer.treeValue(forward.forwardConfig)
            files.append(File(path: "elbv2/\(forward.model).json", contents: value.jsonText(pretty: true) + "\n"))
        }
        return files
    }
}

extension FleetValidator {
    /// Violations of a unit's KServe model spec, with paths under `kserve`: a model format and runtime KServe can
    /// match (label-like names), and a storage URI its storage initializer fetches.
    static func violations(of spec: KServeModelSpec, in check: inout ViolationCollector) {
        check.requireNonEmpty(spec.modelFormat, "kserve.modelFormat", and: KubernetesText.labelValueProblem)
        if let version = spec.modelFormatVersion {
            check.requireNonEmpty(version, "kserve.modelFormatVersion", and: KubernetesText.labelValueProblem)
        }
        if let runtime = spec.runtime, let problem = NameRule.problem(with: runtime) {
            check.add("kserve.runtime", problem)
        }
        if let uri = spec.storageUri {
            check.requireToken(uri, "kserve.storageUri", maxLength: 2_048)
            let scheme = uri.range(of: "://").map { String(uri[..<$0.lowerBound]) }
            check.require(
                scheme.map(KServeModelSpec.storageSchemes.contains) == true && !uri.hasSuffix("://"), "kserve.storageUri",
                "must be a URI KServe's storage initializer fetches: \(KServeModelSpec.storageSchemes.map { "\($0)://" }.joined(separator: ", "))")
        }
    }
}

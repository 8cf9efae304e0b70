/// What runs a model's units in the cluster.
public enum WorkloadKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Per unit a Deployment, its Service and a KEDA ScaledObject, all rendered by Switchyard.
    case deployment
    /// Per unit a KServe InferenceService in Standard (raw deployment) mode, scaled by KEDA; KServe creates the
    /// Deployment and the `<name>-predictor` Service the weights address.
    case kserve
}

/// How a unit of a `kserve` model names its model to KServe, rendered as the predictor's `model` instead of a
/// custom container: the model format (KServe picks a ClusterServingRuntime or ServingRuntime that supports it,
/// or `runtime` names one), and where the storage initializer fetches the model from. The unit's image, args,
/// port, probes and device resources are set on it as well; the image overrides the runtime's.
public struct KServeModelSpec: Codable, Sendable, Equatable, Hashable {
    /// e.g. `huggingface`, `pytorch`, `triton`, `onnx`.
    public var modelFormat: String
    public var modelFormatVersion: String?
    /// The ServingRuntime (or ClusterServingRuntime) to use; nil: KServe chooses by model format.
    public var runtime: String?
    /// e.g. `s3://models/sd21/`, `hf://stabilityai/stable-diffusion-2-1`, `pvc://models/sd21`.
    public var storageUri: String?

    /// The URI schemes KServe's storage initializer fetches from.
    public static let storageSchemes = ["s3", "gs", "hf", "pvc", "oci", "https", "http", "hdfs", "webhdfs"]

    public init(modelFormat: String, modelFormatVersion: String? = nil, runtime: String? = nil, storageUri: String? = nil) {
        self.modelFormat = modelFormat
        self.modelFormatVersion = modelFormatVersion
        self.runtime = runtime
        self.storageUri = storageUri
    }
}

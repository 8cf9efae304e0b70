/// Why the benchmark could not measure.
enum BenchError: Error, CustomStringConvertible {
    case failed(String)

    var description: String {
        switch self {
        case .failed(let why): why
        }
    }
}

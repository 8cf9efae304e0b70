extension GateReading {
    /// What is wrong with a reading reported from outside (a canary analysis job, a smoke test, a load test): it
    /// must carry at least one figure, an error rate as a fraction from 0 to 1, a latency of at least 0 ms.
    public var violations: [FieldViolation] {
        var found: [FieldViolation] = []
        if errorRate == nil, latencyMs == nil {
            found.append(FieldViolation(field: "errorRate", message: "give errorRate, latencyMs or both"))
        }
        if let rate = errorRate, !(rate.isFinite && rate >= 0 && rate <= 1) {
            found.append(FieldViolation(field: "errorRate", message: "must be a fraction from 0 to 1, got \(rate)"))
        }
        if let latency = latencyMs, !(latency.isFinite && latency >= 0) {
            found.append(FieldViolation(field: "latencyMs", message: "must be a number of milliseconds of at least 0, got \(latency)"))
        }
        return found
    }
}

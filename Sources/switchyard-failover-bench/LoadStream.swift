import Foundation
import Synchronization

/// A stream of writes (a new model each) and capacity signals sent to every replica in turn, one at a time, until
/// stopped; answers what was acknowledged (201 for a write, 202 for a signal). A replica that is down or does not
/// answer acknowledges nothing, and is tried again in its turn.
final class LoadStream: Sendable {
    struct Acknowledged {
        var models: [String] = []
        /// Request ids of the acknowledged signals.
        var signals: [String] = []
    }

    let replicas: [ReplicaProcess]
    let prefix: String
    private let stopped = Mutex(false)

    init(replicas: [ReplicaProcess], prefix: String) {
        self.replicas = replicas
        self.prefix = prefix.replacingOccurrences(of: "_", with: "-")
    }

    func stop() { stopped.withLock { $0 = true } }

    func run() async -> Acknowledged {
        var acknowledged = Acknowledged()
        var number = 0
        while !stopped.withLock({ $0 }) {
            number += 1
            let replica = replicas[number % replicas.count]
            if number % 4 == 0 {
                // amd-nvidia recovering: a signal every replica records, which changes nothing while it is healthy.
                let id = "\(prefix)-signal-\(number)"
                let body: [String: Any] = ["pool": "amd-nvidia", "condition": "recovered", "reason": "bench"]
                if let (_, status) = try? await replica.request("POST", "/v1/capacity-signals", body: body, requestID: id),
                   status == 202
                {
                    acknowledged.signals.append(id)
                }
            } else {
                let name = "\(prefix)-\(number)"
                let body: [String: Any] = [
                    "name": name,
                    "slo": ["latencyPercentile": "p95", "latencyThresholdMs": 700, "maxErrorRate": 0.01, "maxUtilization": 0.8],
                    "routing": ["defaultStrategy": "cost"],
                ]
                if let (_, status) = try? await replica.request("PUT", "/v1/models/\(name)", body: body), status == 201 {
                    acknowledged.models.append(name)
                }
            }
        }
        return acknowledged
    }
}

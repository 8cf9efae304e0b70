import Foundation

/// How the replicas elect the one that runs the loops through a Kubernetes Lease: where the Lease is, the timings
/// client-go uses, and this replica's name in it.
struct LeaseSettings {
    let namespace: String
    /// Unique per process: two replicas on one host (or one pod restarted in place) never share it.
    let identity: String
    let durationSeconds: Int
    let renewDeadlineSeconds: Int
    let retryPeriodSeconds: Int

    /// Nil without `--lease-namespace`: this replica is the controller, or (on PostgreSQL) elected by advisory lock.
    init?(_ settings: Settings, identity: String) throws {
        guard let namespace = settings.string("leaseNamespace") else { return nil }
        self.namespace = namespace
        self.identity = identity
        durationSeconds = try settings.int("leaseDuration", default: 15, minimum: 2, unit: " of seconds")
        renewDeadlineSeconds = try settings.int("leaseRenewDeadline", default: 10, minimum: 1, unit: " of seconds")
        retryPeriodSeconds = try settings.int("leaseRetryPeriod", default: 2, minimum: 1, unit: " of seconds")
        guard renewDeadlineSeconds < durationSeconds else {
            throw SettingError.invalid(
                key: "leaseRenewDeadline", value: "\(renewDeadlineSeconds)",
                expected: "less than --lease-duration (\(durationSeconds) s)")
        }
        guard retryPeriodSeconds < renewDeadlineSeconds else {
            throw SettingError.invalid(
                key: "leaseRetryPeriod", value: "\(retryPeriodSeconds)",
                expected: "less than --lease-renew-deadline (\(renewDeadlineSeconds) s)")
        }
    }

    /// The pod's name where Kubernetes gives it (POD_NAME from the downward API, else HOSTNAME), else the host name,
    /// followed by a random suffix.
    static func processIdentity(environment: [String: String]) -> String {
        let base = [environment["POD_NAME"], environment["HOSTNAME"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? ProcessInfo.processInfo.hostName
        let suffix = UUID().uuidString.lowercased().prefix(8)
        return "\(base)-\(suffix)"
    }
}

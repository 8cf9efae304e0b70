import Foundation
import SwitchyardCore

/// The fields of a coordination.k8s.io/v1 Lease that leader election reads and writes.
struct LeaseRecord: Sendable, Equatable {
    var holderIdentity: String?
    var leaseDurationSeconds: Int
    var acquireTime: Date?
    var renewTime: Date?
    var leaseTransitions: Int
    /// The resourceVersion read, sent back on update so a concurrent writer makes the update fail with 409.
    var resourceVersion: String?

    /// Reads a Lease object; nil when it has no spec.
    init?(lease: JSONValue) {
        guard let spec = lease["spec"] else { return nil }
        holderIdentity = spec["holderIdentity"]?.stringValue
        leaseDurationSeconds = spec["leaseDurationSeconds"]?.numberValue.map { Int(saturating: $0) } ?? 0
        acquireTime = spec["acquireTime"]?.stringValue.flatMap(MicroTime.date)
        renewTime = spec["renewTime"]?.stringValue.flatMap(MicroTime.date)
        leaseTransitions = spec["leaseTransitions"]?.numberValue.map { Int(saturating: $0) } ?? 0
        resourceVersion = lease["metadata"]?["resourceVersion"]?.stringValue
    }

    init(
        holderIdentity: String?, leaseDurationSeconds: Int, acquireTime: Date?, renewTime: Date?,
        leaseTransitions: Int, resourceVersion: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.resourceVersion = resourceVersion
    }

    /// Whether the holder's claim has lapsed at `now`: no holder, never renewed, or renewed longer ago than the duration.
    func isExpired(at now: Date) -> Bool {
        guard let holder = holderIdentity, !holder.isEmpty, let renewTime else { return true }
        return now >= renewTime.addingTimeInterval(TimeInterval(leaseDurationSeconds))
    }

    /// The Lease object to create or update.
    func object(name: String, namespace: String) -> JSONValue {
        var metadata: [JSONValue.Member] = [.init("name", .string(name)), .init("namespace", .string(namespace))]
        if let resourceVersion { metadata.append(.init("resourceVersion", .string(resourceVersion))) }
        var spec: [JSONValue.Member] = [
            .init("holderIdentity", holderIdentity.map(JSONValue.string) ?? .null),
            .init("leaseDurationSeconds", .integer(leaseDurationSeconds)),
        ]
        if let acquireTime { spec.append(.init("acquireTime", .string(MicroTime.text(acquireTime)))) }
        if let renewTime { spec.append(.init("renewTime", .string(MicroTime.text(renewTime)))) }
        spec.append(.init("leaseTransitions", .integer(leaseTransitions)))
        return .object([
            .init("apiVersion", .string("coordination.k8s.io/v1")), .init("kind", .string("Lease")),
            .init("metadata", .object(metadata)), .init("spec", .object(spec)),
        ])
    }
}

/// Kubernetes `MicroTime`: RFC 3339 in UTC with six fractional digits, `2026-01-31T12:00:00.123456Z`.
enum MicroTime {
    static func text(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = floor(seconds)
        let micros = min(999_999, Int(saturating: ((seconds - whole) * 1_000_000).rounded()))
        let base = Date(timeIntervalSince1970: whole).formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon))
        return base.replacingOccurrences(of: "Z", with: "") + "." + String(format: "%06d", micros) + "Z"
    }

    /// Reads RFC 3339 with any number of fractional digits (or none).
    static func date(_ text: String) -> Date? {
        var text = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digitsEnd = text[text.index(after: dot)...].firstIndex { !$0.isNumber } ?? text.endIndex
            let digits = text[text.index(after: dot)..<digitsEnd]
            fraction = Double("0." + digits) ?? 0
            text.removeSubrange(dot..<digitsEnd)
        }
        guard let whole = try? Date.ISO8601FormatStyle().parse(text) else { return nil }
        return whole.addingTimeInterval(fraction)
    }
}

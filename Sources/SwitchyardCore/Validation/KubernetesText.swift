/// What Kubernetes accepts for the strings Switchyard renders into objects, as its API server validates
/// them (`k8s.io/apimachinery/pkg/util/validation`): label values, qualified names (label and taint keys),
/// and the free text of annotation values, images and probe paths. Each check says why a value is refused,
/// or nil when it is accepted.
public enum KubernetesText {
    /// A label value (also a taint value and a NodePool requirement value): empty, or at most 63
    /// characters of `[A-Za-z0-9._-]` beginning and ending with a letter or digit.
    public static func labelValueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        return namePartProblem(value)
    }

    /// A qualified name (label keys, taint keys): an optional DNS subdomain prefix and `/`, then a name of
    /// at most 63 characters of `[A-Za-z0-9._-]` beginning and ending with a letter or digit.
    public static func qualifiedNameProblem(_ value: String) -> String? {
        let parts = value.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return value.isEmpty ? "must not be empty" : namePartProblem(value)
        case 2:
            let prefix = String(parts[0])
            if prefix.isEmpty { return "must not have an empty prefix before '/'" }
            if prefix.utf8.count > 253 { return "prefix must be at most 253 characters" }
            let labels = prefix.split(separator: ".", omittingEmptySubsequences: false)
            if labels.contains(where: { NameRule.labelProblem(with: String($0)) != nil }) {
                return "prefix must be a lowercase DNS subdomain such as example.com"
            }
            if parts[1].isEmpty { return "must have a name after '/'" }
            return namePartProblem(String(parts[1]))
        default:
            return "may contain at most one '/'"
        }
    }

    /// Free text carried as is (annotation values, images, ARNs, probe paths): valid for YAML and JSON
    /// alike, so no control characters (C0, DEL, C1) and no byte-order or non-characters; at most `maxLength` bytes.
    public static func textProblem(_ value: String, maxLength: Int = 4_096) -> String? {
        if value.utf8.count > maxLength { return "must be at most \(maxLength) bytes" }
        for scalar in value.unicodeScalars where !isPrintable(scalar) {
            return "must not contain control or non-printable characters (found U+\(hex(scalar.value)))"
        }
        return nil
    }

    /// Free text without any whitespace either (images, ARNs, probe paths).
    public static func tokenProblem(_ value: String, maxLength: Int = 4_096) -> String? {
        if let problem = textProblem(value, maxLength: maxLength) { return problem }
        return value.unicodeScalars.contains(where: { $0.properties.isWhitespace }) ? "must not contain whitespace" : nil
    }

    /// The characters YAML 1.1 accepts in a stream, less the C1 controls and NEL that some readers refuse.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalar.value != 0xFEFF
        default: false
        }
    }

    private static func namePartProblem(_ value: String) -> String? {
        if value.utf8.count > 63 { return "must be at most 63 characters" }
        let bytes = Array(value.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard bytes.allSatisfy({ alphanumeric($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) else {
            return "may contain only letters, digits, '-', '_' and '.'"
        }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else {
            return "must start and end with a letter or digit"
        }
        return nil
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// The rule every resource name follows, close to a Kubernetes DNS-1123 name so names can be used
/// in object names and labels: lowercase letters, digits, '-' and '.', starting and ending with
/// a letter or digit, at most 63 characters.
public enum NameRule {
    public static let maximumLength = 63

    /// Why `name` is not acceptable, or nil when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.count > maximumLength { return "must be at most \(maximumLength) characters" }
        let allowed = name.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard allowed else { return "may contain only lowercase letters, digits, '-' and '.'" }
        guard let first = name.utf8.first, let last = name.utf8.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return "must start and end with a lowercase letter or digit"
        }
        return nil
    }

    /// A Kubernetes DNS-1123 label (namespaces, services): like a name, without dots.
    public static func labelProblem(with label: String) -> String? {
        if let problem = problem(with: label) { return problem }
        return label.contains(".") ? "must not contain '.'" : nil
    }

    public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

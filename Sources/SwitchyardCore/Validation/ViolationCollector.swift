/// Accumulates violations under a JSON path prefix, so nested values report full paths like `units[2].kubernetes.port`.
struct ViolationCollector {
    private(set) var violations: [FieldViolation] = []
    private let prefix: String

    init(prefix: String = "") {
        self.prefix = prefix
    }

    /// A path relative to this collector's prefix.
    func path(_ field: String) -> String {
        if prefix.isEmpty { return field }
        if field.isEmpty { return prefix }
        return field.hasPrefix("[") ? prefix + field : prefix + "." + field
    }

    mutating func add(_ field: String, _ message: String) {
        violations.append(FieldViolation(field: path(field), message: message))
    }

    mutating func append(contentsOf others: [FieldViolation]) {
        violations.append(contentsOf: others)
    }

    /// Reports `field` unless `condition` holds.
    mutating func require(_ condition: Bool, _ field: String, _ message: @autoclosure () -> String) {
        if !condition { add(field, message()) }
    }

    mutating func requireName(_ value: String, _ field: String) {
        if let problem = NameRule.problem(with: value) { add(field, problem) }
    }

    mutating func requireNonEmpty(_ value: String, _ field: String) {
        require(!value.trimmingWhitespace.isEmpty, field, "must not be empty")
    }

    /// Not empty and, when it is not, free of `problem`: one violation per field at most.
    mutating func requireNonEmpty(_ value: String, _ field: String, and problem: (String) -> String?) {
        if value.trimmingWhitespace.isEmpty {
            add(field, "must not be empty")
        } else if let problem = problem(value) {
            add(field, problem)
        }
    }

    /// Finite and strictly positive: thresholds, sizes, rates that must exist.
    mutating func requirePositive(_ value: Double, _ field: String) {
        require(value.isFinite && value > 0, field, "must be a finite number greater than 0")
    }

    mutating func requireNonNegative(_ value: Double, _ field: String) {
        require(value.isFinite && value >= 0, field, "must be a finite number of at least 0")
    }

    /// Finite and within `range` (the documented bounds of the field).
    mutating func requireWithin(_ value: Double, _ range: ClosedRange<Double>, _ field: String) {
        require(
            value.isFinite && range.contains(value), field,
            "must be a finite number between \(DecimalText.format(range.lowerBound, places: 3)) and \(DecimalText.format(range.upperBound, places: 3))")
    }

    /// Finite, greater than 0 and at most `maximum`.
    mutating func requirePositive(_ value: Double, atMost maximum: Double, _ field: String) {
        require(
            value.isFinite && value > 0 && value <= maximum, field,
            "must be a finite number greater than 0 and at most \(DecimalText.format(maximum, places: 3))")
    }

    mutating func requireWithin(_ value: Int, _ range: ClosedRange<Int>, _ field: String) {
        require(range.contains(value), field, "must be between \(range.lowerBound) and \(range.upperBound)")
    }

    mutating func requireLabelValue(_ value: String, _ field: String) {
        if let problem = KubernetesText.labelValueProblem(value) { add(field, problem) }
    }

    mutating func requireQualifiedName(_ value: String, _ field: String) {
        if let problem = KubernetesText.qualifiedNameProblem(value) { add(field, problem) }
    }

    mutating func requireText(_ value: String, _ field: String, maxLength: Int = 4_096) {
        if let problem = KubernetesText.textProblem(value, maxLength: maxLength) { add(field, problem) }
    }

    mutating func requireToken(_ value: String, _ field: String, maxLength: Int = 4_096) {
        if let problem = KubernetesText.tokenProblem(value, maxLength: maxLength) { add(field, problem) }
    }

    /// A fraction such as an error rate or a utilisation.
    mutating func requireFraction(_ value: Double, _ field: String) {
        require(value.isFinite && (0...1).contains(value), field, "must be between 0 and 1")
    }
}

extension String {
    var trimmingWhitespace: Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}

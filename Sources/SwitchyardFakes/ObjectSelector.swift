import Foundation
import SwitchyardCore

/// The subset of label and field selectors the fake understands: `k=v`, `k==v`, `k!=v` and bare `k` (exists),
/// joined by commas. Field selectors address dotted paths such as `metadata.name` or `involvedObject.kind`.
struct ObjectSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case exists(String)
    }

    var labels: [Requirement] = []
    var fields: [Requirement] = []

    init(labelSelector: String?, fieldSelector: String?) {
        labels = Self.parse(labelSelector)
        fields = Self.parse(fieldSelector)
    }

    static func parse(_ text: String?) -> [Requirement] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").map { part in
            let term = part.trimmingCharacters(in: .whitespaces)
            if let range = term.range(of: "!=") {
                return .notEquals(String(term[..<range.lowerBound]), String(term[range.upperBound...]))
            }
            if let range = term.range(of: "==") ?? term.range(of: "=") {
                return .equals(String(term[..<range.lowerBound]), String(term[range.upperBound...]))
            }
            return .exists(term)
        }
    }

    func matches(_ object: JSONValue) -> Bool {
        let labelsOK = labels.allSatisfy { requirement in
            Self.check(requirement) { object["metadata"]?["labels"]?[$0]?.stringValue }
        }
        let fieldsOK = fields.allSatisfy { requirement in
            Self.check(requirement) { path in
                object.value(at: path.split(separator: ".").map(String.init))?.selectorText
            }
        }
        return labelsOK && fieldsOK
    }

    private static func check(_ requirement: Requirement, lookup: (String) -> String?) -> Bool {
        switch requirement {
        case .equals(let key, let value): lookup(key) == value
        case .notEquals(let key, let value): lookup(key) != value
        case .exists(let key): lookup(key) != nil
        }
    }
}

import Foundation
import Yams

// Usage: OpenAPIEmbedder openapi.yaml OUTPUT.swift
// Writes `EmbeddedOpenAPI`: the document's text, byte for byte, and every operation with its method, path template
// and the access it needs: open when it declares `security: []`, else the role its `x-switchyard-role` names.
// An operation with neither, or without an `operationId`, fails the build.

struct SpecError: Error, CustomStringConvertible {
    var description: String
}

let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

func access(of operation: [String: Any], _ label: String) throws -> String {
    if let role = operation["x-switchyard-role"] {
        guard let role = role as? String, !role.isEmpty, role.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw SpecError(description: "\(label): `x-switchyard-role` is not a role name")
        }
        return ".role(.`\(role)`)"
    }
    if let security = operation["security"] as? [Any], security.isEmpty { return ".open" }
    throw SpecError(description: "\(label) has neither `security: []` nor `x-switchyard-role`")
}

func operations(in text: String) throws -> [String] {
    guard let document = try Yams.load(yaml: text) as? [String: Any], let paths = document["paths"] as? [String: Any]
    else { throw SpecError(description: "the document has no `paths`") }
    var entries: [String] = []
    for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
        guard let item = item as? [String: Any] else { throw SpecError(description: "path \(path) is not a mapping") }
        for method in methods {
            guard let operation = item[method] as? [String: Any] else { continue }
            let label = "\(method.uppercased()) \(path)"
            guard let id = operation["operationId"] as? String else { throw SpecError(description: "\(label) has no operationId") }
            entries.append(
                ".init(id: \(String(reflecting: id)), method: \(String(reflecting: method.uppercased())), "
                    + "template: \(String(reflecting: path)), access: \(try access(of: operation, label)))")
        }
    }
    return entries
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let input = arguments.first, let output = arguments.last else {
    FileHandle.standardError.write(Data("usage: OpenAPIEmbedder openapi.yaml OUTPUT.swift\n".utf8))
    exit(64)
}
do {
    let text = try String(contentsOfFile: input, encoding: .utf8)
    let source = """
        // Generated from openapi/openapi.yaml at build time. Do not edit.

        enum EmbeddedOpenAPI {
            /// The document, byte for byte, served at `/openapi.yaml`.
            static let yaml: String = \(String(reflecting: text))

            /// Every operation of the document, in path order.
            static let operations: [RouteTable.Operation] = [
        \(try operations(in: text).map { "        \($0),\n" }.joined())    ]
        }

        """
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: \(input): \(error)\n".utf8))
    exit(1)
}

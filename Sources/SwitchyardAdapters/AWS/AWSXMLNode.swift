import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name, text, children. Enough to read AWS Query-protocol responses.
public struct AWSXMLNode: Sendable, Equatable {
    public var name: String
    /// The element's own character data, trimmed.
    public var text: String
    public var children: [AWSXMLNode]

    public init(name: String, text: String = "", children: [AWSXMLNode] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child named `name`.
    public func child(_ name: String) -> AWSXMLNode? {
        children.first { $0.name == name }
    }

    /// The node reached by following child names, e.g. `["DescribeListenersResult", "Listeners"]`.
    public func path(_ names: String...) -> AWSXMLNode? {
        names.reduce(Optional(self)) { node, name in node?.child(name) }
    }

    /// The `member` children of the child named `name` (how the Query protocol encodes lists).
    public func members(of name: String) -> [AWSXMLNode] {
        child(name)?.children.filter { $0.name == "member" } ?? []
    }

    /// The first element named `name` anywhere below this one, depth first.
    public func descendant(_ name: String) -> AWSXMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.descendant(name) { return found }
        }
        return nil
    }

    /// The text of the child named `name`, or nil when there is no such child.
    public func text(of name: String) -> String? {
        child(name)?.text
    }

    /// Parses a document into its root element.
    public static func parse(_ data: Data) throws -> AWSXMLNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw AWSXMLError(reason: reason)
        }
        return root
    }
}

/// The response body was not well-formed XML.
public struct AWSXMLError: Error, Sendable, Equatable {
    public var reason: String
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [AWSXMLNode] = []
    private(set) var root: AWSXMLNode?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(AWSXMLNode(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard var node = stack.popLast() else { return }
        node.text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}

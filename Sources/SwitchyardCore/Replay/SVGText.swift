/// A minimal SVG writer: elements with attributes in a stable (sorted) order, text escaped.
struct SVGText {
    private(set) var output = ""

    mutating func open(_ name: String, _ attributes: [String: String]) {
        output += "<\(name)\(Self.attributes(attributes))>\n"
    }

    mutating func close(_ name: String) {
        output += "</\(name)>\n"
    }

    mutating func element(_ name: String, _ attributes: [String: String]) {
        output += "<\(name)\(Self.attributes(attributes))/>\n"
    }

    mutating func text(
        _ x: Double, _ y: Double, _ content: String, size: Double, anchor: String = "start",
        weight: String = "normal", fill: String = "#111111"
    ) {
        let attributes = ["x": ReplayNumber.text(x, decimals: 1), "y": ReplayNumber.text(y, decimals: 1),
                          "font-size": ReplayNumber.text(size), "text-anchor": anchor, "font-weight": weight, "fill": fill]
        output += "<text\(Self.attributes(attributes))>\(Self.escape(content))</text>\n"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escape(attributes[$0] ?? ""))\"" }.joined()
    }
}

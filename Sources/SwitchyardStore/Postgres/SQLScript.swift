/// A migration script cut into its statements, for a connection that runs one statement at a time: semicolons end
/// statements except inside quotes (`'…'`, `"…"`), dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`) and comments.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        enum State { case code, quoted(Character), lineComment, dollarQuoted(String) }
        let characters = Array(script)
        var statements: [String] = []
        var current = ""
        var hasCode = false
        var state = State.code
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch state {
            case .code:
                if character == "-", next == "-" {
                    state = .lineComment
                } else if character == "'" || character == "\"" {
                    state = .quoted(character)
                    hasCode = true
                } else if character == "$", let tag = dollarTag(in: characters, at: index) {
                    state = .dollarQuoted(tag)
                    current += tag
                    index += tag.count
                    hasCode = true
                    continue
                } else if character == ";" {
                    if hasCode { statements.append(current.trimmingWhitespace) }
                    current = ""
                    hasCode = false
                    index += 1
                    continue
                } else if !character.isWhitespace {
                    hasCode = true
                }
            case .quoted(let quote):
                if character == quote { state = .code }
            case .lineComment:
                if character == "\n" { state = .code }
            case .dollarQuoted(let tag):
                if character == "$", String(characters[index..<min(index + tag.count, characters.count)]) == tag {
                    current += tag
                    index += tag.count
                    state = .code
                    continue
                }
            }
            current.append(character)
            index += 1
        }
        if hasCode { statements.append(current.trimmingWhitespace) }
        return statements
    }

    /// The dollar-quote tag (`$$` or `$name$`) starting at `index`, if one does.
    private static func dollarTag(in characters: [Character], at index: Int) -> String? {
        var end = index + 1
        while end < characters.count, characters[end] == "_" || characters[end].isLetter || characters[end].isNumber {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { return nil }
        // `$1` is a parameter, not a tag.
        if end > index + 1, characters[index + 1].isNumber { return nil }
        return String(characters[index...end])
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

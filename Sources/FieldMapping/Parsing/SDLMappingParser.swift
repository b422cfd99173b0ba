/// Reads Data Loader `.sdl` mapping files (Java properties syntax): `column=Field`, `"constant"=Field`,
/// several targets separated by commas, lookups written `column=Account\:Legacy_Id__c` (older Data Loader),
/// `column=Account.Legacy_Id__c` or, for polymorphic references, `column=Account\:Owner.Username`.
///
/// An `.sdl` file names no object or operation (Data Loader keeps them in `process-conf.xml`); they come from the
/// command line.
struct SDLMappingParser {
    let path: String

    func parse(_ text: String) -> ImportMapping {
        var mapping = ImportMapping(path: path, format: .sdl)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("!") { continue }
            let at = SourceLocation(file: path, line: lineNumber, column: 1)
            guard let (rawKey, rawValue) = Self.splitProperty(String(trimmed)) else {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .syntax, at: at, "line is not 'source=Field'",
                        fix: "write 'csv_column=FieldApiName' or '\"constant\"=FieldApiName'"))
                continue
            }
            let source = Self.unescape(rawKey).trimmingSpaces
            let targets = Self.unescape(rawValue).split(separator: ",").map { String($0).trimmingSpaces }
                .filter { !$0.isEmpty }
            if targets.isEmpty { continue }  // `SYSTEMMODSTAMP=`: Data Loader's way of leaving a column unmapped.
            for target in targets {
                if source.count >= 2, source.hasPrefix("\""), source.hasSuffix("\"") {
                    let value = String(source.dropFirst().dropLast())
                    mapping.constants.append(ConstantRule(field: target, value: value, location: at))
                } else if let lookup = Self.lookup(target, column: source, at: at) {
                    mapping.lookups.append(lookup)
                } else {
                    mapping.fields.append(FieldRule(column: source, field: target, location: at))
                }
            }
        }
        return mapping
    }

    /// `Account:Legacy_Id__c`, `Account.Legacy_Id__c`, `Account:Owner.Username` (object type, relationship, key).
    static func lookup(_ target: String, column: String, at: SourceLocation) -> LookupRule? {
        var relationship = target
        var parentObject = ""
        if let colon = target.firstIndex(of: ":") {
            let head = String(target[..<colon])
            let tail = String(target[target.index(after: colon)...])
            if tail.contains(".") {
                parentObject = head
                relationship = tail
            } else {
                var rule = LookupRule(field: head, column: column, parentObject: "", parentKey: tail, location: at)
                rule.namedByRelationship = true
                return rule
            }
        }
        guard let dot = relationship.firstIndex(of: ".") else { return nil }
        let name = String(relationship[..<dot])
        let key = String(relationship[relationship.index(after: dot)...])
        var rule = LookupRule(field: name, column: column, parentObject: parentObject, parentKey: key, location: at)
        rule.namedByRelationship = true
        return rule
    }

    /// Splits at the first unescaped `=` (or, failing that, `:`), as java.util.Properties does.
    static func splitProperty(_ line: String) -> (String, String)? {
        var escaped = false
        var colonIndex: String.Index?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=" {
                return (String(line[..<index]), String(line[line.index(after: index)...]))
            } else if character == ":", colonIndex == nil {
                colonIndex = index
            }
            index = line.index(after: index)
        }
        if let colonIndex {
            return (String(line[..<colonIndex]), String(line[line.index(after: colonIndex)...]))
        }
        return nil
    }

    /// Removes properties escapes: `\:` `\=` `\ ` `\\` `\t` `\n`.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

import Foundation

/// Minimal reading of the SOAP login envelopes: element text by local name, whatever the namespace prefix.
///
/// The login response and fault are small, flat and fixed by the partner WSDL, so a scanner that finds
/// `<prefix:name ...>text</prefix:name>` is enough and avoids a dependency on an XML parser module.
enum XMLText {
    /// Text of the first element whose local name is `localName`; `nil` when absent or `xsi:nil`.
    static func firstElement(_ localName: String, in xml: String) -> String? {
        var searchStart = xml.startIndex
        while let open = xml[searchStart...].firstIndex(of: "<") {
            guard let close = xml[open...].firstIndex(of: ">") else { return nil }
            let tag = xml[xml.index(after: open)..<close]
            searchStart = xml.index(after: close)
            guard let first = tag.first, first != "/", first != "?", first != "!" else { continue }
            let name = tag.prefix { !$0.isWhitespace && $0 != "/" }
            let local = name.split(separator: ":").last.map(String.init) ?? String(name)
            guard local == localName else { continue }
            if tag.hasSuffix("/") { return nil }
            guard let end = xml[searchStart...].range(of: "</\(name)>") else { return nil }
            return unescape(String(xml[searchStart..<end.lowerBound]))
        }
        return nil
    }

    /// Escapes text for an XML element body.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Resolves the five predefined entities and numeric character references.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else {
                result += rest[amp...]
                return result
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                var scalar: UInt32?
                if entity.hasPrefix("#x") { scalar = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst(1)) }
                if let scalar, let unicode = Unicode.Scalar(scalar) { result.unicodeScalars.append(unicode) }
                else { result += rest[amp...semicolon] }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}

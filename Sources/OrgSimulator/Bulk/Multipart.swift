import Foundation

/// Minimal `multipart/form-data` reader for the one-request ingest job create.
enum Multipart {
    struct Part {
        let name: String
        let body: [UInt8]
    }

    static func parse(_ body: [UInt8], contentType: String) throws -> [Part] {
        guard let range = contentType.range(of: "boundary=") else {
            throw APIError(status: 400, "INVALIDJOB", "multipart request without a boundary")
        }
        var boundary = String(contentType[range.upperBound...])
        if let semi = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semi]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        var positions: [Int] = []
        var i = 0
        while i + delimiter.count <= body.count {
            if body[i] == delimiter[0], body[i..<i + delimiter.count].elementsEqual(delimiter) {
                positions.append(i)
                i += delimiter.count
            } else {
                i += 1
            }
        }
        for (a, b) in zip(positions, positions.dropFirst()) {
            var segment = Array(body[(a + delimiter.count)..<b])
            if segment.starts(with: [0x0D, 0x0A]) { segment.removeFirst(2) }
            if segment.last == 0x0A { segment.removeLast() }
            if segment.last == 0x0D { segment.removeLast() }
            guard let split = findHeaderEnd(segment) else { continue }
            let headers = String(decoding: segment[..<split.start], as: UTF8.self)
            let content = Array(segment[split.end...])
            var name = ""
            if let r = headers.range(of: "name=\"") {
                let rest = headers[r.upperBound...]
                name = String(rest.prefix { $0 != "\"" })
            }
            parts.append(Part(name: name, body: content))
        }
        return parts
    }

    private static func findHeaderEnd(_ b: [UInt8]) -> (start: Int, end: Int)? {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x0A, b[i + 1] == 0x0A { return (i, i + 2) }
            if i + 3 < b.count, b[i] == 0x0D, b[i + 1] == 0x0A, b[i + 2] == 0x0D, b[i + 3] == 0x0A { return (i, i + 4) }
            i += 1
        }
        return nil
    }
}

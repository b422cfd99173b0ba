import Foundation

/// A success or error file written by `sfimport load`, read just enough to account for rows.
struct ResultFile {
    /// The `sf__Row` values (1-based input row numbers), in file order.
    let rowNumbers: [Int]

    /// Reads `url`; the row number column is `sf__Row`. Cells are simple in the corpus (no quoted
    /// line breaks in the columns before sf__Row), so a line-based read is exact here.
    init(_ url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.cells(String($0)) }
        guard !lines.isEmpty else { throw ResultFileError(url: url, reason: "it is empty") }
        let header = lines.removeFirst()
        guard let column = header.firstIndex(of: "sf__Row") else {
            throw ResultFileError(url: url, reason: "it has no sf__Row column (header: \(header))")
        }
        rowNumbers = lines.compactMap { $0.count > column ? Int($0[column]) : nil }
    }

    /// Splits one CSV line, honouring quotes (enough for result files, whose sf__ cells are quoted).
    private static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                quoted = false
            case "\"" where current.isEmpty:
                quoted = true
            case "," where !quoted:
                cells.append(current)
                current = ""
            case "\r" where !quoted:
                continue
            default:
                current.append(character)
            }
        }
        cells.append(current)
        return cells
    }
}

struct ResultFileError: Error, CustomStringConvertible {
    let url: URL
    let reason: String
    var description: String { "result file \(url.lastPathComponent) cannot be read: \(reason)" }
}

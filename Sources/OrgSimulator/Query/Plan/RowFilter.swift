import Foundation
import SOQL

/// A compiled WHERE condition: field paths resolved to ordinals and literals converted to the field's storage.
indirect enum RowFilter: Sendable {
    case all([RowFilter])
    case any([RowFilter])
    case not(RowFilter)
    case test(FieldAccessor, ValueTest)

    /// Whether `row` satisfies the condition.
    func matches(_ row: Row) -> Bool {
        switch self {
        case .all(let filters):
            for filter in filters where !filter.matches(row) { return false }
            return true
        case .any(let filters):
            for filter in filters where filter.matches(row) { return true }
            return false
        case .not(let inner):
            return !inner.matches(row)
        case .test(let accessor, let test):
            guard let (target, ordinal) = accessor.locate(row) else { return test.matchesNull }
            return test.matches(target, ordinal)
        }
    }
}

/// A test of one value, typed by the field's storage.
enum ValueTest: Sendable {
    /// `= null` (true) or `!= null` (false).
    case isNull(Bool)
    /// Text and Id comparisons; `value` is lower-cased (Ids in 18-character form).
    case text(ComparisonOperator, String)
    /// IN / NOT IN over lower-cased texts (also semi-join results).
    case textIn(Set<String>, negated: Bool)
    case like(LikePattern)
    /// Numbers (int, double, currency, percent).
    case number(ComparisonOperator, Double)
    case numberIn(Set<Double>, negated: Bool)
    case bool(Bool, negated: Bool)
    /// Dates (days) and datetimes (milliseconds): each literal is a half-open range.
    case range(ComparisonOperator, Range<Int64>)
    case rangeIn([Range<Int64>], negated: Bool)
    /// Multi-select picklists: each term is a set of values that must all be selected.
    case includes([[String]], negated: Bool)

    /// The outcome when the value is null: `!=`, `NOT IN` and `EXCLUDES` hold, everything else fails.
    var matchesNull: Bool {
        switch self {
        case .isNull(let wantNull): return wantNull
        case .text(let op, _), .number(let op, _), .range(let op, _): return op == .notEquals
        case .textIn(_, let negated), .numberIn(_, let negated), .rangeIn(_, let negated),
            .includes(_, let negated):
            return negated
        case .bool(_, let negated): return negated
        case .like: return false
        }
    }

    func matches(_ row: Row, _ ordinal: Int) -> Bool {
        if row.isNull(ordinal) { return matchesNull }
        switch self {
        case .isNull(let wantNull):
            return !wantNull
        case .text(.equals, let expected):
            return ValueTest.foldedEquals(row, ordinal, expected)
        case .text(.notEquals, let expected):
            return !ValueTest.foldedEquals(row, ordinal, expected)
        case .text(let op, let expected):
            let actual = lowercasedText(row, ordinal)
            return ValueTest.compare(op, actual < expected ? -1 : (actual == expected ? 0 : 1))
        case .textIn(let set, let negated):
            return set.contains(lowercasedText(row, ordinal)) != negated
        case .like(let pattern):
            return row.withTextBytes(at: ordinal) { bytes in bytes.map { pattern.matches($0) } ?? false }
        case .number(let op, let expected):
            guard let actual = number(row, ordinal) else { return false }
            return ValueTest.compare(op, actual < expected ? -1 : (actual == expected ? 0 : 1))
        case .numberIn(let set, let negated):
            guard let actual = number(row, ordinal) else { return negated }
            return set.contains(actual) != negated
        case .bool(let expected, let negated):
            guard case .bool(let actual) = row.value(at: ordinal) else { return negated }
            return (actual == expected) != negated
        case .range(let op, let range):
            guard let actual = instant(row, ordinal) else { return false }
            return ValueTest.compare(op, actual, range)
        case .rangeIn(let ranges, let negated):
            guard let actual = instant(row, ordinal) else { return negated }
            return ranges.contains { $0.contains(actual) } != negated
        case .includes(let terms, let negated):
            let selected = Set(lowercasedText(row, ordinal).split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            let hit = terms.contains { term in term.allSatisfy { selected.contains($0) } }
            return hit != negated
        }
    }

    /// Case-insensitive equality with a lower-cased value, without allocating for ASCII text.
    @inline(__always)
    static func foldedEquals(_ row: Row, _ ordinal: Int, _ expected: String) -> Bool {
        row.withTextBytes(at: ordinal) { bytes -> Bool in
            guard let bytes else { return false }
            var ascii = true
            let equal = expected.utf8.withContiguousStorageIfAvailable { wanted -> Bool in
                guard wanted.count == bytes.count else {
                    ascii = !bytes.contains { $0 >= 0x80 } && !wanted.contains { $0 >= 0x80 }
                    return false
                }
                for i in 0..<bytes.count {
                    let c = bytes[i]
                    if c >= 0x80 || wanted[i] >= 0x80 {
                        ascii = false
                        return false
                    }
                    if (c >= 0x41 && c <= 0x5A ? c + 0x20 : c) != wanted[i] { return false }
                }
                return true
            }
            if let equal, ascii { return equal }
            return String(decoding: bytes, as: UTF8.self).lowercased() == expected
        }
    }

    private func lowercasedText(_ row: Row, _ ordinal: Int) -> String {
        row.withTextBytes(at: ordinal) { bytes in bytes.map { String(decoding: $0, as: UTF8.self).lowercased() } }
            ?? ""
    }

    private func number(_ row: Row, _ ordinal: Int) -> Double? {
        switch row.value(at: ordinal) {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    private func instant(_ row: Row, _ ordinal: Int) -> Int64? {
        switch row.value(at: ordinal) {
        case .date(let days): return Int64(days)
        case .dateTime(let millis): return millis
        default: return nil
        }
    }

    static func compare(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equals: order == 0
        case .notEquals: order != 0
        case .lessThan: order < 0
        case .lessOrEqual: order <= 0
        case .greaterThan: order > 0
        case .greaterOrEqual: order >= 0
        default: false
        }
    }

    /// A value against a literal's range: `=` within, `<`/`>=` against the start, `>`/`<=` against the end.
    static func compare(_ op: ComparisonOperator, _ value: Int64, _ range: Range<Int64>) -> Bool {
        switch op {
        case .equals: range.contains(value)
        case .notEquals: !range.contains(value)
        case .lessThan: value < range.lowerBound
        case .lessOrEqual: value < range.upperBound
        case .greaterThan: value >= range.upperBound
        case .greaterOrEqual: value >= range.lowerBound
        default: false
        }
    }
}

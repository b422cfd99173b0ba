/// Ordering of decoded values as SOQL sorts them: text case-insensitively, numbers numerically, false before true.
enum SortValue {
    /// Compares two non-null values of one field; -1, 0 or 1.
    static func compare(_ a: FieldValue, _ b: FieldValue) -> Int {
        switch (a, b) {
        case (.text(let x), .text(let y)), (.id(let x), .id(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.dateTime(let x), .dateTime(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default:
            if let x = number(a), let y = number(b) { return x < y ? -1 : (x == y ? 0 : 1) }
            let x = a.text ?? ""
            let y = b.text ?? ""
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    static func number(_ value: FieldValue) -> Double? {
        switch value {
        case .int(let x): Double(x)
        case .double(let x): x
        case .date(let x): Double(x)
        case .dateTime(let x): Double(x)
        default: nil
        }
    }

    /// The value as a sort key: text lower-cased so that the sort is case-insensitive.
    static func key(_ value: FieldValue) -> FieldValue {
        switch value {
        case .text(let text): .text(text.lowercased())
        case .id(let text): .id(text.lowercased())
        default: value
        }
    }

    /// Compares two keys with nulls placed as asked and the direction applied to non-null values.
    static func compare(_ a: FieldValue, _ b: FieldValue, descending: Bool, nullsFirst: Bool) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return nullsFirst ? -1 : 1
        case (false, true): return nullsFirst ? 1 : -1
        case (false, false):
            let order = compare(a, b)
            return descending ? -order : order
        }
    }
}

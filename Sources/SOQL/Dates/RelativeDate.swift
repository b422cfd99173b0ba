/// A relative date literal: `TODAY`, `LAST_MONTH`, `LAST_N_DAYS:30`, `N_QUARTERS_AGO:2`, ...
///
/// Each literal denotes a range of whole days starting at 00:00:00. `=` tests membership; `<` and `>=` compare
/// with the range's start, `>` and `<=` with its end. Weeks start on Sunday (the en_US locale) and the fiscal
/// year is the calendar year (the default org setting).
public struct RelativeDate: Sendable, Hashable, CustomStringConvertible {
    /// The period a literal counts in.
    enum Unit: Sendable { case day, week, month, quarter, year }
    /// Which period(s) relative to the current one.
    enum Span: Sendable { case last, this, next, lastN, nextN, ago }

    /// The literal's name in upper case, e.g. `LAST_N_DAYS`.
    public let name: String
    /// The `:n` argument for the `_N_` literals, else `nil`.
    public let count: Int?

    private let unit: Unit
    private let span: Span

    /// Looks up a literal by name (case-insensitive); `count` is required exactly for the `_N_` forms.
    /// Returns `nil` for an unknown name or a missing/unexpected count.
    public init?(name: String, count: Int?) {
        let upper = name.uppercased()
        guard let (unit, span, fixed) = RelativeDate.lookup(upper) else { return nil }
        let takesCount = span == .lastN || span == .nextN || span == .ago
        if takesCount && fixed == nil {
            guard let count, count >= 0 else { return nil }
        } else if count != nil {
            return nil
        }
        self.name = upper
        self.count = count
        self.unit = unit
        self.span = span
        self.fixed = fixed
    }

    private let fixed: Int?

    /// True when the literal needs `:n` (e.g. `LAST_N_DAYS`).
    public static func requiresCount(_ name: String) -> Bool {
        guard let (_, span, fixed) = lookup(name.uppercased()) else { return false }
        return fixed == nil && (span == .lastN || span == .nextN || span == .ago)
    }

    /// True when `name` is a relative date literal (with or without `:n`).
    public static func isLiteral(_ name: String) -> Bool { lookup(name.uppercased()) != nil }

    /// `LAST_N_DAYS:30` or `TODAY`.
    public var description: String { count.map { "\(name):\($0)" } ?? name }

    /// The days the literal covers, as a half-open range of days since 1970-01-01, for a given current day.
    public func dayRange(today: SOQLDate) -> Range<Int> {
        let t = today.daysSinceEpoch
        let n = fixed ?? count ?? 0
        if unit == .day {
            switch span {
            case .ago: return (t - n)..<(t - n + 1)
            case .lastN: return (t - n)..<(t + 1)
            case .nextN: return (t + 1)..<(t + 1 + n)
            case .this: return t..<(t + 1)
            case .last: return (t - 1)..<t
            case .next: return (t + 1)..<(t + 2)
            }
        }
        let (from, to): (Int, Int) =
            switch span {
            case .this: (0, 1)
            case .last: (-1, 0)
            case .next: (1, 2)
            case .lastN: (-n, 0)
            case .nextN: (1, 1 + n)
            case .ago: (-n, -n + 1)
            }
        return periodStart(today: today, shift: from)..<periodStart(today: today, shift: to)
    }

    /// The first day of the period `shift` periods away from the one containing `today`.
    private func periodStart(today: SOQLDate, shift: Int) -> Int {
        let months: Int
        switch unit {
        case .day: return today.daysSinceEpoch + shift
        case .week: return today.daysSinceEpoch - today.weekday + 7 * shift
        case .month: months = shift
        case .quarter: months = 3 * shift
        case .year: months = 12 * shift
        }
        var monthIndex = today.year * 12 + (today.month - 1)
        switch unit {
        case .quarter: monthIndex -= (today.month - 1) % 3
        case .year: monthIndex -= today.month - 1
        default: break
        }
        monthIndex += months
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        return (SOQLDate(year: year, month: month, day: 1)?.daysSinceEpoch) ?? today.daysSinceEpoch
    }

    private static func lookup(_ name: String) -> (Unit, Span, Int?)? {
        switch name {
        case "YESTERDAY": return (.day, .last, nil)
        case "TODAY": return (.day, .this, nil)
        case "TOMORROW": return (.day, .next, nil)
        case "LAST_90_DAYS": return (.day, .lastN, 90)
        case "NEXT_90_DAYS": return (.day, .nextN, 90)
        default: break
        }
        let units: [(String, String, Unit)] = [
            ("DAYS", "", .day), ("WEEKS", "WEEK", .week), ("MONTHS", "MONTH", .month),
            ("QUARTERS", "QUARTER", .quarter), ("YEARS", "YEAR", .year),
            ("FISCAL_QUARTERS", "FISCAL_QUARTER", .quarter), ("FISCAL_YEARS", "FISCAL_YEAR", .year),
        ]
        for (plural, singular, unit) in units {
            if !singular.isEmpty {
                if name == "LAST_" + singular { return (unit, .last, nil) }
                if name == "THIS_" + singular { return (unit, .this, nil) }
                if name == "NEXT_" + singular { return (unit, .next, nil) }
            }
            if name == "LAST_N_" + plural { return (unit, .lastN, nil) }
            if name == "NEXT_N_" + plural { return (unit, .nextN, nil) }
            if name == "N_" + plural + "_AGO" { return (unit, .ago, nil) }
        }
        return nil
    }

    public static func == (lhs: RelativeDate, rhs: RelativeDate) -> Bool {
        lhs.name == rhs.name && lhs.count == rhs.count
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(count)
    }
}

/// A compiled date/time input pattern (`dd/MM/yyyy`, `MM/dd/yyyy h:mm a`, `yyyy-MM-dd'T'HH:mm:ssXXX`) or the
/// default ISO 8601 reader, parsing cells byte by byte without allocating.
///
/// Pattern letters follow the Java/ICU conventions users know from Data Loader: `yyyy yy MM M dd d HH H hh h mm
/// ss S… a X XX XXX Z`; text in single quotes and any other character is literal.
struct TemporalPattern: Sendable {
    enum Token: Sendable, Equatable {
        case year(digits: Int)  // 4 = exactly four, 2 = two-digit year (2000-2099 window of 80 years back)
        case month(fixed: Bool)
        case day(fixed: Bool)
        case hour24(fixed: Bool)
        case hour12(fixed: Bool)
        case minute
        case second
        case fraction(digits: Int)
        case meridiem
        case offset
        case literal(UInt8)
    }

    let tokens: [Token]
    let source: String

    /// Compiles a pattern; nil with a reason when a letter is not supported.
    static func compile(_ pattern: String) -> Result<TemporalPattern, ConversionFailure> {
        var tokens: [Token] = []
        let chars = Array(pattern.utf8)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            var run = 1
            while index + run < chars.count, chars[index + run] == c { run += 1 }
            switch c {
            case UInt8(ascii: "y"):
                guard run == 4 || run == 2 else { return .failure(bad(pattern, "use yyyy or yy")) }
                tokens.append(.year(digits: run))
            case UInt8(ascii: "M"):
                guard run <= 2 else { return .failure(bad(pattern, "month names are not supported; use MM or M")) }
                tokens.append(.month(fixed: run == 2))
            case UInt8(ascii: "d"): tokens.append(.day(fixed: run == 2))
            case UInt8(ascii: "H"): tokens.append(.hour24(fixed: run == 2))
            case UInt8(ascii: "h"): tokens.append(.hour12(fixed: run == 2))
            case UInt8(ascii: "m"): tokens.append(.minute)
            case UInt8(ascii: "s"): tokens.append(.second)
            case UInt8(ascii: "S"): tokens.append(.fraction(digits: run))
            case UInt8(ascii: "a"): tokens.append(.meridiem)
            case UInt8(ascii: "X"), UInt8(ascii: "Z"), UInt8(ascii: "x"): tokens.append(.offset)
            case UInt8(ascii: "'"):
                var end = index + 1
                while end < chars.count, chars[end] != UInt8(ascii: "'") {
                    tokens.append(.literal(chars[end]))
                    end += 1
                }
                index = end + 1
                continue
            default:
                if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                {
                    return .failure(bad(pattern, "letter '\(Character(Unicode.Scalar(c)))' is not supported"))
                }
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            index += run
        }
        return .success(TemporalPattern(tokens: tokens, source: pattern))
    }

    private static func bad(_ pattern: String, _ why: String) -> ConversionFailure {
        ConversionFailure("INVALID_FORMAT", "date format '\(pattern)' is not usable: \(why)")
    }

    /// Parses `cell` against the pattern; nil when it does not match or names an impossible date.
    func parse(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        var value = CivilDateTime()
        var index = 0
        var pm: Bool?
        var sawHour12 = false
        for token in tokens {
            switch token {
            case .year(let digits):
                guard let number = Self.number(cell, &index, min: digits, max: digits) else { return nil }
                value.year = digits == 2 ? 2000 + number : number
            case .month(let fixed):
                guard let number = Self.number(cell, &index, min: fixed ? 2 : 1, max: 2) else { return nil }
                value.month = number
            case .day(let fixed):
                guard let number = Self.number(cell, &index, min: fixed ? 2 : 1, max: 2) else { return nil }
                value.day = number
            case .hour24(let fixed):
                guard let number = Self.number(cell, &index, min: fixed ? 2 : 1, max: 2) else { return nil }
                value.hour = number
            case .hour12(let fixed):
                guard let number = Self.number(cell, &index, min: fixed ? 2 : 1, max: 2), number >= 1, number <= 12
                else { return nil }
                value.hour = number
                sawHour12 = true
            case .minute:
                guard let number = Self.number(cell, &index, min: 2, max: 2) else { return nil }
                value.minute = number
            case .second:
                guard let number = Self.number(cell, &index, min: 2, max: 2) else { return nil }
                value.second = number
            case .fraction(let digits):
                guard let millis = Self.fraction(cell, &index, min: digits, max: max(digits, 9)) else { return nil }
                value.millisecond = millis
            case .meridiem:
                guard index + 1 < cell.count else { return nil }
                let first = cell[index] | 0x20
                guard cell[index + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                if first == UInt8(ascii: "a") {
                    pm = false
                } else if first == UInt8(ascii: "p") {
                    pm = true
                } else {
                    return nil
                }
                index += 2
            case .offset:
                guard let offset = Self.offset(cell, &index) else { return nil }
                value.offsetSeconds = offset
            case .literal(let byte):
                guard index < cell.count, cell[index] == byte else { return nil }
                index += 1
            }
        }
        guard index == cell.count else { return nil }
        if sawHour12 {
            let isPM = pm ?? false
            value.hour = value.hour % 12 + (isPM ? 12 : 0)
        }
        return value.isValidDate && value.isValidTime ? value : nil
    }

    // MARK: - ISO 8601

    /// `yyyy-MM-dd`.
    static func parseISODate(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        var index = 0
        var value = CivilDateTime()
        guard let year = number(cell, &index, min: 4, max: 4), literal(cell, &index, "-"),
            let month = number(cell, &index, min: 2, max: 2), literal(cell, &index, "-"),
            let day = number(cell, &index, min: 2, max: 2), index == cell.count
        else { return nil }
        value.year = year
        value.month = month
        value.day = day
        return value.isValidDate ? value : nil
    }

    /// `yyyy-MM-dd`, optionally followed by `T` or a space and `HH:mm[:ss[.fff]]`, optionally followed by `Z`,
    /// `±HH:mm`, `±HHmm` or `±HH`.
    static func parseISODateTime(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        var index = 0
        var value = CivilDateTime()
        guard let year = number(cell, &index, min: 4, max: 4), literal(cell, &index, "-"),
            let month = number(cell, &index, min: 2, max: 2), literal(cell, &index, "-"),
            let day = number(cell, &index, min: 2, max: 2)
        else { return nil }
        value.year = year
        value.month = month
        value.day = day
        if index < cell.count {
            guard cell[index] == UInt8(ascii: "T") || cell[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let hour = number(cell, &index, min: 2, max: 2), literal(cell, &index, ":"),
                let minute = number(cell, &index, min: 2, max: 2)
            else { return nil }
            value.hour = hour
            value.minute = minute
            if literal(cell, &index, ":") {
                guard let second = number(cell, &index, min: 2, max: 2) else { return nil }
                value.second = second
                if literal(cell, &index, ".") {
                    guard let millis = fraction(cell, &index, min: 1, max: 9) else { return nil }
                    value.millisecond = millis
                }
            }
            if index < cell.count {
                guard let offset = offset(cell, &index) else { return nil }
                value.offsetSeconds = offset
            }
        }
        guard index == cell.count else { return nil }
        return value.isValidDate && value.isValidTime ? value : nil
    }

    /// `HH:mm[:ss[.fff]][Z]`.
    static func parseISOTime(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        var index = 0
        var value = CivilDateTime()
        guard let hour = number(cell, &index, min: 2, max: 2), literal(cell, &index, ":"),
            let minute = number(cell, &index, min: 2, max: 2)
        else { return nil }
        value.hour = hour
        value.minute = minute
        if literal(cell, &index, ":") {
            guard let second = number(cell, &index, min: 2, max: 2) else { return nil }
            value.second = second
            if literal(cell, &index, ".") {
                guard let millis = fraction(cell, &index, min: 1, max: 9) else { return nil }
                value.millisecond = millis
            }
        }
        _ = literal(cell, &index, "Z")
        guard index == cell.count else { return nil }
        return value.isValidTime ? value : nil
    }

    // MARK: - Scanning

    @inline(__always)
    static func literal(_ cell: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ scalar: Unicode.Scalar) -> Bool {
        guard index < cell.count, cell[index] == UInt8(ascii: scalar) else { return false }
        index += 1
        return true
    }

    @inline(__always)
    static func number(_ cell: UnsafeBufferPointer<UInt8>, _ index: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, index < cell.count, cell[index] >= 48, cell[index] <= 57 {
            value = value * 10 + Int(cell[index] - 48)
            index += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    /// Fraction digits as milliseconds (extra digits truncated).
    static func fraction(_ cell: UnsafeBufferPointer<UInt8>, _ index: inout Int, min: Int, max: Int) -> Int? {
        var millis = 0
        var count = 0
        while count < max, index < cell.count, cell[index] >= 48, cell[index] <= 57 {
            if count < 3 { millis = millis * 10 + Int(cell[index] - 48) }
            index += 1
            count += 1
        }
        guard count >= min else { return nil }
        var scaled = count
        while scaled < 3 {
            millis *= 10
            scaled += 1
        }
        return millis
    }

    /// `Z`, `±HH:mm`, `±HHmm`, `±HH`.
    static func offset(_ cell: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        guard index < cell.count else { return nil }
        if cell[index] == UInt8(ascii: "Z") || cell[index] == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        let sign: Int
        switch cell[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        index += 1
        guard let hours = number(cell, &index, min: 2, max: 2), hours <= 18 else { return nil }
        var minutes = 0
        _ = literal(cell, &index, ":")
        if index < cell.count {
            guard let m = number(cell, &index, min: 2, max: 2), m < 60 else { return nil }
            minutes = m
        }
        return sign * (hours * 3600 + minutes * 60)
    }
}

/// Renders and parses dates, datetimes and numbers in Salesforce's wire formats, without Foundation
/// formatters (they are slow and locale-sensitive).
public enum ValueFormat {
    /// `1250000.0`, `0.5`, `1.0E10` for large values (Java's Double.toString shape).
    public static func double(_ d: Double) -> String {
        var s = d.description
        if let e = s.firstIndex(of: "e") {
            let mantissa = s[..<e]
            var exponent = s[s.index(after: e)...]
            if exponent.hasPrefix("+") { exponent = exponent.dropFirst() }
            s = String(mantissa) + "E" + exponent
        }
        return s
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Appends `yyyy-MM-dd`.
    public static func appendDate(_ days: Int32, to out: inout [UInt8]) {
        let (y, m, d) = civil(days: Int64(days))
        append4(Int(y), &out)
        out.append(UInt8(ascii: "-"))
        append2(Int(m), &out)
        out.append(UInt8(ascii: "-"))
        append2(Int(d), &out)
    }

    /// Appends `yyyy-MM-ddTHH:mm:ss.SSS+0000` (REST JSON) or `…Z` (Bulk CSV when `zulu`).
    public static func appendDateTime(_ ms: Int64, zulu: Bool = false, to out: inout [UInt8]) {
        var days = ms / 86_400_000
        var rem = ms % 86_400_000
        if rem < 0 {
            rem += 86_400_000
            days -= 1
        }
        appendDate(Int32(days), to: &out)
        out.append(UInt8(ascii: "T"))
        let secs = Int(rem / 1000)
        append2(secs / 3600, &out)
        out.append(UInt8(ascii: ":"))
        append2((secs / 60) % 60, &out)
        out.append(UInt8(ascii: ":"))
        append2(secs % 60, &out)
        out.append(UInt8(ascii: "."))
        let millis = Int(rem % 1000)
        out.append(UInt8(48 + millis / 100))
        out.append(UInt8(48 + (millis / 10) % 10))
        out.append(UInt8(48 + millis % 10))
        if zulu { out.append(UInt8(ascii: "Z")) } else { out.append(contentsOf: Array("+0000".utf8)) }
    }

    public static func date(_ days: Int32) -> String {
        var out: [UInt8] = []
        appendDate(days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func dateTime(_ ms: Int64, zulu: Bool = false) -> String {
        var out: [UInt8] = []
        appendDateTime(ms, zulu: zulu, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func append2(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(48 + (v / 10) % 10))
        out.append(UInt8(48 + v % 10))
    }

    @inline(__always) static func append4(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(48 + (v / 1000) % 10))
        out.append(UInt8(48 + (v / 100) % 10))
        out.append(UInt8(48 + (v / 10) % 10))
        out.append(UInt8(48 + v % 10))
    }

    /// Parses `yyyy-MM-dd` (also accepts a datetime and keeps its date part, as the API does).
    public static func parseDate(_ s: String) -> Int32? {
        let b = Array(s.utf8)
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = number(b, 0, 4), let m = number(b, 5, 2), let d = number(b, 8, 2),
            (1...12).contains(m), (1...31).contains(d), d <= daysInMonth(y, m)
        else { return nil }
        if b.count > 10, b[10] != UInt8(ascii: "T"), b[10] != UInt8(ascii: " ") { return nil }
        return Int32(days(year: Int64(y), month: Int64(m), day: Int64(d)))
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss[.SSS](Z|±HH:mm|±HHmm)` and a bare date (midnight UTC).
    public static func parseDateTime(_ s: String) -> Int64? {
        let b = Array(s.utf8)
        guard b.count >= 10, let day = parseDate(String(decoding: b[0..<10], as: UTF8.self)) else { return nil }
        var ms = Int64(day) * 86_400_000
        if b.count == 10 { return ms }
        guard b.count >= 19, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"), let hh = number(b, 11, 2), let mi = number(b, 14, 2), let ss = number(b, 17, 2),
            hh < 24, mi < 60, ss < 61
        else { return nil }
        ms += Int64(hh * 3_600_000 + mi * 60_000 + ss * 1000)
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 3 { frac = frac * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 where digits < 3 { frac *= 10 }
            ms += Int64(frac)
        }
        if i == b.count { return ms }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count ? ms : nil }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        let rest = Array(b[(i + 1)...]).filter { $0 != UInt8(ascii: ":") }
        guard rest.count == 4, let oh = number(rest, 0, 2), let om = number(rest, 2, 2) else { return nil }
        return ms - sign * Int64(oh * 3_600_000 + om * 60_000)
    }

    static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var v = 0
        for i in start..<start + count {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

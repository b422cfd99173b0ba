/// A calendar date and wall-clock time, optionally with the UTC offset the text carried.
struct CivilDateTime: Sendable, Equatable {
    var year = 0
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    var millisecond = 0
    /// Seconds east of UTC when the text named an offset (`Z`, `+02:00`); nil for a local time.
    var offsetSeconds: Int?

    var isValidDate: Bool {
        year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1
            && day <= CivilDateTime.daysIn(month: month, year: year)
    }

    var isValidTime: Bool {
        hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
            && millisecond >= 0 && millisecond <= 999
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds since the epoch of this wall-clock time read as UTC.
    var secondsAsUTC: Int {
        CivilDateTime.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The UTC instant as `yyyy-MM-ddTHH:mm:ss.SSSZ`, shifting by `offsetSeconds`.
    func utcText(offset: Int) -> String {
        let total = secondsAsUTC - offset
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = total - days * 86_400
        let (y, m, d) = CivilDateTime.civilFromDays(days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        CivilDateTime.append(y, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilDateTime.append(m, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilDateTime.append(d, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        CivilDateTime.append(rest / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilDateTime.append(rest % 3600 / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilDateTime.append(rest % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilDateTime.append(millisecond, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `yyyy-MM-dd`, never shifted.
    var dateText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        CivilDateTime.append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilDateTime.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilDateTime.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `HH:mm:ss.SSSZ`, the form Salesforce takes for time fields.
    var timeText: String {
        var bytes: [UInt8] = []
        CivilDateTime.append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilDateTime.append(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilDateTime.append(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilDateTime.append(millisecond, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        var index = width - 1
        while index >= 0 {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        bytes.append(contentsOf: digits)
    }
}

/// A datetime literal (`2024-01-31T12:34:56Z`, `…+02:00`, `….123Z`), kept as written and as an instant.
public struct SOQLDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as written, rendered back unchanged.
    public let text: String
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let epochMilliseconds: Int64

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh[:]mm)`; `nil` when malformed or out of range.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let date = SOQLDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var millis = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 100
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                millis += Int(bytes[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        guard i < bytes.count else { return nil }
        var offsetMinutes = 0
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = number(i + 1..<i + 3) else { return nil }
            var j = i + 3
            if j < bytes.count, bytes[j] == UInt8(ascii: ":") { j += 1 }
            guard let om = number(j..<j + 2), oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
            i = j + 2
        default:
            return nil
        }
        guard i == bytes.count else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetMinutes * 60)
        self.text = text
        self.epochMilliseconds = seconds * 1000 + Int64(millis)
    }

    /// A UTC datetime for an instant, rendered `YYYY-MM-DDThh:mm:ss.fffZ`.
    public init(epochMilliseconds: Int64) {
        self.epochMilliseconds = epochMilliseconds
        let seconds = epochMilliseconds >= 0 ? epochMilliseconds / 1000 : (epochMilliseconds - 999) / 1000
        let millis = Int(epochMilliseconds - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let date = SOQLDate(daysSinceEpoch: Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        self.text = "\(date)T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// The text as written.
    public var description: String { text }

    public static func < (lhs: SOQLDateTime, rhs: SOQLDateTime) -> Bool {
        lhs.epochMilliseconds < rhs.epochMilliseconds
    }
    public static func == (lhs: SOQLDateTime, rhs: SOQLDateTime) -> Bool {
        lhs.epochMilliseconds == rhs.epochMilliseconds
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(epochMilliseconds) }
}

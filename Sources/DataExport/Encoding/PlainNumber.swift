/// Rewrites a JSON number in exponent form (`9.12260031E8`, `1e-7`) as plain decimal text
/// (`912260031`, `0.0000001`) by moving the decimal point in the digit string, so no precision is lost
/// to a binary double and no Foundation formatter runs per value.
enum PlainNumber {
    /// Appends `text` without an exponent; text without `e`/`E` is appended unchanged.
    static func append(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
        guard let e = bytes[range].firstIndex(where: { $0 == 0x65 || $0 == 0x45 }) else {
            out.append(contentsOf: bytes[range])
            return
        }
        var index = range.lowerBound
        var negative = false
        if bytes[index] == 0x2D {
            negative = true
            index += 1
        }
        var digits: [UInt8] = []
        var pointPosition: Int?
        while index < e {
            let b = bytes[index]
            if b == 0x2E { pointPosition = digits.count } else { digits.append(b) }
            index += 1
        }
        var exponent = 0
        var exponentNegative = false
        index = e + 1
        if index < range.upperBound && (bytes[index] == 0x2D || bytes[index] == 0x2B) {
            exponentNegative = bytes[index] == 0x2D
            index += 1
        }
        while index < range.upperBound {
            exponent = exponent &* 10 &+ Int(bytes[index] &- 0x30)
            index += 1
        }
        guard exponent < 400 else {
            out.append(contentsOf: bytes[range])
            return
        }
        if exponentNegative { exponent = -exponent }
        // Position of the decimal point counted in digits from the left.
        var point = (pointPosition ?? digits.count) + exponent
        while digits.count > 1 && digits.first == 0x30 && point > 1 {
            digits.removeFirst()
            point -= 1
        }
        if negative { out.append(0x2D) }
        if point <= 0 {
            out.append(0x30)
            out.append(0x2E)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: -point))
            out.append(contentsOf: digits)
        } else if point >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(0x30), count: point - digits.count))
        } else {
            out.append(contentsOf: digits[0..<point])
            out.append(0x2E)
            out.append(contentsOf: digits[point...])
        }
    }
}

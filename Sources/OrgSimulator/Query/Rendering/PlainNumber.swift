/// Renders doubles for REST JSON without exponent notation (`12345678901234567.0`, `0.0000001`).
///
/// Swift's `description` switches to `1e+16` form for large and small magnitudes; Salesforce clients parse the
/// plain form everywhere, so the exponent is expanded by moving the decimal point in the shortest digits.
enum PlainNumber {
    /// Appends `value` in plain decimal form with at least one fractional digit; `null` for NaN/infinity.
    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            out.append(contentsOf: text.utf8)
            return
        }
        var mantissa = String(text[..<e])
        let exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        var negative = false
        if mantissa.hasPrefix("-") {
            negative = true
            mantissa.removeFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointIndex = intPart.count + exponent
        if pointIndex <= 0 {
            digits = String(repeating: "0", count: 1 - pointIndex) + digits
            pointIndex = 1
        }
        if pointIndex >= digits.count {
            digits += String(repeating: "0", count: pointIndex - digits.count)
        }
        var whole = String(digits.prefix(pointIndex))
        var fraction = String(digits.dropFirst(pointIndex))
        while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
        if fraction.isEmpty { fraction = "0" }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: whole.utf8)
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: fraction.utf8)
    }
}

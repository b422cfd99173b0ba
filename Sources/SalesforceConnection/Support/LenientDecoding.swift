/// Decoding helpers that tolerate missing keys and `null`s, because Salesforce adds keys between versions and
/// sends `null` for unused attributes; a describe must never fail on a key this version does not know.
extension KeyedDecodingContainer {
    func value<T: Decodable>(_ key: Key, default fallback: T) -> T {
        ((try? decodeIfPresent(T.self, forKey: key)) ?? nil) ?? fallback
    }

    func optional<T: Decodable>(_ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// Integers that some responses send as numbers and others as strings (`issued_at`, `apiVersion`).
    func flexibleInt(_ key: Key) -> Int? {
        if let int = optional(key) as Int? { return int }
        if let double = optional(key) as Double? { return Int(double) }
        if let string = optional(key) as String? { return Int(string) }
        return nil
    }

    /// Numbers that Salesforce sends as JSON numbers but some clients as strings (`apiVersion: 62.0`).
    func flexibleDouble(_ key: Key) -> Double? {
        if let double = optional(key) as Double? { return double }
        if let string = optional(key) as String? { return Double(string) }
        return nil
    }
}

/// A coding key from any string, for decoding objects whose keys are data (limits).
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is a number that is an exact integer in range (or a string holding one, as
    /// Salesforce sends some numbers).
    public var intValue: Int? {
        switch self {
        case .number(let text), .string(let text):
            if let value = Int(text) { return value }
            if let value = Double(text), value == value.rounded(), abs(value) < 9.0e15 { return Int(value) }
            return nil
        default:
            return nil
        }
    }

    /// The number as a Double, if this is a number (or a string holding one).
    public var doubleValue: Double? {
        switch self {
        case .number(let text), .string(let text): return Double(text)
        default: return nil
        }
    }

    /// The number's exact text, if this is a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let object) = self { return object[key] }
            return nil
        }
        set {
            guard case .object(var object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// Scalars as the text a CSV cell would hold: strings as-is, numbers as their exact text, Booleans as
    /// `true`/`false`, `null` as nil. Arrays and objects as compact JSON.
    public var cellText: String? {
        switch self {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .number(let text), .string(let text): return text
        case .array, .object: return description
        }
    }
}

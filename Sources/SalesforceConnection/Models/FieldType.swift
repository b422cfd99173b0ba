/// A field's `type` from describe (`string`, `reference`, `datetime`, ...).
///
/// A struct rather than an enum so that a type Salesforce adds later decodes as itself instead of failing.
public struct FieldType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let id = FieldType("id")
    public static let reference = FieldType("reference")
    public static let string = FieldType("string")
    public static let textarea = FieldType("textarea")
    public static let picklist = FieldType("picklist")
    public static let multipicklist = FieldType("multipicklist")
    public static let combobox = FieldType("combobox")
    public static let email = FieldType("email")
    public static let phone = FieldType("phone")
    public static let url = FieldType("url")
    public static let encryptedstring = FieldType("encryptedstring")
    public static let boolean = FieldType("boolean")
    public static let int = FieldType("int")
    public static let long = FieldType("long")
    public static let double = FieldType("double")
    public static let currency = FieldType("currency")
    public static let percent = FieldType("percent")
    public static let date = FieldType("date")
    public static let datetime = FieldType("datetime")
    public static let time = FieldType("time")
    public static let base64 = FieldType("base64")
    public static let address = FieldType("address")
    public static let location = FieldType("location")
    public static let anyType = FieldType("anyType")
    public static let complexvalue = FieldType("complexvalue")

    /// Text-like types whose values are plain strings with a maximum `length`.
    public var isText: Bool {
        [.string, .textarea, .picklist, .multipicklist, .combobox, .email, .phone, .url, .encryptedstring]
            .contains(self)
    }

    /// Number types (`int`, `long`, `double`, `currency`, `percent`).
    public var isNumeric: Bool { [.int, .long, .double, .currency, .percent].contains(self) }

    /// Compound types (`address`, `location`) that cannot be written directly.
    public var isCompound: Bool { self == .address || self == .location }
}

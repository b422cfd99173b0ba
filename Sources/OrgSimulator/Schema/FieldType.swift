/// A describe field `type`, and how the store keeps values of it.
public enum FieldType: String, Sendable {
    case id, reference, string, textarea, picklist, multipicklist, combobox, email, phone, url
    case encryptedstring, boolean, int, long, double, currency, percent, date, datetime, time
    case base64, address, location, anyType, complexvalue, datacategorygroupreference

    /// How values of this type are stored in a `Row`.
    public var storage: StorageKind {
        switch self {
        case .id, .reference: return .id
        case .boolean: return .bool
        case .int, .long: return .int
        case .double, .currency, .percent: return .double
        case .date: return .date
        case .datetime: return .dateTime
        case .address, .location, .complexvalue: return .compound
        default: return .text
        }
    }

    /// Types whose values are JSON numbers in REST responses.
    public var isNumeric: Bool { storage == .int || storage == .double }

    /// Storage class of a field's values.
    public enum StorageKind: Sendable { case text, int, double, bool, id, date, dateTime, compound }
}

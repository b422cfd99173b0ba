/// What a load does with each row; the names are the Bulk API 2.0 `operation` values.
public enum ImportOperation: String, Sendable, CaseIterable, Codable {
    case insert
    case update
    case upsert
    case delete
    case hardDelete

    /// Parses an operation name, ignoring case (`hardelete`, `HardDelete` and `hard_delete` all name `hardDelete`).
    public init?(name: String) {
        let folded = name.lowercased().replacingOccurrences(of: "_", with: "")
        guard let match = ImportOperation.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
            return nil
        }
        self = match
    }

    /// True when rows create records (required fields must then be supplied).
    public var creates: Bool { self == .insert || self == .upsert }

    /// True when rows change existing records.
    public var updates: Bool { self == .update || self == .upsert }

    /// True when rows remove records; such loads need an explicit confirmation.
    public var isDestructive: Bool { self == .delete || self == .hardDelete }
}

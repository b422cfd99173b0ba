/// The argument of `FIELDS(...)` in a SELECT list.
public enum FieldsSelector: String, Sendable, Hashable {
    /// Every field of the object.
    case all = "ALL"
    /// Standard fields only.
    case standard = "STANDARD"
    /// Custom fields only (names ending in `__c`).
    case custom = "CUSTOM"
}

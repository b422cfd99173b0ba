/// What a blank CSV cell means for a field.
///
/// Salesforce itself distinguishes "leave the field alone" (an empty Bulk cell, an absent JSON key) from "clear
/// the field" (`#N/A` in Bulk CSV, JSON `null`); the policy makes that choice explicit per mapping or per field.
public enum BlankPolicy: String, Sendable, Codable {
    /// A blank cell leaves the field out of the record: Salesforce's default applies on insert, the stored value
    /// stays on update. The default policy.
    case skip
    /// A blank cell clears the field (sends null).
    case null
}

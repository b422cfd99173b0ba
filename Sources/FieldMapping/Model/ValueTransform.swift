/// A simple text transform applied to a cell before conversion, in the order listed in the mapping.
public enum ValueTransform: String, Sendable, CaseIterable, Codable {
    /// Removes leading and trailing spaces and tabs.
    case trim
    /// Upper-cases the value.
    case upper
    /// Lower-cases the value.
    case lower
}

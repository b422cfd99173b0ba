/// One API version the org serves (`GET /services/data/`).
public struct APIVersion: Sendable, Codable, Equatable, Comparable {
    /// `62.0`.
    public var version: String
    /// Release name, `Winter '25`.
    public var label: String
    /// `/services/data/v62.0`.
    public var url: String

    public init(version: String, label: String = "", url: String? = nil) {
        self.version = version
        self.label = label
        self.url = url ?? "/services/data/v\(version)"
    }

    /// Numeric value for ordering (`62.0` → 62.0).
    public var number: Double { Double(version) ?? 0 }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool { lhs.number < rhs.number }
}

/// The state of a Bulk API 2.0 job.
public struct BulkJobState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let open = BulkJobState(rawValue: "Open")
    public static let uploadComplete = BulkJobState(rawValue: "UploadComplete")
    public static let inProgress = BulkJobState(rawValue: "InProgress")
    public static let jobComplete = BulkJobState(rawValue: "JobComplete")
    public static let failed = BulkJobState(rawValue: "Failed")
    public static let aborted = BulkJobState(rawValue: "Aborted")

    /// True once the job can no longer change (`JobComplete`, `Failed`, `Aborted`).
    public var isTerminal: Bool { self == .jobComplete || self == .failed || self == .aborted }
}

/// The org's object list (`GET /sobjects`).
public struct GlobalDescribe: Sendable, Codable, Equatable {
    public var encoding: String?
    /// Largest collection size the org accepts (200).
    public var maxBatchSize: Int
    public var sobjects: [SObjectSummary]

    enum CodingKeys: String, CodingKey { case encoding, maxBatchSize, sobjects }

    public init(encoding: String? = "UTF-8", maxBatchSize: Int = 200, sobjects: [SObjectSummary]) {
        self.encoding = encoding
        self.maxBatchSize = maxBatchSize
        self.sobjects = sobjects
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        encoding = c.optional(.encoding)
        maxBatchSize = c.value(.maxBatchSize, default: 200)
        sobjects = try c.decodeIfPresent([SObjectSummary].self, forKey: .sobjects) ?? []
    }

    /// The object named `name`, compared case-insensitively.
    public func object(named name: String) -> SObjectSummary? {
        let lower = name.lowercased()
        return sobjects.first { $0.name.lowercased() == lower }
    }
}

/// The org's limits (`GET /limits`): each named allocation with its maximum and what remains.
public struct OrgLimits: Sendable, Equatable, Decodable {
    /// One allocation (`DailyApiRequests`).
    public struct Allocation: Sendable, Equatable, Decodable {
        public var max: Int
        public var remaining: Int

        public init(max: Int, remaining: Int) {
            self.max = max
            self.remaining = remaining
        }

        /// Used share in percent (0 when the maximum is 0).
        public var usedPercent: Double { max > 0 ? Double(max - remaining) * 100 / Double(max) : 0 }

        enum CodingKeys: String, CodingKey { case max = "Max", remaining = "Remaining" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            max = c.flexibleInt(.max) ?? 0
            remaining = c.flexibleInt(.remaining) ?? 0
        }
    }

    /// Allocations by name, as Salesforce names them.
    public var allocations: [String: Allocation]

    public init(allocations: [String: Allocation]) { self.allocations = allocations }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        var result: [String: Allocation] = [:]
        for key in c.allKeys {
            if let allocation = try? c.decode(Allocation.self, forKey: key) { result[key.stringValue] = allocation }
        }
        allocations = result
    }

    public subscript(name: String) -> Allocation? { allocations[name] }

    /// `DailyApiRequests`: the rolling 24-hour REST/SOAP/Bulk request allocation.
    public var dailyAPIRequests: Allocation? { allocations["DailyApiRequests"] }
}

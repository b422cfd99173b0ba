import Foundation

/// API usage reported by Salesforce in the `Sforce-Limit-Info` header of every REST response
/// (`api-usage=264/15000` with an optional `; per-app-api-usage=17/250(appName=my-app)`).
public struct APIUsage: Sendable, Equatable {
    public var used: Int
    public var max: Int

    public init(used: Int, max: Int) {
        self.used = used
        self.max = max
    }

    /// Used share of the allocation in percent.
    public var percent: Double { max > 0 ? Double(used) * 100 / Double(max) : 0 }

    /// Parses the header value; `nil` when it carries no `api-usage` entry.
    public init?(header: String) {
        for part in header.split(separator: ";") {
            let entry = part.trimmingCharacters(in: .whitespaces)
            guard entry.hasPrefix("api-usage=") else { continue }
            let numbers = entry.dropFirst("api-usage=".count).split(separator: "/")
            guard numbers.count == 2, let used = Int(numbers[0]),
                let max = Int(numbers[1].prefix { $0.isNumber })
            else { return nil }
            self.init(used: used, max: max)
            return
        }
        return nil
    }
}

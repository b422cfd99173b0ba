/// The aggregate functions of SOQL.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count = "COUNT"
    case countDistinct = "COUNT_DISTINCT"
    case sum = "SUM"
    case average = "AVG"
    case minimum = "MIN"
    case maximum = "MAX"

    /// Looks a function up by name, ignoring case.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }
}

/// Injected faults, set by flags at start-up and by `POST /__sfsim/faults` at run time.
public struct FaultSettings: Sendable {
    /// Delay added before every response, in milliseconds.
    public var latencyMS = 0
    /// Probability (0…1) that a REST/Bulk request is answered 503 SERVER_UNAVAILABLE.
    public var failRate = 0.0
    /// Probability that a record in a collection or bulk job fails with UNABLE_TO_LOCK_ROW.
    public var lockRate = 0.0
    /// Probability that a connection is closed without a response.
    public var dropRate = 0.0
    /// A server "stopping early", for clients' count checks: every REST query page drops its last record
    /// while `totalSize` stays the same, and every Bulk query result page drops its last row while
    /// `Sforce-NumberOfRecords` still announces it.
    public var truncateResults = false

    public init(
        latencyMS: Int = 0, failRate: Double = 0, lockRate: Double = 0, dropRate: Double = 0, truncateResults: Bool = false
    ) {
        self.latencyMS = latencyMS
        self.failRate = failRate
        self.lockRate = lockRate
        self.dropRate = dropRate
        self.truncateResults = truncateResults
    }
}

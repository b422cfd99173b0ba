/// What converting every row locally found.
public struct LocalValidationReport: Sendable {
    /// Data rows read (header excluded).
    public var rows = 0
    /// Rows with at least one problem.
    public var rejectedRows = 0
    /// Every problem found, up to the report limit.
    public var problems: [RowProblem] = []
    /// All problems, including those past the limit.
    public var problemCount = 0
    /// Seconds spent reading and converting.
    public var seconds = 0.0

    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}

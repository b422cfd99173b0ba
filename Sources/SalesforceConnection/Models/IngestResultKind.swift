/// Which result file of an ingest job to read.
public enum IngestResultKind: String, Sendable, CaseIterable {
    /// Rows saved (`sf__Id`, `sf__Created`, original columns).
    case successful = "successfulResults"
    /// Rows rejected (`sf__Id`, `sf__Error`, original columns).
    case failed = "failedResults"
    /// Rows never processed (original columns only), e.g. after an abort.
    case unprocessed = "unprocessedrecords"
}

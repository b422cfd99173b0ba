import FieldMapping

/// One input row converted for sending, with what the result files need to echo it.
public struct ImportRecord: Sendable {
    /// 1-based data row number (kept from `sf__Row` when retrying an error file).
    public var row: Int
    /// The row's input cells as CSV (comma-separated, quoted where needed, no line end), echoed as they are
    /// into the result files: encoded once, never parsed again.
    public var echo: [UInt8]
    /// Converted values in mapping order (columns, then constants); `.omit` values are left out.
    public var values: [(target: WireTarget, value: WireValue)]
    /// The record key (Id for update/delete, the external ID for upsert), if the operation has one.
    public var key: String?

    public init(row: Int, echo: [UInt8], values: [(target: WireTarget, value: WireValue)], key: String?) {
        self.row = row
        self.echo = echo
        self.values = values
        self.key = key
    }
}

/// What happened to one row on the server.
public enum RowOutcome: Sendable, Equatable {
    /// Saved; `created` is nil when the API does not say (insert implies true).
    case success(id: String, created: Bool?)
    /// Rejected with Salesforce's code and message (`REQUIRED_FIELD_MISSING`, `Required fields are missing: ...`).
    case failure(code: String, message: String)

    /// True for `UNABLE_TO_LOCK_ROW`, which the loader retries before reporting.
    public var isRowLock: Bool {
        if case .failure(let code, _) = self { return code == "UNABLE_TO_LOCK_ROW" }
        return false
    }
}

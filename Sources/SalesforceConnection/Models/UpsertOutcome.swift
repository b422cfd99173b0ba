/// The outcome of a single-record upsert by external id.
public enum UpsertOutcome: Sendable, Equatable {
    /// 201: no record matched; one was inserted.
    case created(id: String)
    /// 200 (or 204 before API 46.0): one record matched and was updated.
    case updated(id: String?)
    /// 300: several records carry this external id; nothing was written. The URLs name them.
    case multipleMatches(recordURLs: [String])

    /// The record id, when one record was written.
    public var id: String? {
        switch self {
        case .created(let id): return id
        case .updated(let id): return id
        case .multipleMatches: return nil
        }
    }
}

extension Org {
    /// Whether the `truncateResults` fault is on; counts one injected fault when it is, so the stats show
    /// how many query pages were cut short.
    func truncatingResults() -> Bool {
        guard faults.snapshot.truncateResults else { return false }
        stats.fault("truncate")
        return true
    }
}

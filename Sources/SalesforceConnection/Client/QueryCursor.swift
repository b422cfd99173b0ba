/// Where a query stream stands: not started, at a `nextRecordsUrl`, or finished.
actor QueryCursor {
    private var started = false
    private var next: String?

    func nextRequest(first: APIRequest, headers: [(String, String)]) -> APIRequest? {
        if !started {
            started = true
            return first
        }
        guard let next else { return nil }
        return APIRequest("GET", next, headers: headers, idempotent: true)
    }

    func advance(next: String?) { self.next = next }
}

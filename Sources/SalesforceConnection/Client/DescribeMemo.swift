/// Describes already fetched in this run, shared by concurrent callers: a second caller asking for an object that
/// is being fetched awaits the same request instead of sending another.
actor DescribeMemo {
    private var objects: [String: Task<ObjectDescribe, any Error>] = [:]
    private var global: Task<GlobalDescribe, any Error>?

    func object(_ name: String, fetch: @escaping @Sendable () async throws -> ObjectDescribe) async throws
        -> ObjectDescribe
    {
        let key = name.lowercased()
        if let task = objects[key] { return try await task.value }
        let task = Task { try await fetch() }
        objects[key] = task
        do {
            return try await task.value
        } catch {
            objects[key] = nil
            throw error
        }
    }

    func global(fetch: @escaping @Sendable () async throws -> GlobalDescribe) async throws -> GlobalDescribe {
        if let global { return try await global.value }
        let task = Task { try await fetch() }
        global = task
        do {
            return try await task.value
        } catch {
            global = nil
            throw error
        }
    }
}

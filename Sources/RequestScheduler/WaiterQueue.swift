/// First-in first-out queue of operations waiting for a slot, with removal by id for cancellation.
struct WaiterQueue {
    private var entries: [(id: Int, continuation: CheckedContinuation<Void, any Error>)?] = []
    private var head = 0
    private var live = 0

    var isEmpty: Bool { live == 0 }
    var count: Int { live }

    mutating func append(id: Int, _ continuation: CheckedContinuation<Void, any Error>) {
        entries.append((id, continuation))
        live += 1
    }

    mutating func popFirst() -> CheckedContinuation<Void, any Error>? {
        while head < entries.count {
            let entry = entries[head]
            entries[head] = nil
            head += 1
            if let entry {
                live -= 1
                compactIfNeeded()
                return entry.continuation
            }
        }
        compactIfNeeded()
        return nil
    }

    mutating func remove(id: Int) -> CheckedContinuation<Void, any Error>? {
        for index in head..<entries.count {
            if let entry = entries[index], entry.id == id {
                entries[index] = nil
                live -= 1
                return entry.continuation
            }
        }
        return nil
    }

    /// Drops consumed slots once they dominate, keeping memory proportional to the waiters.
    private mutating func compactIfNeeded() {
        if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}

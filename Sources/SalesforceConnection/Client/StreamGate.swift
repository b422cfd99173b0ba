/// Passes a streamed body on to the caller, holding back bodies that look like a JSON error until the status is
/// known (Bulk result endpoints send CSV on success, a JSON error array on failure, and CSV never starts with
/// `[` or `{`).
final class StreamGate: Sendable {
    private struct State {
        var decided = false
        var holding = false
        var held: [UInt8] = []
        var delivered = 0
        var total = 0
    }

    private let forward: @Sendable ([UInt8]) throws -> Void
    private let state = Locked(State())

    init(forward: @escaping @Sendable ([UInt8]) throws -> Void) { self.forward = forward }

    /// Called by the transport for each chunk.
    func receive(_ chunk: [UInt8]) throws {
        let pass: Bool = state.withLock { state in
            state.total += chunk.count
            if !state.decided {
                guard let first = chunk.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
                    state.held += chunk
                    return false
                }
                state.decided = true
                state.holding = first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
                if !state.holding && !state.held.isEmpty {
                    state.held += chunk
                    return true
                }
            }
            if state.holding {
                state.held += chunk
                return false
            }
            return true
        }
        guard pass else { return }
        let bytes: [UInt8] = state.withLock { state in
            if state.held.isEmpty { return chunk }
            let combined = state.held
            state.held = []
            return combined
        }
        try forward(bytes)
        state.withLock { $0.delivered += bytes.count }
    }

    /// Bytes already passed to the caller.
    var deliveredBytes: Int { state.withLock { $0.delivered } }
    /// Bytes received in total.
    var totalBytes: Int { state.withLock { $0.total } }

    /// The held-back bytes (the whole body when it looked like JSON).
    func takeHeld() -> [UInt8] {
        state.withLock { state in
            let held = state.held
            state.held = []
            return held
        }
    }
}

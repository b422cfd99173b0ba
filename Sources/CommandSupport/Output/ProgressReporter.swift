import Foundation

/// A progress line for long runs: on a terminal, one line on stderr rewritten in place with records, rate, bytes
/// and (when the total is known) an ETA; when stderr is piped or redirected, silent (logs stay clean).
///
/// Updates are throttled to a few per second, so calling `advance` per record or per page costs little.
public final class ProgressReporter: Sendable {
    private struct State {
        var records = 0
        var bytes = 0
        var lastDraw: ContinuousClock.Instant?
        var drewAnything = false
        var total: Int?
    }

    private let label: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let interval: Duration
    private let state: LockedState<State>
    private let output: @Sendable (String) -> Void

    /// - Parameters:
    ///   - label: What is counted (`Account`).
    ///   - total: Expected records, when known (enables the ETA).
    ///   - enabled: Override terminal detection (tests); default: stderr is a terminal.
    public init(
        label: String, total: Int? = nil, enabled: Bool = StandardError.isTerminal,
        interval: Duration = .milliseconds(250), output: @escaping @Sendable (String) -> Void = StandardError.write
    ) {
        self.label = label
        self.enabled = enabled
        self.interval = interval
        self.output = output
        state = LockedState(State(total: total))
    }

    /// Sets or changes the expected total.
    public func setTotal(_ total: Int?) { state.withLock { $0.total = total } }

    /// Counts `records` more records and `bytes` more bytes; redraws at most every `interval`.
    public func advance(records: Int = 0, bytes: Int = 0) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.records += records
            state.bytes += bytes
            let now = ContinuousClock.now
            if let last = state.lastDraw, now - last < interval { return nil }
            state.lastDraw = now
            state.drewAnything = true
            return render(state, now: now)
        }
        if let line { output("\r\u{1B}[K" + line) }
    }

    /// Draws the final numbers and ends the line.
    public func finish() {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            guard state.drewAnything || state.records > 0 else { return nil }
            return render(state, now: ContinuousClock.now)
        }
        if let line { output("\r\u{1B}[K" + line + "\n") }
    }

    /// `Account: 120,000 records  8,512/s  34.2 MB  ETA 0:41`.
    private func render(_ state: State, now: ContinuousClock.Instant) -> String {
        let elapsed = Self.seconds(now - start)
        let rate = elapsed > 0 ? Double(state.records) / elapsed : 0
        var line = "\(label): \(Self.grouped(state.records))"
        if let total = state.total { line += "/\(Self.grouped(total))" }
        line += " records  \(Self.grouped(Int(rate)))/s"
        if state.bytes > 0 { line += "  \(Self.byteText(state.bytes))" }
        if let total = state.total, rate > 0, total > state.records {
            line += "  ETA \(Self.clock(Double(total - state.records) / rate))"
        }
        return line
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && character != "-" { result.append(",") }
            result.append(character)
        }
        return result
    }

    static func byteText(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let hours = total / 3600, minutes = (total % 3600) / 60, secs = total % 60
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}

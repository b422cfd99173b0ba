import Foundation
import RequestScheduler
import SalesforceConnection
import SimulatorFixture

/// Helpers for tests that talk to a real sfsim on a loopback port.
enum Sim {
    typealias Defaults = SimulatorProcess.Defaults

    /// Starts sfsim with an empty org plus `arguments`.
    static func start(_ arguments: [String] = []) throws -> SimulatorProcess {
        try SimulatorProcess(arguments: ["--seed-data", "none"] + arguments)
    }

    /// A fresh cache folder under the temporary directory.
    static func cacheDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sfbatch-test-\(UUID().uuidString)").path
    }

    /// Settings pointing at `sim`, with a private session cache and fast retries.
    static func settings(
        _ sim: SimulatorProcess, cache: String? = nil, concurrency: Int = 4, retry: RetryPolicy? = nil
    ) -> ConnectionSettings {
        let base = sim.baseURL.absoluteString
        var scheduler = SchedulerConfiguration(maxConcurrent: concurrency)
        scheduler.retry = retry ?? RetryPolicy(
            maxAttempts: 8, baseDelay: .milliseconds(10), maxDelay: .milliseconds(100), maxElapsed: .seconds(30))
        var settings = ConnectionSettings(
            instanceURL: base, loginURL: base, scheduler: scheduler,
            sessionCache: SessionCacheSettings(enabled: cache != nil, directory: cache))
        settings.polling = PollingSettings(initialInterval: .milliseconds(20), maxInterval: .milliseconds(200),
                                           timeout: .seconds(60))
        return settings
    }

    static let clientCredentials = Credentials.clientCredentials(
        clientID: Defaults.clientID, clientSecret: Secret(Defaults.clientSecret))
    static let soap = Credentials.soap(
        username: Defaults.username, password: Secret(Defaults.password), securityToken: Secret(Defaults.securityToken))

    /// `logins.<method>` from the admin stats.
    static func logins(_ sim: SimulatorProcess, _ method: String) throws -> Int {
        let logins = try sim.stats()["logins"] as? [String: Any]
        return logins?[method] as? Int ?? -1
    }

    /// Sum of all login counters.
    static func totalLogins(_ sim: SimulatorProcess) throws -> Int {
        let logins = try sim.stats()["logins"] as? [String: Any] ?? [:]
        return logins.values.compactMap { $0 as? Int }.reduce(0, +)
    }
}

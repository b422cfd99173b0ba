import ArgumentParser
import Foundation
import OrgSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// `sfsim`: a local Salesforce-compatible org for demos, tests and benchmarks.
@main
struct SFSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfsim",
        abstract: "A local Salesforce-compatible org (REST, Bulk API 2.0, SOAP and OAuth login).",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a simulated org until interrupted.",
        discussion: """
            Without --config the org has one user, admin@sfsim.test, password sfsim-password, security token SFSIMTOKEN (SOAP and password logins send the password followed by the token), and one connected app, client id sfsim-client, secret sfsim-secret, whose client-credentials run-as user is that admin. With --tls-self-signed DIR the app also trusts DIR/jwt-certificate.pem for the JWT bearer grant (sign with DIR/jwt-private-key.pem).

            Ready line on stdout: "sfsim listening on <base URL>". Admin API: GET /__sfsim/stats, POST /__sfsim/faults (JSON: latencyMS, failRate, lockRate, dropRate, truncateResults, apiLimit, sessionTTL, soapLoginEnabled), POST /__sfsim/sessions/revoke.
            """)

    @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Port; 0 picks a free one.") var port = 0
    @Option(name: .customLong("tls-self-signed"), help: ArgumentHelp("Serve HTTPS with a generated CA; writes DIR/ca.pem for clients (--cacert, REQUESTS_CA_BUNDLE).", valueName: "DIR"))
    var tlsSelfSigned: String?
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain for HTTPS.", valueName: "FILE")) var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for HTTPS.", valueName: "FILE")) var tlsKey: String?
    @Option(help: ArgumentHelp("Folder of describe JSON files (one per object); default samples/schema.", valueName: "DIR")) var schema: String?
    @Option(help: ArgumentHelp("Folder that keeps the org's records between runs.", valueName: "DIR")) var data: String?
    @Option(help: ArgumentHelp("JSON file with users, connected apps and org settings.", valueName: "FILE")) var config: String?
    @Option(name: .customLong("seed-data"), help: ArgumentHelp("CSV seed folder (default samples/data; 'none' for an empty org).", valueName: "DIR")) var seedData: String?
    @Option(help: ArgumentHelp("Generate records, e.g. Account=1000000,Contact=2000000.", valueName: "SPEC")) var generate: String?
    @Option(help: "Random seed of --generate (same seed, same data).") var seed: UInt64 = 42
    @Option(help: ArgumentHelp("Delay every response by MS milliseconds.", valueName: "MS")) var latency = 0
    @Option(name: .customLong("fail-rate"), help: ArgumentHelp("Answer this share of API requests with 503 (0-1).", valueName: "P")) var failRate = 0.0
    @Option(name: .customLong("lock-rate"), help: ArgumentHelp("Fail this share of records with UNABLE_TO_LOCK_ROW (0-1).", valueName: "P")) var lockRate = 0.0
    @Option(name: .customLong("drop-rate"), help: ArgumentHelp("Close this share of connections without answering (0-1).", valueName: "P")) var dropRate = 0.0
    @Flag(name: .customLong("truncate-results"), help: "Fault: drop the last record of every REST query page and Bulk query result page, keeping the announced totals.") var truncateResults = false
    @Option(name: .customLong("api-limit"), help: ArgumentHelp("Daily API request allocation (default 100000).", valueName: "N")) var apiLimit: Int?
    @Option(name: .customLong("session-ttl"), help: ArgumentHelp("Session lifetime (default 7200).", valueName: "SECONDS")) var sessionTTL: Int?
    @Flag(name: .customLong("no-soap-login"), help: "Refuse SOAP login() for every API version.") var noSoapLogin = false
    @Option(name: .customLong("access-log"), help: ArgumentHelp("Access log file ('-' for stderr).", valueName: "FILE")) var accessLog: String?

    func validate() throws {
        for (name, p) in [("--fail-rate", failRate), ("--lock-rate", lockRate), ("--drop-rate", dropRate)] where !(0...1).contains(p) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsSelfSigned != nil && tlsCert != nil { throw ValidationError("use either --tls-self-signed or --tls-cert/--tls-key") }
        if latency < 0 { throw ValidationError("--latency must be >= 0") }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        do {
            try await serve()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("sfsim: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    func serve() async throws {
        let schemaDir = try schema ?? SampleLocator.find("samples/schema")
        let catalog = try SchemaCatalog.load(directory: schemaDir)
        var configuration = OrgConfiguration()
        if let config {
            configuration = try OrgConfiguration.load(path: config) { FileManager.default.contents(atPath: $0).map(Array.init) }
        }
        if let apiLimit { configuration.apiLimit = apiLimit }
        if let sessionTTL { configuration.sessionTTL = sessionTTL }
        if noSoapLogin { configuration.soapLoginEnabled = false }

        var server = ServerConfiguration()
        server.host = host
        server.port = port
        server.accessLogPath = accessLog
        if let dir = tlsSelfSigned {
            let files = try TLSFiles.selfSigned(directory: dir, host: host)
            server.tlsCertificatePath = files.certificate
            server.tlsKeyPath = files.key
            if let jwtCert = files.jwtCertificate {
                for i in configuration.apps.indices where configuration.apps[i].certificatePEM == nil {
                    configuration.apps[i].certificatePEM = jwtCert
                }
            }
        } else {
            server.tlsCertificatePath = tlsCert
            server.tlsKeyPath = tlsKey
        }

        let org = Org(
            catalog: catalog, configuration: configuration,
            faults: FaultSettings(latencyMS: latency, failRate: failRate, lockRate: lockRate, dropRate: dropRate,
                truncateResults: truncateResults))
        var persistence: OrgPersistence?
        var loaded = false
        if let data {
            let p = try OrgPersistence(directory: data, org: org)
            loaded = try p.load()
            persistence = p
        }
        org.provisionUsers()
        if !loaded {
            if seedData != "none", let seedDir = seedData ?? (try? SampleLocator.find("samples/data")) {
                try SeedLoader.load(directory: seedDir, into: org)
            } else if seedData == nil && generate == nil {
                // Starting empty by accident looks like a broken org; say why, once.
                FileHandle.standardError.write(
                    Data("sfsim: no samples/data found; starting with an empty org (pass --seed-data DIR)\n".utf8))
            }
            if let generate {
                let counts = try DataGenerator.parse(generate)
                try DataGenerator(org: org, seed: seed).generate(counts)
            }
            try persistence?.save()
        }
        let simulator = try SimulatorServer(org: org, configuration: server)
        let url = try await simulator.start()
        persistence?.startAutosave()
        // Catch SIGINT/SIGTERM before announcing readiness: a client that stops us right after the ready
        // line must not find the signal ignored and lost.
        let stop = SignalWaiter.install([SIGINT, SIGTERM])
        FileHandle.standardOutput.write(Data("sfsim listening on \(url)\n".utf8))
        await stop.wait()
        try? persistence?.save()
        await simulator.stop()
    }
}

/// Finds the bundled sample folders beside the executable or the working directory.
enum SampleLocator {
    static func find(_ relative: String) throws -> String {
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        starts.append(exe)
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent(relative).path
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue { return candidate }
                let shared = dir.appendingPathComponent("share/sfsim").appendingPathComponent(
                    String(relative.split(separator: "/").last ?? "")).path
                if FileManager.default.fileExists(atPath: shared, isDirectory: &isDir), isDir.boolValue { return shared }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw ValidationError("cannot find '\(relative)' beside the sfsim executable or the working directory; pass --schema DIR")
    }
}

/// Resumes when one of the signals arrives.
final class SignalWaiter: @unchecked Sendable {
    // Safety: `sources` is written once in `install` before any signal can fire and only read after.
    private var sources: [DispatchSourceSignal] = []
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    private init() { (stream, continuation) = AsyncStream.makeStream() }

    static func install(_ signals: [Int32]) -> SignalWaiter {
        let waiter = SignalWaiter()
        for s in signals {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            let continuation = waiter.continuation
            source.setEventHandler { continuation.yield() }
            source.resume()
            waiter.sources.append(source)
        }
        return waiter
    }

    func wait() async {
        for await _ in stream { return }
    }
}


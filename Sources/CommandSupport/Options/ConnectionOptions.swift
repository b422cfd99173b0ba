import ArgumentParser
import Foundation
import HTTPTransport
import RequestScheduler
import SalesforceConnection

/// The connection options every executable shares: which org, how to log in, transport, limits, logging.
///
/// No option takes a secret value: secrets come from environment variables or files (a value on the command line
/// would show in process lists and shell history).
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Named org from orgs.yaml (~/.config/sfbatch/orgs.yaml; SFBATCH_CONFIG overrides).")
    public var org: String?

    @Option(name: .long, help: "The org's My Domain URL, e.g. https://acme.my.salesforce.com.")
    public var instanceURL: String?

    @Option(name: .long, help: "Login host for SOAP and JWT (https://test.salesforce.com for sandboxes).")
    public var loginURL: String?

    @Option(name: .long, help: "client-credentials | soap | jwt | token (inferred from the credentials given).")
    public var auth: AuthMethod?

    @Option(name: .long, help: "Connected app consumer key (client credentials, JWT).")
    public var clientID: String?

    @Option(name: .long, help: "File holding the connected app's secret (else $SF_CLIENT_SECRET).")
    public var clientSecretFile: String?

    @Option(name: .long, help: "Username (SOAP, JWT).")
    public var username: String?

    @Option(name: .long, help: "File holding the password (else $SF_PASSWORD).")
    public var passwordFile: String?

    @Option(name: .long, help: "File holding the security token (else $SF_SECURITY_TOKEN).")
    public var securityTokenFile: String?

    @Option(name: .long, help: "RSA private key (PEM) of the connected app, for JWT bearer login.")
    public var jwtKeyFile: String?

    @Option(name: .long, help: "CA bundle (PEM) to verify the server's TLS certificate.")
    public var cacert: String?

    @Option(name: .long, help: "HTTP(S) proxy URL (default from HTTPS_PROXY / NO_PROXY).")
    public var proxy: String?

    @Option(name: .long, help: "API version of data calls (default \(ConnectionSettings.defaultAPIVersion)).")
    public var apiVersion: String?

    @Option(name: .long, help: "Requests in flight at most (1-25, default 4).")
    public var concurrency: Int?

    @Option(name: .long, help: "Start no new work past this share of the daily API allocation (1-100, default 90).")
    public var maxAPIUsage: Int?

    @Flag(name: .long, help: "Do not read or write the session cache (~/.cache/sfbatch).")
    public var noSessionCache = false

    @Flag(name: .long, help: "Print one line per HTTP request to stderr (secrets redacted).")
    public var verbose = false

    @Option(name: .long, help: "Append one JSON line per data action to FILE.")
    public var auditLog: String?

    public init() {}

    public mutating func validate() throws {
        if let concurrency, !(1...25).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 25 (Salesforce allows 25 long-running requests)")
        }
        if let maxAPIUsage, !(1...100).contains(maxAPIUsage) {
            throw ValidationError("--max-api-usage must be a percentage between 1 and 100")
        }
        for (name, url) in [("--instance-url", instanceURL), ("--login-url", loginURL)] {
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                throw ValidationError("\(name) must start with https:// (got '\(url)')")
            }
        }
        if let apiVersion, Double(apiVersion.hasPrefix("v") ? String(apiVersion.dropFirst()) : apiVersion) == nil {
            throw ValidationError("--api-version must look like 62.0")
        }
    }
}

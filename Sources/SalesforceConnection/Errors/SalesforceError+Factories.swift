import Foundation
import HTTPTransport

extension SalesforceError {
    /// A configuration problem found before anything was sent.
    public static func configuration(_ message: String) -> SalesforceError {
        SalesforceError(category: .configuration, errorCode: "CONFIGURATION", message: message)
    }

    /// An authentication failure with a hint saying what to check.
    public static func authentication(code: String, message: String, status: Int? = nil, hint: String?)
        -> SalesforceError
    {
        SalesforceError(category: .authentication, status: status, errorCode: code, message: message, hint: hint)
    }

    /// A local file problem.
    public static func io(_ message: String) -> SalesforceError {
        SalesforceError(category: .io, errorCode: "IO_ERROR", message: message)
    }

    /// A response Salesforce would never send.
    public static func unexpectedResponse(_ message: String, status: Int? = nil) -> SalesforceError {
        SalesforceError(
            category: .unexpectedResponse, status: status, errorCode: "UNEXPECTED_RESPONSE", message: message,
            hint: "check --instance-url points at a Salesforce org; run with --verbose to see the exchange")
    }

    /// A network failure (DNS, connect, TLS, proxy, dropped connection) on `url` (query string removed).
    public static func network(_ message: String, url: String) -> SalesforceError {
        let hint: String
        let lower = message.lowercased()
        if lower.contains("certificate") || lower.contains("tls") || lower.contains("ssl") {
            hint = "the TLS certificate could not be verified; pass --cacert FILE with your CA bundle"
        } else if lower.contains("resolve") || lower.contains("dns") {
            hint = "the host name does not resolve; check the URL and your DNS or proxy settings"
        } else if lower.contains("proxy") {
            hint = "the proxy refused or failed; check --proxy / HTTPS_PROXY"
        } else {
            hint = "check the network, the URL and any proxy (--proxy / HTTPS_PROXY), then run again"
        }
        return SalesforceError(
            category: .network, errorCode: "NETWORK_ERROR", message: "\(message) (\(Redaction.redactURL(url)))",
            hint: hint)
    }

    /// A transport failure on `url`, with a hint chosen from its kind; a proxy is named only when the
    /// request went through one. `context` (for example "the download broke off after N bytes") prefixes
    /// the message.
    public static func network(_ error: HTTPTransportError, url: String, context: String? = nil) -> SalesforceError {
        let message = context.map { "\($0): \(error)" } ?? "\(error)"
        let hint: String
        switch error.kind {
        case .tlsFailure:
            hint = "the TLS certificate could not be verified; pass --cacert FILE with your CA bundle"
        case .proxyFailure:
            hint = "the proxy refused or failed; check --proxy / HTTPS_PROXY and NO_PROXY"
        case .dnsFailure:
            hint = error.viaProxy
                ? "the host name could not be resolved through the proxy; check the URL and --proxy / HTTPS_PROXY"
                : "the host name does not resolve; check the URL and your DNS"
        case .connectFailed:
            hint = error.viaProxy
                ? "the proxy could not be reached or could not connect; check --proxy / HTTPS_PROXY and NO_PROXY"
                : "the host refused the connection or is unreachable; check the URL and port, that the server is "
                    + "up and that no firewall blocks it"
        default:
            hint = error.viaProxy
                ? "check the network, the URL and the proxy (--proxy / HTTPS_PROXY), then run again"
                : "check the network and the URL, then run again"
        }
        return SalesforceError(
            category: .network, errorCode: "NETWORK_ERROR", message: "\(message) (\(Redaction.redactURL(url)))",
            hint: hint)
    }

    /// Builds the error for a non-2xx REST response from its JSON error array (or any other body).
    ///
    /// Salesforce sends `[{"message","errorCode","fields"}]`; Bulk 2.0 sometimes sends a single object, and a proxy
    /// or load balancer may send HTML. All three become one error naming the status.
    public static func fromResponse(status: Int, body: [UInt8]) -> SalesforceError {
        let entries = ErrorArrayParser.parse(body)
        guard let first = entries.first else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            let code = status == 503 ? "SERVER_UNAVAILABLE" : "HTTP_\(status)"
            return SalesforceError(
                category: category(status: status, code: code), status: status, errorCode: code,
                message: text.isEmpty ? "HTTP status \(status) with an empty body" : text,
                hint: hint(status: status, code: code, message: text))
        }
        let rest = entries.dropFirst().map {
            SalesforceError(
                category: category(status: status, code: $0.code), status: status, errorCode: $0.code,
                message: $0.message, fields: $0.fields)
        }
        return SalesforceError(
            category: category(status: status, code: first.code), status: status, errorCode: first.code,
            message: first.message, fields: first.fields,
            hint: hint(status: status, code: first.code, message: first.message), additional: Array(rest))
    }

    static func category(status: Int, code: String) -> Category {
        switch code {
        case "REQUEST_LIMIT_EXCEEDED", "API_USAGE_LIMIT": return .limit
        case "INVALID_SESSION_ID", "INVALID_AUTH_HEADER": return .authentication
        default: return .api
        }
    }

    static func hint(status: Int, code: String, message: String) -> String? {
        switch code {
        case "REQUEST_LIMIT_EXCEEDED":
            return message.contains("TotalRequests")
                ? "the org's daily API allocation is used up; wait for the rolling 24-hour window or raise the limit"
                : "too many concurrent long-running requests; lower --concurrency"
        case "INVALID_SESSION_ID":
            return "the session expired and logging in again did not help; check the credentials"
        case "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED":
            return "this org or user has no API access; enable \"API Enabled\" on the user's profile"
        case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY":
            return "the user lacks permission for this object or record"
        case "UNSUPPORTED_API_VERSION":
            return "pick a supported version with --api-version"
        default:
            if status == 410 { return "this API version is retired; pick a newer one with --api-version" }
            return nil
        }
    }
}

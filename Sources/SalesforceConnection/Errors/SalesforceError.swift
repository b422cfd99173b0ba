import Foundation

/// The one error type of the connection layer: what went wrong talking to Salesforce, and what to do about it.
///
/// API errors carry the HTTP status and Salesforce's own `errorCode`, `message` and `fields`, and print the way
/// Salesforce users know them: `INVALID_FIELD: No such column 'Nmae' on entity 'Account'`. Errors raised on
/// this side (bad credentials configuration, a refused SOAP login, a network failure) print one sentence that
/// says what to do. No description ever contains a secret: messages are built from codes, URLs without query
/// strings and server messages, never from tokens, passwords or request bodies.
public struct SalesforceError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The class of failure, which decides the command-line exit code and whether a retry can help.
    public enum Category: String, Sendable, Equatable {
        /// Login failed or credentials are missing/invalid; logging in again with the same input will not help.
        case authentication
        /// DNS, connect, TLS, proxy or a dropped connection; the request may or may not have reached Salesforce.
        case network
        /// Salesforce answered with an error array (bad query, missing field, not found, ...).
        case api
        /// An API limit stops the run: the daily request allocation or `--max-api-usage` is used up.
        case limit
        /// A request that is not safe to repeat may have been applied; the caller must reconcile.
        case outcomeUnknown
        /// Settings or credentials are inconsistent; nothing was sent.
        case configuration
        /// The server answered with something Salesforce never sends (not JSON, missing keys).
        case unexpectedResponse
        /// A local file (key, cache, upload) could not be read or written.
        case io
    }

    /// The class of failure.
    public let category: Category
    /// HTTP status of the response, when there was one.
    public let status: Int?
    /// Salesforce's `errorCode` (`INVALID_FIELD`), an OAuth `error` (`invalid_grant`), a SOAP exception code
    /// (`INVALID_LOGIN`) or one of this library's codes (`NETWORK_ERROR`, `OUTCOME_UNKNOWN`, ...).
    public let errorCode: String
    /// Salesforce's message, unshortened (query errors are multi-line).
    public let message: String
    /// Fields named by the error, when Salesforce names any.
    public let fields: [String]
    /// What the user should do, when there is something specific to say.
    public let hint: String?
    /// Further errors of the same response (Salesforce returns an array; the first is `self`).
    public let additional: [SalesforceError]

    /// Creates an error; prefer the static factories, which pick the category and hint.
    public init(
        category: Category, status: Int? = nil, errorCode: String, message: String, fields: [String] = [],
        hint: String? = nil, additional: [SalesforceError] = []
    ) {
        self.category = category
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.fields = fields
        self.hint = hint
        self.additional = additional
    }

    /// `CODE: message` with Salesforce's multi-line query messages reduced to the sentence that matters, then the
    /// hint. Example: `INVALID_FIELD: No such column 'Nmae' on entity 'Account'`.
    public var description: String {
        var text = errorCode.isEmpty ? Self.summary(of: message) : "\(errorCode): \(Self.summary(of: message))"
        if !additional.isEmpty {
            text += "; " + additional.map { "\($0.errorCode): \(Self.summary(of: $0.message))" }.joined(separator: "; ")
        }
        if let hint, !hint.isEmpty { text += " (\(hint))" }
        return text
    }

    /// The message without the SOQL excerpt and the boilerplate Salesforce appends to field errors.
    static func summary(of message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true)
        var text = String(lines.last ?? Substring(message)).trimmingCharacters(in: .whitespaces)
        for boilerplate in [". If you are attempting to use a custom", ". Please reference your WSDL"] {
            if let range = text.range(of: boilerplate) { text = String(text[..<range.lowerBound]) }
        }
        return text
    }

    /// True for `UNABLE_TO_LOCK_ROW`: another transaction holds the row; retrying the row later usually works.
    public var isRowLock: Bool { errorCode == "UNABLE_TO_LOCK_ROW" || additional.contains { $0.isRowLock } }
}

import Foundation

/// Removes secrets from text that goes to logs and error messages.
///
/// Query parameters and form fields that can carry a secret (`access_token`, `password`, `client_secret`,
/// `assertion`, `sessionId`, ...) keep their names and lose their values; `Authorization` header values are
/// replaced; Salesforce session ids (`00D...!...`) found anywhere are masked. SOQL in `q=` is kept: it is what
/// the user asked for and says which data moved.
public enum Redaction {
    /// Parameter and header names whose values are secrets (compared case-insensitively).
    public static let secretNames: Set<String> = [
        "access_token", "refresh_token", "token", "password", "client_secret", "assertion", "code",
        "sessionid", "session_id", "sid", "authorization", "x-sfdc-session", "security_token", "secret",
        "client_assertion", "signature",
    ]

    /// Placeholder written in place of a secret.
    public static let mask = "[REDACTED]"

    /// `url` with secret query parameters masked and any embedded session id masked.
    public static func redactURL(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return maskSessionIDs(url) }
        let base = String(url[..<question])
        let query = url[url.index(after: question)...]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<equals].lowercased()
            return secretNames.contains(name) ? "\(part[..<equals])=\(mask)" : String(part)
        }
        return maskSessionIDs(base + "?" + parts.joined(separator: "&"))
    }

    /// The header value to print for `name`: masked when the header carries credentials.
    public static func redactHeader(name: String, value: String) -> String {
        secretNames.contains(name.lowercased()) ? mask : maskSessionIDs(value)
    }

    /// Masks anything shaped like a Salesforce session id or access token: an org id (`00D` + 12 or 15
    /// characters) followed by `!` and an opaque tail.
    public static func maskSessionIDs(_ text: String) -> String {
        guard text.contains("!") else { return text }
        var result = ""
        var remaining = Substring(text)
        while let bang = remaining.firstIndex(of: "!") {
            var start = bang
            while start > remaining.startIndex {
                let previous = remaining.index(before: start)
                if remaining[previous].isLetter || remaining[previous].isNumber { start = previous } else { break }
            }
            let prefix = remaining[start..<bang]
            if prefix.hasPrefix("00D") && (prefix.count == 15 || prefix.count == 18) {
                var end = remaining.index(after: bang)
                while end < remaining.endIndex, !isTokenTerminator(remaining[end]) {
                    end = remaining.index(after: end)
                }
                result += remaining[..<start]
                result += mask
                remaining = remaining[end...]
            } else {
                result += remaining[...bang]
                remaining = remaining[remaining.index(after: bang)...]
            }
        }
        return result + remaining
    }

    private static func isTokenTerminator(_ character: Character) -> Bool {
        character.isWhitespace || "\"'<>&,;)]}".contains(character)
    }
}

import ArgumentParser

/// `--auth`: how to log in.
public enum AuthMethod: String, Sendable, CaseIterable, ExpressibleByArgument {
    case clientCredentials = "client-credentials"
    case soap
    case jwt
    case token
}

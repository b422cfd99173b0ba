/// A secret value (password, token, client secret, private key) that never prints itself.
///
/// String interpolation, `print`, `dump` and error messages show `[REDACTED]`; only code that must send the
/// secret reads `revealed`.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself, for the one place that sends it.
    public let revealed: String

    public init(_ value: String) { revealed = value }

    public var description: String { Redaction.mask }
    public var debugDescription: String { Redaction.mask }
    public var customMirror: Mirror { Mirror(self, children: [] as [(label: String?, value: Any)]) }
    public var isEmpty: Bool { revealed.isEmpty }
}

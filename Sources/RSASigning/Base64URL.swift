/// Base64url without padding (RFC 7515 section 2), the encoding of every JWT segment.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes `bytes` with the URL-safe alphabet and no `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Base64.encode(bytes, alphabet: alphabet, pad: false)
    }

    /// Encodes the UTF-8 bytes of `text`.
    public static func encode(_ text: String) -> String {
        encode(Array(text.utf8))
    }

    /// Decodes base64url text, padded or not (standard-alphabet text is accepted too).
    ///
    /// - Returns: nil when the text is not valid base64url.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        Base64.decode(text)
    }
}

import Testing

@testable import RSASigning

@Suite struct EncodingTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64URLMatchesRFC4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(plain) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func base64URLUsesTheURLSafeAlphabet() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64URL.decode("-_-_") == bytes)
        #expect(Base64.decode("+/+/") == bytes)
    }

    @Test func base64RoundTripsEveryLength() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(arguments: ["a", "ab$c", "Zg==Zg", "Z"])
    func invalidBase64IsRejected(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex(SHA256.hash("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacMatchesOpenSSLCommandLineAndRFC4231() {
        let mac = HMACSHA256.authenticationCode(for: KeyFixtures.knownMessage, key: "secret")
        #expect(SHA256.hex(mac) == KeyFixtures.knownHMACHex)
        // RFC 4231 test case 2.
        let rfc = HMACSHA256.authenticationCode(for: "what do ya want for nothing?", key: "Jefe")
        #expect(SHA256.hex(rfc) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSHA256.constantTimeEquals(mac, mac))
        #expect(!HMACSHA256.constantTimeEquals(mac, rfc))
    }
}

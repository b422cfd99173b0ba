import Testing

@testable import RSASigning

@Suite struct RSAKeyTests {
    @Test func pkcs1AndPKCS8OfTheSameKeySignIdentically() throws {
        let pkcs1 = try RSAPrivateKey(pem: KeyFixtures.pkcs1PrivateKey)
        let pkcs8 = try RSAPrivateKey(pem: KeyFixtures.pkcs8PrivateKey)
        let message = Array(KeyFixtures.knownMessage.utf8)
        let expected = try #require(Base64.decode(KeyFixtures.knownSignatureBase64))
        // PKCS#1 v1.5 signatures are deterministic, so both must equal what the openssl CLI produced.
        #expect(try pkcs1.sign(message) == expected)
        #expect(try pkcs8.sign(message) == expected)
        #expect(pkcs1.bits == 2048)
    }

    @Test(arguments: [KeyFixtures.publicKey, KeyFixtures.pkcs1PublicKey, KeyFixtures.certificate])
    func everyPublicFormVerifiesTheKnownSignature(pem: String) throws {
        let key = try RSAPublicKey(pem: pem)
        let signature = try #require(Base64.decode(KeyFixtures.knownSignatureBase64))
        #expect(key.verify(signature: signature, message: Array(KeyFixtures.knownMessage.utf8)))
        #expect(!key.verify(signature: signature, message: Array("sfbatch known messagE".utf8)))
    }

    @Test func signVerifyRoundTripAndTamperRejection() throws {
        let key = try RSAPrivateKey.generate(bits: 2048)
        let publicKey = try key.publicKey()
        let message = Array("header.payload".utf8)
        var signature = try key.sign(message)
        #expect(signature.count == 256)
        #expect(publicKey.verify(signature: signature, message: message))

        var tamperedMessage = message
        tamperedMessage[0] ^= 1
        #expect(!publicKey.verify(signature: signature, message: tamperedMessage))
        signature[17] ^= 0x40
        #expect(!publicKey.verify(signature: signature, message: message))

        let otherKey = try RSAPrivateKey.generate(bits: 2048).publicKey()
        #expect(!otherKey.verify(signature: try key.sign(message), message: message))
    }

    @Test func generatedKeyRoundTripsThroughPEM() throws {
        let key = try RSAPrivateKey.generate(bits: 2048)
        let pem = try key.pemRepresentation()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reread = try RSAPrivateKey(pem: pem)
        let message = Array("abc".utf8)
        #expect(try reread.sign(message) == (try key.sign(message)))
        let publicPEM = try key.publicKey().pemRepresentation()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }

    @Test func encryptedKeyIsRefusedWithAdvice() throws {
        let error = try #require(throws: RSASigningError.self) {
            try RSAPrivateKey(pem: KeyFixtures.encryptedPrivateKey)
        }
        #expect(error.kind == .encryptedKey)
        #expect(error.description.contains("openssl pkey"))
    }

    @Test func nonRSAKeyIsRefused() throws {
        let error = try #require(throws: RSASigningError.self) {
            try RSAPrivateKey(pem: KeyFixtures.ecPrivateKey)
        }
        #expect(error.kind == .notRSA)
    }

    @Test(arguments: ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func garbageIsInvalidPEM(text: String) throws {
        let error = try #require(throws: RSASigningError.self) { try RSAPrivateKey(pem: text) }
        #expect(error.kind == .invalidPEM)
        let publicError = try #require(throws: RSASigningError.self) { try RSAPublicKey(pem: text) }
        #expect(publicError.kind == .invalidPEM)
    }
}

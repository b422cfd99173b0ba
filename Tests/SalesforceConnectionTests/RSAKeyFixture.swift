import RSASigning

enum RSAKeyFixture {
    static func pem() throws -> String { try RSAPrivateKey.generate(bits: 2048).pemRepresentation() }
}

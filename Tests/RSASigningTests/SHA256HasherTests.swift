import Testing

@testable import RSASigning

@Suite struct SHA256HasherTests {
    @Test func knownVectorFromFIPS180() throws {
        let hasher = SHA256Hasher()
        Array("abc".utf8).withUnsafeBytes { hasher.update($0) }
        #expect(SHA256.hex(try hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [1, 7, 64, 1000, 65_537])
    func chunkedInputMatchesOneShot(chunk: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<200_003).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hasher = SHA256Hasher()
        var offset = 0
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            data[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
        }
        #expect(try hasher.finalize() == SHA256.hash(data))
    }

    @Test func finalizeTwiceIsAnError() throws {
        let hasher = SHA256Hasher()
        _ = try hasher.finalize()
        #expect(throws: RSASigningError.self) { try hasher.finalize() }
    }
}

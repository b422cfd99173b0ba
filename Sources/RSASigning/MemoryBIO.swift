import CCrypto

/// Small helpers around OpenSSL memory BIOs, the bridge between Swift strings and PEM routines.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `text`; the BIO is freed before returning.
    static func reading<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0] }
        return try bytes.withUnsafeBytes { raw -> T in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(text.utf8.count)) else {
                throw RSASigningError.fromOpenSSL(.invalidPEM, "could not allocate a memory buffer for PEM text")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `write` against a fresh writable BIO and returns what it wrote as a string.
    static func writing(_ what: String, _ write: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not allocate a memory buffer for \(what)")
        }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not write \(what) as PEM")
        }
        var pointer: UnsafeMutablePointer<CChar>? = nil
        let length = sfb_bio_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "OpenSSL wrote an empty \(what)")
        }
        let buffer = UnsafeRawBufferPointer(start: pointer, count: Int(length))
        return String(decoding: buffer, as: UTF8.self)
    }
}

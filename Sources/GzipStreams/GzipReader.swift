import CZlib

/// A streaming gzip decompressor over another source.
///
/// Reads every member of a multi-member file (as `cat a.gz b.gz` or parallel compressors produce). The input
/// must start with the gzip magic bytes; data after a member that is not another member, an input that ends
/// inside a member, and damaged data (bad deflate data, CRC or length mismatch) are `GzipError`s, never short
/// output.
public final class GzipReader: ByteSource {
    private let source: ByteSource
    private let inflater: InflateStream
    private let inputCapacity: Int
    private let input: UnsafeMutablePointer<UInt8>
    private var inputEnd = 0
    private var inputStart = 0
    private var sourceEnded = false
    private var consumedBefore: UInt64 = 0
    private var insideMember = false
    private var membersRead = 0
    private var isFinished = false

    /// - Parameters:
    ///   - source: the compressed bytes.
    ///   - bufferSize: how many compressed bytes to read from `source` at a time.
    public init(source: ByteSource, bufferSize: Int = 256 * 1024) throws {
        self.source = source
        inflater = try InflateStream()
        inputCapacity = max(16, bufferSize)
        input = .allocate(capacity: inputCapacity)
    }

    deinit {
        input.deallocate()
    }

    /// The byte offset in the compressed input reached so far (for messages).
    private var compressedOffset: UInt64 { consumedBefore + UInt64(inputStart) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !isFinished else { return 0 }
        let stream = inflater.stream
        while true {
            if !insideMember {
                guard try startMember() else {
                    isFinished = true
                    return 0
                }
            }
            if inputStart == inputEnd {
                try refill()
                if inputStart == inputEnd {
                    throw GzipError(
                        .truncated,
                        "input ended inside gzip member \(membersRead + 1) after \(compressedOffset) bytes")
                }
            }
            stream.pointee.next_in = input + inputStart
            let available = inputEnd - inputStart
            stream.pointee.avail_in = UInt32(available)
            stream.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
            let room = min(buffer.count, Int(UInt32.max))
            stream.pointee.avail_out = UInt32(room)
            let status = inflate(stream, Z_NO_FLUSH)
            inputStart += available - Int(stream.pointee.avail_in)
            let produced = room - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                insideMember = false
                membersRead += 1
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_NEED_DICT, Z_DATA_ERROR:
                throw GzipError(
                    .corrupt, "\(inflater.message) in member \(membersRead + 1) near byte \(compressedOffset)")
            case Z_MEM_ERROR:
                throw GzipError(.zlibFailure, "out of memory while inflating")
            default:
                throw GzipError(.zlibFailure, "inflate returned \(status): \(inflater.message)")
            }
            if produced > 0 { return produced }
        }
    }

    /// Positions at the next member: true if one starts here, false at a clean end of input.
    private func startMember() throws -> Bool {
        while inputEnd - inputStart < 2 {
            let before = inputEnd - inputStart
            try refill()
            if inputEnd - inputStart == before { break }
        }
        let available = inputEnd - inputStart
        if available == 0 {
            if membersRead == 0 { throw GzipError(.notGzip, "the input is empty") }
            return false
        }
        if available == 1 && input[inputStart] == 0x1f {
            throw GzipError(.truncated, "input ends one byte into gzip member \(membersRead + 1)")
        }
        guard available >= 2, input[inputStart] == 0x1f, input[inputStart + 1] == 0x8b else {
            if membersRead == 0 {
                throw GzipError(.notGzip, "the first bytes are not the gzip magic 1f 8b")
            }
            throw GzipError(
                .corrupt, "\(available > 1 ? "unexpected data" : "a stray byte") after gzip member \(membersRead) "
                    + "at byte \(compressedOffset)")
        }
        if membersRead > 0 {
            guard inflateReset(inflater.stream) == Z_OK else {
                throw GzipError(.zlibFailure, "inflateReset failed: \(inflater.message)")
            }
        }
        insideMember = true
        return true
    }

    /// Moves unread bytes to the front and reads more from the source.
    private func refill() throws {
        guard !sourceEnded else { return }
        if inputStart > 0 {
            let left = inputEnd - inputStart
            if left > 0 { input.update(from: input + inputStart, count: left) }
            consumedBefore += UInt64(inputStart)
            inputStart = 0
            inputEnd = left
        }
        let count = try source.read(
            into: UnsafeMutableRawBufferPointer(start: input + inputEnd, count: inputCapacity - inputEnd))
        if count == 0 { sourceEnded = true }
        inputEnd += count
    }
}

import CZlib

/// One independent deflate block of the multi-core writer: its input, the 32 KiB dictionary taken from the block
/// before it, and, once a worker is done, its compressed bytes and CRC.
///
/// Jobs are recycled by the writer, so their buffers are allocated once per writer, not once per block.
final class BlockJob: @unchecked Sendable {
    // @unchecked Sendable, proven by the hand-off protocol: the writer fills `input`, `dictionary` and `isLast`
    // before `DeflatePool.submit`; only the worker touches the job until it sets `isDone` under the pool's lock;
    // the writer reads `output`, `crc` and `failure` only after seeing `isDone` under that same lock. The lock
    // orders every access, so no field is ever used by two threads at once.
    static let dictionaryCapacity = 32 * 1024

    let capacity: Int
    let input: UnsafeMutablePointer<UInt8>
    var inputCount = 0
    let dictionary: UnsafeMutablePointer<UInt8>
    var dictionaryCount = 0
    var isLast = false

    private(set) var output: UnsafeMutablePointer<UInt8>
    private(set) var outputCapacity: Int
    private(set) var outputCount = 0
    private(set) var crc: UInt = 0
    private(set) var failure: GzipError?
    /// Guarded by the pool's monitor.
    var isDone = false

    init(capacity: Int) {
        self.capacity = capacity
        input = .allocate(capacity: capacity)
        dictionary = .allocate(capacity: Self.dictionaryCapacity)
        // Deflate never grows data by more than a few bytes per 16 KiB; the slack also covers the sync marker.
        outputCapacity = capacity + capacity / 8 + 1024
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        input.deallocate()
        dictionary.deallocate()
        output.deallocate()
    }

    /// Clears the job for reuse by the writer.
    func reset() {
        inputCount = 0
        dictionaryCount = 0
        isLast = false
        outputCount = 0
        crc = 0
        failure = nil
        isDone = false
    }

    /// Compresses `input` into raw deflate data ending on a byte boundary (`Z_SYNC_FLUSH`), or with the final
    /// block bit for the last job (`Z_FINISH`), and computes the input's CRC-32. Runs on a worker thread.
    func compress(with deflater: DeflateStream?) {
        crc = crc32(0, input, UInt32(inputCount))
        guard let deflater else {
            failure = GzipError(.zlibFailure, "a compression worker could not start zlib")
            return
        }
        let stream = deflater.stream
        guard deflateReset(stream) == Z_OK else {
            failure = GzipError(.zlibFailure, "deflateReset failed: \(deflater.message)")
            return
        }
        if dictionaryCount > 0 {
            // The previous block's tail primes the window, so matches across the boundary still compress: this
            // is what keeps the multi-core ratio within a fraction of a percent of single-stream deflate.
            guard deflateSetDictionary(stream, dictionary, UInt32(dictionaryCount)) == Z_OK else {
                failure = GzipError(.zlibFailure, "deflateSetDictionary failed: \(deflater.message)")
                return
            }
        }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(inputCount)
        let flush = isLast ? Z_FINISH : Z_SYNC_FLUSH
        outputCount = 0
        while true {
            if outputCount == outputCapacity { grow() }
            stream.pointee.next_out = output + outputCount
            let room = outputCapacity - outputCount
            stream.pointee.avail_out = UInt32(room)
            let status = deflate(stream, flush)
            outputCount += room - Int(stream.pointee.avail_out)
            if status == Z_STREAM_END { return }
            if status != Z_OK && status != Z_BUF_ERROR {
                failure = GzipError(.zlibFailure, "deflate returned \(status): \(deflater.message)")
                return
            }
            // A sync flush is complete once all input is consumed and zlib left room in the output.
            if !isLast && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
        }
    }

    private func grow() {
        let bigger = outputCapacity * 2
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        replacement.update(from: output, count: outputCount)
        output.deallocate()
        output = replacement
        outputCapacity = bigger
    }
}

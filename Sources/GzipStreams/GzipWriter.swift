import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming gzip compressor in front of another sink: one gzip member, readable by `gzip -d`, zcat and every
/// gzip library.
///
/// With `threads == 1` it is a plain zlib deflate stream on the calling thread. With more threads it works as
/// pigz does: the input is cut into independent blocks (128 KiB by default), each primed with the previous
/// block's last 32 KiB as dictionary, compressed on dedicated worker threads, ended with a sync flush so the
/// pieces concatenate into one valid deflate stream, and the CRC-32s are joined with `crc32_combine`.
///
/// The writer is synchronous: `write` compresses (or waits for workers) on the calling thread, so call it from
/// a thread that may block, not from the cooperative pool. It is not thread-safe; one owner at a time.
public final class GzipWriter: ByteSink {
    /// The level used when none is given. Level 1 compresses CSV about three times faster than level 6 for
    /// output about 24% larger (see docs/records.md for the measured figures): exports are bound by
    /// compression speed long before disk or network, so speed wins by default; pass 6 or 9 for archives.
    public static let defaultLevel = 1

    /// The block size of the multi-core mode. 128 KiB keeps every core busy on small exports and costs under
    /// 0.1% of ratio, since each block is primed with the previous block's tail.
    public static let defaultBlockSize = 128 * 1024

    /// The number of online cores, a sensible `threads` value for "use every core".
    public static var availableCores: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The compression level, 1 (fastest) to 9 (smallest).
    public let level: Int
    /// The number of compression threads; 1 means a single deflate stream on the caller's thread.
    public let threads: Int

    private let sink: ByteSink
    private var isFinished = false

    // Single-stream mode.
    private let deflater: DeflateStream?
    private let outputCapacity = 256 * 1024
    private let outputBuffer: UnsafeMutablePointer<UInt8>
    private var outputCount = 0

    // Multi-core mode.
    private let pool: DeflatePool?
    private let blockSize: Int
    private var current: BlockJob?
    private var inFlight: [BlockJob] = []
    private var inFlightHead = 0
    private var spareJobs: [BlockJob] = []
    private var combinedCRC: UInt = 0
    private var totalInput: UInt64 = 0

    /// Creates a writer compressing into `sink`.
    /// - Parameters:
    ///   - sink: where the gzip bytes go; `finish()` finishes it too.
    ///   - level: 1...9.
    ///   - threads: 1 for one stream on the calling thread, more for that many worker threads.
    ///   - blockSize: the multi-core block size (at least 32 KiB).
    /// - Throws: `GzipError` for a level outside 1...9 or when zlib or a thread cannot start.
    public init(
        sink: ByteSink, level: Int = GzipWriter.defaultLevel, threads: Int = 1,
        blockSize: Int = GzipWriter.defaultBlockSize
    ) throws {
        guard (1...9).contains(level) else {
            throw GzipError(.misuse, "compression level \(level) is outside 1...9")
        }
        self.sink = sink
        self.level = level
        self.threads = max(1, threads)
        self.blockSize = max(blockSize, BlockJob.dictionaryCapacity)
        outputBuffer = .allocate(capacity: outputCapacity)
        if self.threads == 1 {
            deflater = try DeflateStream(level: level, windowBits: 31)
            pool = nil
        } else {
            deflater = nil
            pool = try DeflatePool(threadCount: self.threads, level: level)
            current = BlockJob(capacity: self.blockSize)
            try writeHeader()
        }
    }

    deinit {
        pool?.shutdown()
        outputBuffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !isFinished else { throw GzipError(.misuse, "write after finish") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // zlib declares next_in mutable only because it is built without z_const; it never writes through it.
        let start = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        if let deflater {
            try deflateSingle(deflater, start, bytes.count, flush: Z_NO_FLUSH)
        } else {
            try appendBlocks(start, bytes.count)
        }
    }

    /// Ends the gzip member (trailer included) and finishes the sink below.
    public func finish() throws {
        try finishCompression()
        try sink.finish()
    }

    /// Ends the gzip member, writing every remaining byte and the trailer to the sink, but leaves the sink open
    /// (an atomic output file syncs and renames it afterwards). Idempotent.
    public func finishCompression() throws {
        guard !isFinished else { return }
        isFinished = true
        if let deflater {
            try deflateSingle(deflater, nil, 0, flush: Z_FINISH)
            try flushOutput()
        } else {
            try submitCurrent(isLast: true)
            while inFlightHead < inFlight.count { try retireOldest() }
            pool?.shutdown()
            var trailer = [UInt8](repeating: 0, count: 8)
            let crc = UInt32(truncatingIfNeeded: combinedCRC)
            let size = UInt32(truncatingIfNeeded: totalInput)
            for index in 0..<4 {
                trailer[index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index)))
                trailer[4 + index] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(index)))
            }
            try sink.write(trailer)
        }
    }

    // MARK: single stream

    private func deflateSingle(
        _ deflater: DeflateStream, _ start: UnsafeMutablePointer<UInt8>?, _ count: Int, flush: Int32
    ) throws {
        let stream = deflater.stream
        var remaining = count
        var next = start
        repeat {
            // avail_in is 32-bit; feed giant buffers in 1 GiB slices.
            let slice = min(remaining, 1 << 30)
            stream.pointee.next_in = next
            stream.pointee.avail_in = UInt32(slice)
            let sliceFlush = slice == remaining ? flush : Z_NO_FLUSH
            while true {
                stream.pointee.next_out = outputBuffer + outputCount
                let room = outputCapacity - outputCount
                stream.pointee.avail_out = UInt32(room)
                let status = deflate(stream, sliceFlush)
                outputCount += room - Int(stream.pointee.avail_out)
                if outputCount == outputCapacity { try flushOutput() }
                if status == Z_STREAM_END { return }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw GzipError(.zlibFailure, "deflate returned \(status): \(deflater.message)")
                }
                if sliceFlush == Z_NO_FLUSH && stream.pointee.avail_in == 0 { break }
            }
            remaining -= slice
            next = next.map { $0 + slice }
        } while remaining > 0
    }

    private func flushOutput() throws {
        guard outputCount > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: outputBuffer, count: outputCount))
        outputCount = 0
    }

    // MARK: multi-core

    private func writeHeader() throws {
        // Magic, deflate, no flags, no mtime (reproducible output), extra flags by level, OS = Unix.
        let extraFlags: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
        try sink.write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, extraFlags, 3])
    }

    private func appendBlocks(_ start: UnsafeMutablePointer<UInt8>, _ count: Int) throws {
        var offset = 0
        while offset < count {
            guard let job = current else { throw GzipError(.misuse, "write after finish") }
            let take = min(job.capacity - job.inputCount, count - offset)
            (job.input + job.inputCount).update(from: start + offset, count: take)
            job.inputCount += take
            offset += take
            if job.inputCount == job.capacity { try submitCurrent(isLast: false) }
        }
    }

    private func submitCurrent(isLast: Bool) throws {
        guard let pool, let job = current else { return }
        job.isLast = isLast
        current = nil
        if !isLast {
            let next = spareJobs.popLast() ?? BlockJob(capacity: blockSize)
            next.reset()
            let tail = min(job.inputCount, BlockJob.dictionaryCapacity)
            next.dictionary.update(from: job.input + (job.inputCount - tail), count: tail)
            next.dictionaryCount = tail
            current = next
        }
        totalInput &+= UInt64(job.inputCount)
        pool.submit(job)
        inFlight.append(job)
        // Write out whatever is already done, then bound the work in flight (and so the memory) to a few
        // blocks per thread.
        while inFlightHead < inFlight.count && pool.isDone(inFlight[inFlightHead]) { try retireOldest() }
        while inFlight.count - inFlightHead > threads * 2 + 1 { try retireOldest() }
    }

    private func retireOldest() throws {
        guard let pool else { return }
        let job = inFlight[inFlightHead]
        pool.wait(for: job)
        inFlightHead += 1
        if inFlightHead == inFlight.count {
            inFlight.removeAll(keepingCapacity: true)
            inFlightHead = 0
        }
        if let failure = job.failure { throw failure }
        try sink.write(UnsafeRawBufferPointer(start: job.output, count: job.outputCount))
        combinedCRC = crc32_combine(combinedCRC, job.crc, off_t(job.inputCount))
        spareJobs.append(job)
    }
}

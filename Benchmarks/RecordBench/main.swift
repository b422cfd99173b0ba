// RecordBench: the record layer's speed on a generated Salesforce-like CSV.
//
//   RecordBench [--size-mb N] [--gzip-mb N] [--corpus-mb N] [--dir PATH] [--keep]
//
// Size defaults to 1000 MB (200 MB when env BENCH=quick, as `make bench BENCH=quick` sets; env
// RECORDBENCH_SIZE_MB or --size-mb override); gzip runs on the first --gzip-mb of the file (default:
// min(size, 256), 64 when quick) because level 6 on one core takes a minute per GB. Writers run on an in-memory
// corpus (--corpus-mb, default 64) into a counting sink, so they measure formatting, not the disk.
import Foundation
import RecordFiles

struct Options {
    static let quick = ProcessInfo.processInfo.environment["BENCH"] == "quick"
    var sizeMB = Int(ProcessInfo.processInfo.environment["RECORDBENCH_SIZE_MB"] ?? "") ?? (quick ? 200 : 1000)
    var gzipMB: Int? = quick ? 64 : nil
    var corpusMB = 64
    var directory: String?
    var keep = false

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--size-mb": sizeMB = Int(iterator.next() ?? "") ?? sizeMB
            case "--gzip-mb": gzipMB = Int(iterator.next() ?? "")
            case "--corpus-mb": corpusMB = Int(iterator.next() ?? "") ?? corpusMB
            case "--dir": directory = iterator.next()
            case "--keep": keep = true
            case "-h", "--help":
                print("usage: RecordBench [--size-mb N] [--gzip-mb N] [--corpus-mb N] [--dir PATH] [--keep]")
                exit(0)
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument); see --help\n".utf8))
                exit(64)
            }
        }
    }
}

/// Wall time and the process's CPU time of `body`. On a shared machine the CPU time tells what the code costs
/// (a single-threaded benchmark's CPU-time rate is what one free core would do); wall time tells what the
/// user would see right now.
struct Timing {
    var wall: Double
    var cpu: Double
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func measure(_ body: () throws -> Void) rethrows -> Timing {
    let clock = ContinuousClock()
    let cpuBefore = cpuSeconds()
    let elapsed = try clock.measure(body)
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Timing(wall: wall, cpu: cpuSeconds() - cpuBefore)
}

func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
    let pad = String(repeating: " ", count: max(0, width - text.count))
    return left ? pad + text : text + pad
}

func report(_ name: String, bytes: Int, rows: Int, timing: Timing, note: String = "") {
    let megabytes = Double(bytes) / 1_000_000
    print(
        padded(name, 40) + padded(String(format: "%.1f", megabytes / timing.wall), 9, left: true)
            + padded(String(format: "%.1f", megabytes / timing.cpu), 9, left: true)
            + padded(String(format: "%.0f", Double(rows) / timing.wall), 11, left: true)
            + padded(String(format: "%.2f", timing.wall), 8, left: true)
            + padded(String(format: "%.2f", timing.cpu), 8, left: true) + "  " + note)
}

let options = Options(arguments: CommandLine.arguments)
let folder = options.directory
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("recordbench-\(getpid())").path
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { if !options.keep && options.directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
let csvPath = folder + "/accounts.csv"
let cores = GzipWriter.availableCores

// 1. Generate.
var generatedRows = 0
let target = options.sizeMB * 1_000_000
let generateSeconds = try measure {
    let output = try OutputFile.create(csvPath)
    let writer = CSVWriter(sink: output)
    try writer.writeRow(SalesforceLikeData.header)
    var data = SalesforceLikeData(seed: 20_261_121)
    while writer.bytesWritten < target {
        for _ in 0..<1000 { try data.writeRow(to: writer) }
        generatedRows += 1000
        try writer.flush()
    }
    try writer.finish()
}
let fileSize = (try FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0
print("RecordBench: \(generatedRows) rows, \(fileSize / 1_000_000) MB of Salesforce-like CSV (20 columns), "
    + "generated in \(String(format: "%.1f", generateSeconds.wall)) s; \(cores) cores")
print(
    padded("benchmark", 40) + padded("MB/s", 9, left: true) + padded("MB/cpu-s", 9, left: true)
        + padded("rows/s", 11, left: true) + padded("wall s", 8, left: true) + padded("cpu s", 8, left: true))

// 2. CSV read, fast path (byte slices) and [String] path.
var readRows = 0
var checksum = 0
var timing = try measure {
    let reader = try CSVReader(path: csvPath)
    try reader.forEachRecord { record in
        readRows += 1
        checksum &+= record[record.count - 1].count
    }
}
report("CSV read (byte fields, 1 core)", bytes: fileSize, rows: readRows, timing: timing)
readRows = 0
timing = try measure {
    let reader = try CSVReader(path: csvPath)
    while let row = try reader.readRow() {
        readRows += 1
        checksum &+= row.count
    }
}
report("CSV read ([String] rows, 1 core)", bytes: fileSize, rows: readRows, timing: timing)

// 3. Writers on an in-memory corpus, cycled until as many bytes as the file were produced.
let corpus = try RecordCorpus(path: csvPath, limit: options.corpusMB * 1_000_000)
func forEachCorpusRow(until limit: () -> Bool, _ body: (Int) throws -> Void) rethrows -> Int {
    var rows = 0
    while !limit() {
        for row in 0..<corpus.rowCount {
            try body(row)
            rows += 1
        }
    }
    return rows
}

let csvSink = CountingSink()
var writtenRows = 0
timing = try measure {
    let writer = CSVWriter(sink: csvSink)
    try writer.writeRow(SalesforceLikeData.header)
    try corpus.bytes.withUnsafeBufferPointer { bytes in
        try corpus.ends.withUnsafeBufferPointer { ends in
            writtenRows = try forEachCorpusRow(until: { writer.bytesWritten >= fileSize }) { row in
                let first = row * corpus.fieldsPerRow
                var start = first == 0 ? 0 : ends[first - 1]
                for index in first..<(first + corpus.fieldsPerRow) {
                    writer.writeField(bytes: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]))
                    start = ends[index]
                }
                try writer.endRow()
            }
        }
    }
    try writer.finish()
}
report("CSV write (1 core)", bytes: csvSink.count, rows: writtenRows, timing: timing)

let jsonSink = CountingSink()
timing = try measure {
    let writer = JSONLinesWriter(sink: jsonSink)
    let keys = JSONKeys(SalesforceLikeData.header)
    try corpus.bytes.withUnsafeBufferPointer { bytes in
        try corpus.ends.withUnsafeBufferPointer { ends in
            writtenRows = try forEachCorpusRow(until: { jsonSink.count >= fileSize }) { row in
                let first = row * corpus.fieldsPerRow
                try writer.writeObject(keys: keys, fieldCount: corpus.fieldsPerRow) { index in
                    let field = first + index
                    let start = field == 0 ? 0 : ends[field - 1]
                    return UnsafeBufferPointer(rebasing: bytes[start..<ends[field]])
                }
            }
        }
    }
    try writer.finish()
}
report("JSON Lines write (1 core)", bytes: jsonSink.count, rows: writtenRows, timing: timing)

// 4. JSON parsing of REST query pages (2,000 records each, as Salesforce sends them) built from the corpus.
var pages: [[UInt8]] = []
var pageRows = 0
do {
    let keys = JSONKeys(SalesforceLikeData.header)
    var row = 0
    while row + 2000 <= corpus.rowCount && pages.count < 8 {
        let sink = MemorySink()
        try sink.write(#"{"totalSize":2000,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-2000","records":["#)
        for index in row..<(row + 2000) {
            if index > row { try sink.write(",") }
            let first = index * corpus.fieldsPerRow
            var object = JSONObject()
            object["attributes"] = ["type": "Contact", "url": .string("/services/data/v62.0/sobjects/Contact/\(index)")]
            for field in 0..<corpus.fieldsPerRow {
                let start = first + field == 0 ? 0 : corpus.ends[first + field - 1]
                let text = String(decoding: corpus.bytes[start..<corpus.ends[first + field]], as: UTF8.self)
                object[keys.names[field]] = field == 16 || field == 17 ? .number(text) : .string(text)
            }
            try sink.write(JSONValue.object(object).serialized())
        }
        try sink.write("]}")
        pages.append(sink.bytes)
        row += 2000
    }
}
var parsedBytes = 0
timing = try measure {
    for _ in 0..<4 {
        for page in pages {
            let value = try JSONValue.parse(page)
            pageRows += value["records"]?.arrayValue?.count ?? 0
            parsedBytes += page.count
        }
    }
}
report("JSON parse (REST query pages, 1 core)", bytes: parsedBytes, rows: pageRows, timing: timing)

// 5. gzip on the first part of the file, held in memory so only compression is timed.
let gzipBytes = min(fileSize, (options.gzipMB ?? min(options.sizeMB, 256)) * 1_000_000)
let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: csvPath))
let sample = [UInt8](try handle.read(upToCount: gzipBytes) ?? Data())
try handle.close()
let sampleRows = Int(Double(sample.count) / Double(fileSize) * Double(generatedRows))
let chunk = 1 << 20
print("gzip on the first \(sample.count / 1_000_000) MB (\(sampleRows) rows):")
for level in [1, 6] {
    var rawCount = 0
    let raw = try measure {
        let deflater = try DirectDeflater(level: level)
        try sample.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + chunk)
                try deflater.compress(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                offset = end
            }
        }
        try deflater.finish()
        rawCount = deflater.compressedCount
    }
    report("zlib direct, level \(level) (floor)", bytes: sample.count, rows: sampleRows, timing: raw,
           note: String(format: "ratio %.2f", Double(sample.count) / Double(rawCount)))
    var single = raw
    var compressed: [UInt8] = []
    for threads in Array(Set([1, cores])).sorted() {
        let sink = CountingSink()
        let keep = level == 6 && threads == 1 ? MemorySink() : nil
        let gzip = try measure {
            let writer = try GzipWriter(sink: keep ?? sink, level: level, threads: threads)
            try sample.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunk)
                    try writer.write(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                    offset = end
                }
            }
            try writer.finish()
        }
        if let keep {
            compressed = keep.bytes
            try sink.write(compressed)
        }
        if threads == 1 { single = gzip }
        let versus = threads == 1
            ? String(format: "%+.1f%% cpu vs raw", (gzip.cpu / raw.cpu - 1) * 100)
            : String(format: "%.2fx one core (wall)", single.wall / gzip.wall)
        report("GzipWriter level \(level), \(threads) thread\(threads == 1 ? "" : "s")", bytes: sample.count,
               rows: sampleRows, timing: gzip,
               note: String(format: "ratio %.2f, ", Double(sample.count) / Double(sink.count)) + versus)
    }
    if !compressed.isEmpty {
        var decompressed = 0
        let read = try measure {
            let reader = try GzipReader(source: MemorySource(compressed))
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if count == 0 { break }
                decompressed += count
            }
        }
        report("GzipReader (level-6 input)", bytes: decompressed, rows: sampleRows, timing: read,
               note: decompressed == sample.count ? "output matches" : "OUTPUT LENGTH MISMATCH")
    }
}
if checksum == 42 { print("") }  // keeps the read loops from being optimised away

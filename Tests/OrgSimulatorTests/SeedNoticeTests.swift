import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import SimulatorFixture
import Testing

/// Without a seed folder and without `--seed-data`, sfsim says on stderr that it starts empty.
@Suite struct SeedNoticeTests {
    static let notice = "sfsim: no samples/data found; starting with an empty org (pass --seed-data DIR)"

    /// Runs a copy of sfsim that has no samples beside it or its working directory, until its ready line;
    /// returns what it wrote to stderr.
    static func stderrOfIsolatedServe(_ extra: [String]) throws -> String {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sfsim-notice-\(UUID().uuidString)")
        let bin = work.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let source = try SimulatorProcess.binary(named: "sfsim").resolvingSymlinksInPath()
        let copy = bin.appendingPathComponent("sfsim")
        if link(source.path, copy.path) != 0 { try FileManager.default.copyItem(at: source, to: copy) }
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/schema").path

        let process = Process()
        process.executableURL = copy
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--schema", schema] + extra
        process.currentDirectoryURL = work
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: seen, as: UTF8.self).contains("sfsim listening on ") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty && (!process.isRunning || Date() > deadline) { break }
            seen.append(chunk)
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("sfsim listening on "))
        // The notice precedes the ready line, so nothing is lost by killing at once.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func noSeedFolderIsAnnouncedOnce() throws {
        let text = try Self.stderrOfIsolatedServe([])
        #expect(text.components(separatedBy: Self.notice).count == 2, "stderr: \(text)")
    }

    @Test func explicitEmptyOrgIsQuiet() throws {
        let text = try Self.stderrOfIsolatedServe(["--seed-data", "none"])
        #expect(!text.contains("no samples/data found"), "stderr: \(text)")
    }
}

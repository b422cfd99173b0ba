import Foundation
import SimulatorFixture
import Testing

/// The sfexport executable's own contracts: help and version print cleanly, usage errors exit 64.
@Suite struct ExportCommandLineTests {
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: "sfexport")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func helpAndVersionPrintCleanlyAndUsageErrorsExit64() throws {
        for arguments in [["--help"], ["export", "--help"], ["help", "describe"]] {
            let (status, output) = try Self.run(arguments)
            #expect(status == 0, "\(arguments): \(output)")
            #expect(output.contains("USAGE: sfexport"), "\(arguments): \(output)")
        }
        let version = try Self.run(["--version"])
        #expect(version.0 == 0, "\(version.1)")
        #expect(version.1.split(separator: ".").count == 3, "\(version.1)")
        let unknown = try Self.run(["--query", "SELECT Id FROM Account", "-o", "x.csv", "--no-such-option"])
        #expect(unknown.0 == 64, "\(unknown.1)")
        #expect(unknown.1.contains("--no-such-option"), "\(unknown.1)")
    }
}

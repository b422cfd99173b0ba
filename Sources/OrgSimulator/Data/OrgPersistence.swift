import Foundation

/// Keeps the org's records in a folder between runs (`--data DIR`): one `<Object>.rows` file per
/// object, rewritten atomically (temp file + rename) within two seconds of a change (only the tables that
/// changed) and at shutdown.
///
/// File format: `SFSIMROWS1\n`, then the field names joined by `,` and `\n` (a schema change is
/// detected and refused), then per slot a state byte, a UInt32 little-endian length and the row bytes.
public final class OrgPersistence: Sendable {
    let directory: String
    let org: Org
    private let savedGeneration = Locked<UInt64>(0)
    /// Table version at its last save, by object name: unchanged tables are not rewritten.
    private let savedVersions = Locked<[String: UInt64]>([:])
    private let timer = Locked<DispatchSourceTimer?>(nil)
    static let magic = Array("SFSIMROWS1\n".utf8)

    public init(directory: String, org: Org) throws {
        self.directory = directory
        self.org = org
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SeedError("cannot create data folder '\(directory)': \(error.localizedDescription)")
        }
    }

    func path(_ object: String) -> String { (directory as NSString).appendingPathComponent("\(object).rows") }

    /// Loads saved records; false when the folder holds none (a fresh org).
    public func load() throws -> Bool {
        var any = false
        try org.store.write { writer in
            for table in writer.tables {
                let file = path(table.schema.name)
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let bytes = [UInt8](data)
                guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic,
                    let newline = bytes[Self.magic.count...].firstIndex(of: 0x0A)
                else { throw SeedError("'\(file)' is not an sfsim data file; remove it or use another --data folder") }
                let names = String(decoding: bytes[Self.magic.count..<newline], as: UTF8.self)
                guard names == table.schema.fields.map(\.name).joined(separator: ",") else {
                    throw SeedError(
                        "'\(file)' was saved with a different \(table.schema.name) schema; use the same --schema or a new --data folder")
                }
                var i = newline + 1
                while i + 5 <= bytes.count {
                    let state = ObjectTable.SlotState(rawValue: bytes[i]) ?? .purged
                    let length = Int(bytes[i + 1]) | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) << 16 | Int(bytes[i + 4]) << 24
                    i += 5
                    guard i + length <= bytes.count else { throw SeedError("'\(file)' is truncated") }
                    table.restore(length == 0 ? nil : Row(bytes: Array(bytes[i..<i + length])), state: state)
                    i += length
                }
                any = true
            }
        }
        savedGeneration.withLock { $0 = org.store.generation }
        let versions = org.store.read { r in Dictionary(uniqueKeysWithValues: r.tables.map { ($0.schema.name, $0.version) }) }
        savedVersions.withLock { $0 = versions }
        return any
    }

    /// Writes every table now.
    public func save() throws {
        let generation = org.store.generation
        try org.store.read { reader in
            for table in reader.tables {
                let file = path(table.schema.name)
                if savedVersions.snapshot[table.schema.name] == table.version, FileManager.default.fileExists(atPath: file) {
                    continue
                }
                var out = Self.magic
                out.append(contentsOf: Array(table.schema.fields.map(\.name).joined(separator: ",").utf8))
                out.append(0x0A)
                out.reserveCapacity(out.count + table.slotCount * 200)
                for slot in 0..<table.slotCount {
                    let row = table.row(at: slot)
                    let state: ObjectTable.SlotState = row == nil ? .purged : table.states[slot]
                    let bytes = row?.bytes ?? []
                    out.append(state.rawValue)
                    let n = bytes.count
                    out.append(contentsOf: [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)])
                    out.append(contentsOf: bytes)
                }
                let temp = file + ".partial"
                guard FileManager.default.createFile(atPath: temp, contents: Data(out)) else {
                    throw SeedError("cannot write '\(temp)'")
                }
                guard rename(temp, file) == 0 else { throw SeedError("cannot rename '\(temp)' to '\(file)'") }
                let version = table.version
                savedVersions.withLock { $0[table.schema.name] = version }
            }
        }
        savedGeneration.withLock { $0 = generation }
    }

    /// Saves every two seconds when something changed (only the changed tables).
    public func startAutosave() {
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "sfsim.persistence"))
        source.schedule(deadline: .now() + 2, repeating: 2)
        source.setEventHandler { [self] in
            if org.store.generation != savedGeneration.snapshot { try? save() }
        }
        source.resume()
        timer.withLock { $0 = source }
    }
}

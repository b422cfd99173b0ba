import Foundation

/// Loads `<Object>.csv` files (Bulk CSV rules) into an empty org, parents before children.
public enum SeedLoader {
    static let order = ["Account", "Contact", "Lead", "Opportunity", "Case", "Invoice__c"]

    /// Inserts every row of every `<Object>.csv` in `directory`.
    /// - Throws: an error naming the file, line and Salesforce error of the first bad row.
    public static func load(directory: String, into org: Org) throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let objects = files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
        let sorted = objects.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count
            let ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : a < b
        }
        let adminSlot = org.user(named: OrgConfiguration.defaultUsername)?.1 ?? org.configuration.users.first.flatMap { org.user(named: $0.username)?.1 } ?? 0
        let userID = org.userID(slot: adminSlot)
        for object in sorted {
            let path = (directory as NSString).appendingPathComponent("\(object).csv")
            guard let table = org.store.read({ $0.table(named: object) }) else {
                throw SeedError("\(path): no object named \(object) in the schema")
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw SeedError("cannot read \(path)") }
            let rows: [[String]]
            do { rows = try SimpleCSV.parse(Array(data)) } catch { throw SeedError("\(path): \(error)") }
            guard let header = rows.first else { continue }
            let mapper: CSVRecordMapper
            do { mapper = try CSVRecordMapper(header: header, schema: table.schema) } catch {
                throw SeedError("\(path): \(error.message)")
            }
            try org.store.write { writer in
                let saver = RecordSaver(writer: writer, table: table, userID: userID)
                for (i, cells) in rows.dropFirst().enumerated() {
                    do { _ = try saver.insert(mapper.input(cells)) } catch let error as SaveError {
                        throw SeedError("\(path):\(i + 2): \(error.code): \(error.message)")
                    }
                }
            }
        }
    }
}

/// A seed file that cannot be loaded.
public struct SeedError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

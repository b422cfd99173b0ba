import DataExport
import Foundation
import RecordFiles
import SalesforceConnection
import SimulatorFixture

/// A running sfsim and a client logged in to it with client credentials.
struct SimulatorOrg {
    let simulator: SimulatorProcess
    let client: SalesforceClient
    let org: SalesforceClientOrg

    init(arguments: [String] = []) throws {
        simulator = try SimulatorProcess(arguments: arguments)
        let settings = ConnectionSettings(
            instanceURL: simulator.baseURL.absoluteString, sessionCache: SessionCacheSettings(enabled: false))
        client = try SalesforceClient(
            settings: settings,
            credentials: .clientCredentials(
                clientID: SimulatorProcess.Defaults.clientID,
                clientSecret: Secret(SimulatorProcess.Defaults.clientSecret)))
        org = SalesforceClientOrg(client: client, apiCalls: { 0 })
    }

    /// Creates records and returns their ids.
    func create(_ object: String, _ records: [JSONObject]) async throws -> [String] {
        var ids: [String] = []
        var start = 0
        while start < records.count {
            let batch = Array(records[start..<min(records.count, start + 200)])
            let results = try await client.collectionCreate(object, records: batch, allOrNone: true)
            for result in results {
                guard let id = result.id, result.success else { throw FixtureError("create \(object) failed: \(result.errors)") }
                ids.append(id)
            }
            start += 200
        }
        return ids
    }
}

/// Reads a CSV file (gzip or not) into its header and rows.
func readCSV(_ path: String) throws -> (header: [String], rows: [[String]]) {
    let reader = try CSVReader(source: try InputFile.open(path), options: CSVReadOptions(), name: path)
    var rows: [[String]] = []
    while let row = try reader.readRecord({ $0.strings }) { rows.append(row) }
    return (reader.header ?? [], rows)
}

/// Reads a JSON Lines file (gzip or not) into dictionaries.
func readJSONLines(_ path: String) throws -> [[String: Any]] {
    let bytes = try InputFile.open(path).readAll()
    return try bytes.split(separator: 0x0A).map {
        guard let object = try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] else {
            throw FixtureError("a line of \(path) is not a JSON object")
        }
        return object
    }
}

/// `/services/data`, resources by version, `/limits` and `/limits/recordCount` (reference §3).
enum VersionRoutes {
    static let releases: [Int: String] = [
        31: "Summer '14", 32: "Winter '15", 33: "Spring '15", 34: "Summer '15", 35: "Winter '16", 36: "Spring '16",
        37: "Summer '16", 38: "Winter '17", 39: "Spring '17", 40: "Summer '17", 41: "Winter '18", 42: "Spring '18",
        43: "Summer '18", 44: "Winter '19", 45: "Spring '19", 46: "Summer '19", 47: "Winter '20", 48: "Spring '20",
        49: "Summer '20", 50: "Winter '21", 51: "Spring '21", 52: "Summer '21", 53: "Winter '22", 54: "Spring '22",
        55: "Summer '22", 56: "Winter '23", 57: "Spring '23", 58: "Summer '23", 59: "Winter '24", 60: "Spring '24",
        61: "Summer '24", 62: "Winter '25", 63: "Spring '25", 64: "Summer '25", 65: "Winter '26", 66: "Spring '26",
        67: "Summer '26", 68: "Winter '27",
    ]

    static func install(into router: inout Router) {
        router.add("GET", .root, ["services", "data"], authenticated: false) { context in
            .json(200) { w in
                w.raw("[")
                var first = true
                for v in 31...context.org.configuration.latestVersion {
                    w.comma(&first)
                    w.raw("{")
                    w.key("label")
                    w.string(releases[v] ?? "Release \(v)")
                    w.raw(",")
                    w.key("url")
                    w.string("/services/data/v\(v).0")
                    w.raw(",")
                    w.key("version")
                    w.string("\(v).0")
                    w.raw("}")
                }
                w.raw("]")
            }
        }
        router.add("GET", .versioned, []) { context in
            let base = context.dataBase
            return .json(200) { w in
                w.raw("{")
                var first = true
                for name in [
                    "tooling", "metadata", "eclair", "folders", "prechatForms", "contact-tracing", "jsonxform", "chatter",
                    "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot", "analytics", "search",
                    "identity", "composite", "parameterizedSearch", "fingerprint", "theme", "nouns", "domino", "event",
                    "serviceTemplates", "recent", "connect", "licensing", "limits", "process", "dedupe", "async-queries",
                    "query", "jobs", "match", "emailConnect", "compactLayouts", "knowledgeManagement", "sobjects", "actions",
                    "support", "ui-api",
                ] {
                    w.comma(&first)
                    w.key(name)
                    w.string(name == "identity" ? "\(context.org.instanceURL)/id/\(context.org.organizationID)/\(context.org.userID(slot: context.user.userSlot))" : "\(base)/\(name)")
                }
                w.raw("}")
            }
        }
        router.add("GET", .versioned, ["limits"]) { context in
            let usage = context.org.apiUsage.snapshot
            let jobs = context.org.ingestJobs.count
            return .json(200) { w in
                w.raw("{")
                let entries: [(String, Int, Int)] = [
                    ("ConcurrentAsyncGetReportInstances", 200, 200), ("ConcurrentSyncReportRuns", 20, 20),
                    ("DailyApiRequests", usage.max, max(0, usage.max - usage.used)),
                    ("DailyAsyncApexExecutions", 250000, 250000), ("DailyBulkApiBatches", 15000, max(0, 15000 - jobs)),
                    ("DailyBulkV2QueryFileStorageMB", 976562, 976562), ("DailyBulkV2QueryJobs", 10000, 10000),
                    ("DataStorageMB", 1024, 1024), ("FileStorageMB", 1024, 1024), ("HourlyODataCallout", 10000, 10000),
                    ("MassEmail", 5000, 5000), ("SingleEmail", 5000, 5000),
                ]
                var first = true
                for (name, max, remaining) in entries {
                    w.comma(&first)
                    w.key(name)
                    w.raw("{\"Max\":\(max),\"Remaining\":\(remaining)}")
                }
                w.raw("}")
            }
        }
        router.add("GET", .versioned, ["limits", "recordCount"]) { context in
            let requested = context.request.queryValue("sObjects")?.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let counts: [(String, Int)] = context.org.store.read { reader in
                reader.tables.compactMap { table in
                    if let requested, !requested.contains(where: { $0.lowercased() == table.schema.name.lowercased() }) {
                        return nil
                    }
                    return (table.schema.name, table.liveCount)
                }
            }
            return .json(200) { w in
                w.raw("{\"sObjects\":[")
                var first = true
                for (name, count) in counts {
                    w.comma(&first)
                    w.raw("{\"count\":\(count),\"name\":")
                    w.string(name)
                    w.raw("}")
                }
                w.raw("]}")
            }
        }
    }
}

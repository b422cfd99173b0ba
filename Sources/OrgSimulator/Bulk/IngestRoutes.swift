enum IngestRoutes {
    static func install(into router: inout Router) {}
}

/// Composite (`POST /composite`): not yet available; answers a clear error.
enum CompositeRoutes {
    static func install(into router: inout Router) {
        router.add("POST", .versioned, ["composite"]) { _ in
            throw APIError(status: 400, "FEATURE_NOT_ENABLED", "The composite resource is not available in sfsim yet; use sObject Collections")
        }
    }
}

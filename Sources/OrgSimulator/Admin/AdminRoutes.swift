enum AdminRoutes {
    static func install(into router: inout Router) {}
}

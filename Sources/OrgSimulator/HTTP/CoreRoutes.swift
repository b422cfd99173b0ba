/// Registers every route the simulator itself owns (SOQL routes come from `QueryRoutes`).
enum CoreRoutes {
    static func install(into router: inout Router) {
        SOAPLogin.install(into: &router)
        OAuthToken.install(into: &router)
        AdminRoutes.install(into: &router)
        VersionRoutes.install(into: &router)
        DescribeRoutes.install(into: &router)
        CollectionRoutes.install(into: &router)
        CompositeRoutes.install(into: &router)
        IngestRoutes.install(into: &router)
        SObjectRoutes.install(into: &router)
    }
}

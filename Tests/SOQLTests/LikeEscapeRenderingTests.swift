import SOQL
import Testing

/// Rendering keeps escaped LIKE wildcards escaped: sfexport re-renders `--query` text to add its incremental
/// condition, and `'50\%'` must not come back as `'50\\%'` (a backslash followed by a wildcard).
@Suite struct LikeEscapeRenderingTests {
    @Test(arguments: [
        ("SELECT Id FROM Account WHERE Name LIKE '50\\%'", "SELECT Id FROM Account WHERE Name LIKE '50\\%'"),
        ("SELECT Id FROM Account WHERE Name LIKE 'a\\_b%'", "SELECT Id FROM Account WHERE Name LIKE 'a\\_b%'"),
        ("SELECT Id FROM Account WHERE Name = 'a\\\\b'", "SELECT Id FROM Account WHERE Name = 'a\\\\b'"),
    ])
    func escapedWildcardsRenderAsWritten(_ text: String, _ rendered: String) throws {
        let query = try SOQLQuery(parsing: text)
        #expect(query.description == rendered)
        #expect(try SOQLQuery(parsing: query.description) == query)
    }
}

import Foundation

/// Reads a file from the test bundle's `Fixtures` folder.
enum FixtureFile {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw FixtureMissing(name: name)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    struct FixtureMissing: Error { let name: String }
}

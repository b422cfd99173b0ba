/// Lets a subcommand's name come after options, as in `sfexport --org prod describe Account`: people put the
/// connection options first out of habit, and the parser would otherwise hand `describe` to the default
/// subcommand as a stray word.
///
/// The first argument that names a subcommand is moved to the front, unless it is the value of an option that
/// takes free text (`--object describe` stays the object named describe). Arguments after `--`, and `help NAME`,
/// are left alone.
public enum SubcommandOrder {
    /// Options whose value could be any word.
    public static let freeTextOptions: Set<String> = [
        "--object", "--objects", "--query", "-q", "--where", "--fields", "-o", "--output", "--mapping", "--input",
        "--external-id", "--org", "--results-dir", "--output-dir",
    ]

    public static func reordered(_ arguments: [String], subcommands: Set<String>) -> [String] {
        // `help describe` asks for a subcommand's help: leave it as written.
        guard let first = arguments.first, !subcommands.contains(first), first != "help" else { return arguments }
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            guard subcommands.contains(argument) else { continue }
            if index > 0, freeTextOptions.contains(arguments[index - 1]) { continue }
            var moved = arguments
            moved.remove(at: index)
            moved.insert(argument, at: 0)
            return moved
        }
        return arguments
    }
}

import Testing

@testable import CommandSupport

/// Subcommand names after options are moved to the front; option values and arguments after `--` are not.
struct SubcommandOrderTests {
    let names: Set<String> = ["describe", "get", "doctor", "export"]

    @Test func aSubcommandAfterOptionsComesFirst() {
        #expect(
            SubcommandOrder.reordered(["--org", "prod", "describe", "Account"], subcommands: names)
                == ["describe", "--org", "prod", "Account"])
        #expect(
            SubcommandOrder.reordered(["--json", "--instance-url", "https://x", "get", "Account", "001"], subcommands: names)
                == ["get", "--json", "--instance-url", "https://x", "Account", "001"])
    }

    @Test func argumentsAlreadyInOrderOrWithoutASubcommandAreUntouched() {
        let plain = ["--object", "Account", "-o", "a.csv"]
        #expect(SubcommandOrder.reordered(plain, subcommands: names) == plain)
        let ordered = ["describe", "Account", "--json"]
        #expect(SubcommandOrder.reordered(ordered, subcommands: names) == ordered)
        #expect(SubcommandOrder.reordered([], subcommands: names) == [])
    }

    @Test func optionValuesAndArgumentsAfterDoubleDashStay() {
        let object = ["--object", "describe", "-o", "d.csv"]
        #expect(SubcommandOrder.reordered(object, subcommands: names) == object)
        let help = ["help", "describe"]
        #expect(SubcommandOrder.reordered(help, subcommands: names) == help)
        let dashed = ["--quiet", "--", "get"]
        #expect(SubcommandOrder.reordered(dashed, subcommands: names) == dashed)
    }
}

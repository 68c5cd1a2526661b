import ArgumentParser
import Foundation

/// The `main` of both binaries' root commands.
///
/// `--watch` may stand alone (`metrics query --watch 'host.*'`): the argument parser needs a
/// value, so a bare one becomes `--watch=0`, the default interval.
///
/// Usage errors the argument parser finds (an unknown option, a missing value) exit 2, like
/// the usage errors the commands find themselves, instead of the parser's 64.
public enum RootCommandMain {
    public static func run(_ root: any ParsableCommand.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        var commandType: any ParsableCommand.Type = root
        do {
            var command = try root.parseAsRoot(WatchArgument.normalised(arguments))
            commandType = type(of: command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            guard root.exitCode(for: error) == .validationFailure else { root.exit(withError: error) }
            // A parse error's message already names the subcommand's usage; an error a command
            // throws after parsing gets its own usage line here.
            let text = commandType == root
                ? root.fullMessage(for: error)
                : "Error: \(root.message(for: error))\nUsage: metrics \(commandType.usageString())\n  See 'metrics \(commandType._commandName) --help' for more information."
            FileHandle.standardError.write(Data((text + "\n").utf8))
            exit(2)
        }
    }
}

public enum WatchArgument {
    public static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--watch", index + 1 >= arguments.count || Int(arguments[index + 1]) == nil {
                result.append("--watch=0")
            } else {
                result.append(argument)
            }
        }
        return result
    }
}

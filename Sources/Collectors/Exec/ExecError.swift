import Glibc
import MetricStore

/// Why a configured program cannot be used at all (``ExecProgram/validate()``).
public enum ExecProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    case badName(String)
    case pathNotAbsolute(String)
    case badTimeout(Double)
    case badMaxOutput(Int)
    case badInterval(Int)
    case badPrefix(String, MetricNameError)
    case badEnvironmentName(String)
    case badEnvironmentValue(String)

    public var description: String {
        switch self {
        case .badName(let name): return "exec name '\(name)' is not one metric name segment; use letters, digits, '_' and '-' without dots"
        case .pathNotAbsolute(let path): return "exec path '\(path)' is not absolute; give the full path of the executable"
        case .badTimeout(let seconds): return "exec timeout \(seconds) s must be a positive number of seconds"
        case .badMaxOutput(let bytes): return "exec max output \(bytes) bytes must be positive"
        case .badInterval(let seconds): return "exec interval \(seconds) s must be positive"
        case .badPrefix(let prefix, let error): return "exec prefix '\(prefix)': \(error)"
        case .badEnvironmentName(let key): return "exec environment name '\(key)' is empty or holds '=' or NUL; use a plain variable name"
        case .badEnvironmentValue(let key): return "exec environment value of \(key) holds a NUL byte, which no program can receive"
        }
    }
}

/// Why a program could not be started. Recorded as `exit_status` 127 (not found) or 126 (found
/// but not runnable), as a shell does.
public enum ExecError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case notExecutable(path: String, reason: String)
    case couldNotStart(path: String, errno: Int32)
    case pipe(errno: Int32)

    public var exitStatus: Int32 {
        if case .notFound = self { return 127 }
        return 126
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path) does not exist; install it or fix the program's path"
        case .notExecutable(let path, let reason):
            return "\(path) \(reason); make it an executable file (chmod +x) or fix the program's path"
        case .couldNotStart(let path, let code):
            let hint = switch code {
            case ENOENT: " (is the interpreter in its #! line installed?)"
            case ENOEXEC: " (a script needs a #! line such as #!/bin/sh)"
            case EACCES: " (check the execute permission of the file and of its directories)"
            default: ""
            }
            return "could not start \(path): \(String(cString: strerror(code)))\(hint)"
        case .pipe(let code):
            return "could not create a pipe for the program's output: \(String(cString: strerror(code))); raise the open file limit"
        }
    }
}

import Glibc

/// A started program: its pid (also its process group id) and the read ends of its stdout and
/// stderr pipes. Started with posix_spawn rather than Foundation's Process because it must lead
/// its own process group (so that a timeout kills its children too) and inherit no descriptor
/// but its three standard ones.
struct ChildProcess {
    let pid: pid_t
    let stdout: Int32
    let stderr: Int32

    /// The minimal environment every program gets before its own variables.
    static let baseEnvironment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"]

    static func start(path: String, arguments: [String], environment: [String: String]) throws(ExecError) -> ChildProcess {
        try checkExecutable(path)
        let out = try Pipe.make()
        let err: Pipe
        do { err = try Pipe.make() } catch { out.closeBoth(); throw error }
        defer {
            close(out.write)
            close(err.write)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        // Descriptors another part of the daemon opened without O_CLOEXEC (a listening socket)
        // must not live on in a program that hangs.
        if let closeFrom = GlibcExtras.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // Signals the daemon ignores (SIGPIPE) would stay ignored across exec.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStrings([path] + arguments)
        let envp = CStrings(environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        defer {
            argv.free()
            envp.free()
        }
        var pid = pid_t()
        var code = posix_spawn(&pid, path, &actions, &attributes, argv.pointers, envp.pointers)
        // ETXTBSY: the file is open for writing somewhere, often only for an instant (a
        // deploy rewriting it, or another thread forking while a file is being written).
        for delay: UInt32 in [10_000, 50_000, 200_000] where code == ETXTBSY {
            usleep(delay)
            code = posix_spawn(&pid, path, &actions, &attributes, argv.pointers, envp.pointers)
        }
        guard code == 0 else {
            close(out.read)
            close(err.read)
            throw .couldNotStart(path: path, errno: code)
        }
        return ChildProcess(pid: pid, stdout: out.read, stderr: err.read)
    }

    /// Says plainly what is wrong before posix_spawn reports a bare errno.
    private static func checkExecutable(_ path: String) throws(ExecError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .notFound(path: path) }
            throw .couldNotStart(path: path, errno: errno)
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw .notExecutable(path: path, reason: "is a directory") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notExecutable(path: path, reason: "is not a regular file") }
        guard access(path, X_OK) == 0 else { throw .notExecutable(path: path, reason: "is not executable") }
    }
}

/// One pipe, both ends close-on-exec: the child gets its copies through dup2 only.
private struct Pipe {
    let read: Int32
    let write: Int32

    static func make() throws(ExecError) -> Pipe {
        var fds: [Int32] = [-1, -1]
        let made = if let pipe2 = GlibcExtras.pipe2 { pipe2(&fds, O_CLOEXEC) } else { pipe(&fds) }
        guard made == 0 else { throw .pipe(errno: errno) }
        if GlibcExtras.pipe2 == nil {
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return Pipe(read: fds[0], write: fds[1])
    }

    func closeBoth() {
        close(read)
        close(write)
    }
}

/// A NULL-terminated array of C strings for argv and envp.
private struct CStrings {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) { pointers = strings.map { strdup($0) } + [nil] }

    func free() { pointers.forEach { Glibc.free($0) } }
}

/// glibc functions that Swift's Glibc module does not import (they are GNU extensions),
/// looked up once at run time; nil where the C library lacks them.
enum GlibcExtras {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let pipe2: Pipe2? = symbol("pipe2")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}

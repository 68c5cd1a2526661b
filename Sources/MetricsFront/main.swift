import QueryCLI

// `metrics`: answers `metrics query` on local files itself, and hands every other command to
// `metrics-core` next to it. A query is often typed in a loop or a script, and this binary
// loads a third of the libraries (no libcurl, no HTTP server): see FrontDispatch.
let arguments = CommandLine.arguments
if FrontDispatch.answersItself(Array(arguments.dropFirst())) {
    await RootCommandMain.run(FrontCommand.self)
} else {
    FrontDispatch.runCore(arguments)
}

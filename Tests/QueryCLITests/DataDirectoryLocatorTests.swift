import Foundation
import MetricsConfig
import QueryCLI
import Testing
import TestSupport

/// The front binary reads only `data_dir`; it must agree with the full configuration loader.
@Suite struct DataDirectoryLocatorTests {
    let directory = TemporaryDirectory()

    func write(_ text: String) throws -> String {
        let file = directory.path + "/metrics.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test(arguments: ["data_dir: /var/lib/metrics\nstep: 10s\n", "step: 10s\n", "# nothing\n", "data_dir: 'relative/dir'\n",
                      "retention:\n  - name: x\n    pattern: '**'\n    tiers: [10s:1d]\ndata_dir: /srv/m\n"])
    func agreesWithTheConfigurationLoader(text: String) throws {
        let file = try write(text)
        #expect(try DataDirectoryLocator.fromFile(file) == ConfigurationLoader.load(file: file).dataDirectory)
    }

    @Test func theDefaultIsTheEmbeddedDefaults() throws {
        #expect(DataDirectoryLocator.defaultDirectory == (try ConfigurationLoader.load(file: nil)).dataDirectory)
    }

    @Test func dataDirWinsOverTheConfiguration() throws {
        let file = try write("data_dir: /nonexistent/elsewhere\n")
        #expect(try DataDirectoryLocator.resolve(dataDir: directory.path, config: file) == directory.path)
    }

    @Test(arguments: [("data_dir: [a, b]\n", "data_dir must be a path"), ("data_dir: {\n", "not valid YAML")])
    func badFilesSayWhatIsWrong(text: String, says: String) throws {
        let file = try write(text)
        let error = #expect(throws: DataDirectoryLocator.Failure.self) { try DataDirectoryLocator.resolve(dataDir: nil, config: file) }
        #expect(error?.description.contains(says) == true, "\(String(describing: error))")
    }

    @Test func aMissingDirectorySaysHowToFixIt() {
        let error = #expect(throws: DataDirectoryLocator.Failure.self) {
            try DataDirectoryLocator.resolve(dataDir: directory.path + "/nope", config: nil)
        }
        #expect(error?.description.contains("pass --data-dir") == true)
    }
}

import Dashboards
import Foundation
import Testing
import TestSupport

@Suite struct DashboardStoreTests {
    let directory = TemporaryDirectory()

    func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: directory.file(name), contents: Data(text.utf8))
    }

    @Test func reloadsAChangedFileKeepsTheLastGoodVersionAndDropsARemovedOne() throws {
        let store = DashboardStore(directory: directory.path, checkInterval: .zero)
        #expect(store.dashboards().isEmpty)
        write("ops.yaml", "title: First\n")
        #expect(store.dashboard(named: "ops")?.title == "First")

        write("ops.yaml", "title: Second, longer\n")
        #expect(store.dashboard(named: "ops")?.title == "Second, longer")

        write("ops.yaml", "title: Third\npanelz: []\n")
        #expect(store.dashboard(named: "ops")?.title == "Second, longer", "a broken save keeps the last good version")
        #expect(store.problems().first?.description.contains("ops.yaml:2:1: panelz: unknown key; did you mean 'panels'?") == true)

        write("ops.yaml", "title: Fixed\n")
        #expect(store.dashboard(named: "ops")?.title == "Fixed")
        #expect(store.problems().isEmpty)

        try FileManager.default.removeItem(atPath: directory.file("ops.yaml"))
        #expect(store.dashboard(named: "ops") == nil)
    }

    @Test func looksAtTheFolderAtMostOncePerInterval() {
        let store = DashboardStore(directory: directory.path, checkInterval: .seconds(3_600))
        write("a.yaml", "title: A\n")
        #expect(store.dashboards().map(\.name) == ["a"])
        write("b.yaml", "title: B\n")
        #expect(store.dashboards().map(\.name) == ["a"], "no second look within the interval")
    }

    @Test func namesThatAreNotPlainAreNeverLookedUp() {
        let store = DashboardStore(directory: directory.path, checkInterval: .zero)
        write("a.yaml", "title: A\n")
        for name in ["../a", "a.yaml", "", "a/../a", "%2e%2e"] { #expect(store.dashboard(named: name) == nil) }
    }
}

@Suite struct DashboardStoreConcurrencyTests {
    /// Requests arriving together at a fresh store all see the dashboards, none an empty list
    /// while another is still reading the folder.
    @Test func concurrentFirstReadsAllSeeTheDashboards() async {
        let directory = TemporaryDirectory()
        for index in 0..<20 { FileManager.default.createFile(atPath: directory.file("b\(index).yaml"), contents: Data("title: B\n".utf8)) }
        let store = DashboardStore(directory: directory.path)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<12 { group.addTask { store.dashboards().count } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 20, count: 12))
    }
}

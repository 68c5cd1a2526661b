import Testing
@testable import StatsD

@Suite struct NameTableTests {
    static func find(_ table: NameTable, _ name: String) -> Int? {
        var name = name
        return name.withUTF8 { table.find(UnsafeRawBufferPointer($0)) }
    }

    static func insert(_ table: inout NameTable, _ name: String) {
        var name = name
        name.withUTF8 { table.insert(UnsafeRawBufferPointer($0)) }
    }

    /// Past several growths, every name keeps its number, and names that differ only in the
    /// tail (the bytes after the last full word) or in length are told apart.
    @Test func findsEveryInsertedNameAcrossGrowth() {
        var table = NameTable()
        let names = (0..<5_000).map { "app.web\($0 % 7).metric\($0)" } + ["", "a", "a.", "abcdefgh", "abcdefgh.", "abcdefgi"]
        for name in names { Self.insert(&table, name) }
        #expect(table.count == names.count)
        for (number, name) in names.enumerated() { #expect(Self.find(table, name) == number, "\(name)") }
        #expect(Self.find(table, "app.web0.metric5000") == nil)
        #expect(Self.find(table, "abcdefg") == nil)
        #expect(Self.find(table, "abcdefgh.x") == nil)
    }

    @Test func keepingRenumbersInTheGivenOrder() {
        var table = NameTable()
        for name in ["a", "b", "c", "d"] { Self.insert(&table, name) }
        let kept = table.keeping([3, 1])
        #expect(kept.count == 2)
        #expect(Self.find(kept, "d") == 0 && Self.find(kept, "b") == 1)
        #expect(Self.find(kept, "a") == nil && Self.find(kept, "c") == nil)
    }
}

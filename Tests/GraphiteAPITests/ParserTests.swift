import GraphiteAPI
import Testing

@Suite struct ParserTests {
    @Test(arguments: [
        ("host.load.1", GraphiteExpression.path("host.load.1")),
        ("host.{a,b}.cpu[0-3].*", .path("host.{a,b}.cpu[0-3].*")),
        ("sumSeries(a.*, b.c)", .call(name: "sumSeries", arguments: [.series(.path("a.*")), .series(.path("b.c"))], named: [:])),
        ("scale(a, -1.5)", .call(name: "scale", arguments: [.series(.path("a")), .number(-1.5, text: "-1.5")], named: [:])),
        ("alias(a,'x, y')", .call(name: "alias", arguments: [.series(.path("a")), .string("x, y")], named: [:])),
        ("aliasSub(a, \"(\\\\w+)\\\\.x\", '\\1')", .call(name: "aliasSub", arguments: [.series(.path("a")), .string("(\\w+)\\.x"), .string("\\1")], named: [:])),
        ("summarize(a, '1h', func='max', alignToFrom=true)",
         .call(name: "summarize", arguments: [.series(.path("a")), .string("1h")], named: ["func": .string("max"), "alignToFrom": .bool(true)])),
        ("asPercent(a, None)", .call(name: "asPercent", arguments: [.series(.path("a")), .none], named: [:])),
        (" alias( sumSeries( a ) , 'x' ) ", .call(name: "alias", arguments: [.series(.call(name: "sumSeries", arguments: [.series(.path("a"))], named: [:])), .string("x")], named: [:])),
        ("alias(a, 'it\\'s')", .call(name: "alias", arguments: [.series(.path("a")), .string("it's")], named: [:])),
    ])
    func parses(_ text: String, _ expected: GraphiteExpression) throws {
        #expect(try GraphiteParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", "empty"), ("sumSeries(a", "expected ',' or ')'"), ("alias(a, 'x)", "not closed"), ("a b", "unexpected"),
        ("a.{b,c", "not closed"), ("alias(a,,)", "expected an argument"), ("1x(a)", "not a function name"),
        ("alias(newName='x', a)", "positional argument follows"), ("a;rm", "unexpected ';'"),
    ])
    func refuses(_ text: String, _ fragment: String) {
        #expect {
            try GraphiteParser.parse(text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test func deepNestingIsRefusedBeforeWork() {
        let deep = String(repeating: "scale(", count: 40) + "a" + String(repeating: ",1)", count: 40)
        #expect(throws: GraphiteError.tooDeep) { try GraphiteParser.parse(deep) }
        let fine = String(repeating: "scale(", count: 32) + "a" + String(repeating: ",1)", count: 32)
        #expect((try? GraphiteParser.parse(fine)) != nil)
        // A million open parentheses stop at the length bound, not the stack.
        #expect(throws: GraphiteError.targetTooLong(length: 1_000_000)) { try GraphiteParser.parse(String(repeating: "(", count: 1_000_000)) }
    }

    @Test func tooManyArgumentsAreRefused() {
        let call = "sumSeries(" + Array(repeating: "a", count: 70).joined(separator: ",") + ")"
        #expect { try GraphiteParser.parse(call) } throws: { "\($0)".contains("more than 64 arguments") }
    }

    @Test(arguments: [
        ("host.*.cpu", "host.a.cpu", true), ("host.*.cpu", "host.a.b.cpu", false), ("host.?", "host.1", true),
        ("host.[ab]1", "host.b1", true), ("host.[!ab]1", "host.b1", false), ("host.[a-c]*", "host.cat", true),
        ("host.{web,db}.load", "host.db.load", true), ("host.{web,db}.load", "host.dbx.load", false),
        ("host.{w*,d?}.x", "host.wide.x", true), ("host.{w*,d?}.x", "host.dbb.x", false), ("*", "host", true),
        ("a*a*a*a*a*a*a*b", String(repeating: "a", count: 200), false), ("host.web{1,2}", "host.web2", true),
    ])
    func globs(_ pattern: String, _ name: String, _ matches: Bool) throws {
        #expect(try PathGlob(pattern).matches(name) == matches)
    }

    @Test func braceExpansionIsBounded() {
        let wide = "a." + String(repeating: "{a,b}", count: 11)
        #expect { try PathGlob(wide) } throws: { "\($0)".contains("alternatives") }
    }
}

/// One `label_name="label_value"` pair of a sample, with the value already unescaped.
public struct Label: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

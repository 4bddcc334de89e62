/// A dictionary that remembers insertion order, like Rust's `IndexMap`.
///
/// Cardinal's results are `IndexMap`s: re-inserting a key updates its value in place. Keeping
/// the same order makes Sunlight's output read in the order of the input file.
public struct OrderedMap<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public private(set) var keys: [Key] = []
    private var values: [Value] = []
    private var index: [Key: Int] = [:]

    public init() {}

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: Key) -> Value? {
        get { index[key].map { values[$0] } }
        set {
            if let i = index[key] {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                index[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// In-place update, inserting `defaultValue` first if the key is new.
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    public mutating func update(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        if let i = index[key] {
            body(&values[i])
        } else {
            var v = defaultValue()
            body(&v)
            self[key] = v
        }
    }

    private mutating func remove(at i: Int) {
        index[keys[i]] = nil
        keys.remove(at: i)
        values.remove(at: i)
        for j in i..<keys.count { index[keys[j]] = j }
    }

    /// Pairs in insertion order.
    public var elements: [(key: Key, value: Value)] { Array(zip(keys, values)).map { ($0.0, $0.1) } }

    public var orderedValues: [Value] { values }
}

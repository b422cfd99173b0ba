import FieldMapping

/// A compiled mapping bound to an input header: for each converter, the index of its cell in a row.
public struct BoundMapping: Sendable {
    public struct Binding: Sendable {
        public var cellIndex: Int
        public var column: CompiledColumn
    }

    public let compiled: CompiledMapping
    public let header: [String]
    public let bindings: [Binding]
    /// Index into `bindings` of the record key (upsert key or Id), if any.
    public let keyBinding: Int?

    /// Binds each compiled column to the header cell of the same name; columns absent from the header are left
    /// out (validation reports them).
    public init(compiled: CompiledMapping, header: [String]) {
        self.compiled = compiled
        self.header = header
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        var bindings: [Binding] = []
        var key: Int?
        for (position, column) in compiled.columns.enumerated() {
            guard let cell = index[column.column] else { continue }
            if position == compiled.keyColumnIndex { key = bindings.count }
            bindings.append(Binding(cellIndex: cell, column: column))
        }
        self.bindings = bindings
        self.keyBinding = key
    }
}

/// Recursive-descent parser for the SOQL subset (see docs/soql.md).
///
/// Keywords are matched case-insensitively and are reserved only where the grammar needs them, so fields named
/// like keywords still parse in field positions. Errors use Salesforce's wording (`unexpected token: 'FORM'`)
/// with the position of the offending token.
struct Parser {
    private let tokens: [Token]
    private let query: String
    private var index = 0

    /// Words that end a SELECT list item, a FROM name or a clause, and so cannot be aliases.
    private static let reserved: Set<String> = [
        "AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP", "HAVING", "IN", "INCLUDES", "LAST", "LIKE",
        "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE", "WITH", "ORDER", "OFFSET", "FOR", "ALL", "USING",
        "TYPEOF", "WHEN", "THEN", "ELSE", "END", "TRUE", "FALSE", "BY", "UPDATE",
    ]

    init(_ query: String) throws(SOQLError) {
        self.query = query
        self.tokens = try Lexer.tokenize(query)
    }

    // MARK: Token helpers

    private var current: Token { tokens[index] }
    private var nextToken: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func unexpected(_ token: Token) -> SOQLError {
        SOQLError(code: .malformedQuery, reason: "unexpected token: \(token.quoted)", position: token.position,
                  query: query)
    }

    private func error(_ reason: String, at token: Token) -> SOQLError {
        SOQLError(code: .malformedQuery, reason: reason, position: token.position, query: query)
    }

    private mutating func expectKeyword(_ word: String) throws(SOQLError) {
        guard current.isKeyword(word) else { throw unexpected(current) }
        index += 1
    }

    private mutating func expect(_ kind: Token.Kind) throws(SOQLError) -> Token {
        guard current.kind == kind else { throw unexpected(current) }
        return advance()
    }

    private mutating func acceptKeyword(_ word: String) -> Bool {
        guard current.isKeyword(word) else { return false }
        index += 1
        return true
    }

    private func isReserved(_ token: Token) -> Bool {
        token.kind == .identifier && Parser.reserved.contains(token.text.uppercased())
    }

    private mutating func identifier() throws(SOQLError) -> Token {
        guard current.kind == .identifier, !isReserved(current) else { throw unexpected(current) }
        return advance()
    }

    // MARK: Statements

    mutating func parseStatement() throws(SOQLError) -> SOQLQuery {
        let query = try parseSelect()
        guard current.kind == .endOfInput else { throw unexpected(current) }
        return query
    }

    mutating func parseStandaloneCondition() throws(SOQLError) -> Condition {
        let condition = try parseCondition()
        guard current.kind == .endOfInput else { throw unexpected(current) }
        return condition
    }

    private mutating func parseSelect() throws(SOQLError) -> SOQLQuery {
        try expectKeyword("SELECT")
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while current.kind == .comma && advance().kind == .comma
        try expectKeyword("FROM")
        let objectToken = try identifier()
        var object = objectToken.text
        // `FROM Account.Contacts` style qualified relationship names in subqueries.
        while current.kind == .dot {
            index += 1
            object += "." + (try identifier()).text
        }
        var query = SOQLQuery(selectItems: items, object: object, objectPosition: objectToken.position)
        if current.kind == .identifier, !isReserved(current) {
            query.alias = advance().text
        }
        if acceptKeyword("USING") {
            try expectKeyword("SCOPE")
            _ = try identifier()
        }
        if acceptKeyword("WHERE") { query.whereCondition = try parseCondition() }
        if acceptKeyword("WITH") {
            var words = [try identifier().text]
            while current.kind == .identifier, !isReserved(current) { words.append(advance().text) }
            query.withClause = words.joined(separator: " ")
        }
        if acceptKeyword("GROUP") {
            try expectKeyword("BY")
            repeat {
                query.groupBy.append(try parseFieldPath())
            } while current.kind == .comma && advance().kind == .comma
        }
        if acceptKeyword("HAVING") { query.having = try parseCondition() }
        if acceptKeyword("ORDER") {
            try expectKeyword("BY")
            repeat {
                query.orderBy.append(try parseOrderItem())
            } while current.kind == .comma && advance().kind == .comma
        }
        if acceptKeyword("LIMIT") { query.limit = try parseInteger() }
        if acceptKeyword("OFFSET") { query.offset = try parseInteger() }
        if acceptKeyword("FOR") {
            let word = current
            guard word.isKeyword("VIEW") || word.isKeyword("REFERENCE") || word.isKeyword("UPDATE") else {
                throw unexpected(word)
            }
            query.forClause = advance().text.uppercased()
        }
        if acceptKeyword("ALL") {
            try expectKeyword("ROWS")
            query.allRows = true
        }
        return query
    }

    private mutating func parseInteger() throws(SOQLError) -> Int {
        let token = current
        guard token.kind == .number, let value = Int(token.text), value >= 0 else { throw unexpected(token) }
        index += 1
        return value
    }

    // MARK: SELECT list

    private mutating func parseSelectItem() throws(SOQLError) -> SelectItem {
        let token = current
        if token.kind == .leftParen {
            index += 1
            let subquery = try parseSelect()
            _ = try expect(.rightParen)
            return .subquery(subquery)
        }
        guard token.kind == .identifier, !token.isKeyword("FROM") else { throw unexpected(token) }
        if nextToken.kind == .leftParen {
            if token.isKeyword("FIELDS") {
                index += 2
                let word = try expect(.identifier)
                guard let selector = FieldsSelector(rawValue: word.text.uppercased()) else { throw unexpected(word) }
                _ = try expect(.rightParen)
                return .fields(selector, position: token.position)
            }
            switch try parseCall() {
            case .aggregate(var call):
                call.alias = try parseAlias()
                return .aggregate(call)
            case .function(var call):
                call.alias = try parseAlias()
                return .function(call)
            case .field(let path):
                return .field(path)
            }
        }
        if token.isKeyword("TYPEOF"), nextToken.kind == .identifier {
            return .typeOf(try parseTypeOf())
        }
        return .field(try parseFieldPath())
    }

    private mutating func parseAlias() throws(SOQLError) -> String? {
        guard current.kind == .identifier, !isReserved(current) else { return nil }
        return advance().text
    }

    /// `NAME(...)`: an aggregate (`COUNT()`, `SUM(Amount)`) or another function (`toLabel(Status)`).
    private mutating func parseCall() throws(SOQLError) -> Predicate.Operand {
        let name = advance()
        _ = try expect(.leftParen)
        if let function = AggregateFunction(name: name.text) {
            if function == .count, current.kind == .rightParen {
                index += 1
                return .aggregate(AggregateCall(.count, nil, position: name.position))
            }
            let argument = try parseFieldPath()
            _ = try expect(.rightParen)
            return .aggregate(AggregateCall(function, argument, position: name.position))
        }
        let argument = try parseFieldPath()
        _ = try expect(.rightParen)
        return .function(FunctionCall(name: name.text, argument: argument, position: name.position))
    }

    private mutating func parseFieldPath() throws(SOQLError) -> FieldPath {
        let first = try identifier()
        var segments = [first.text]
        while current.kind == .dot {
            index += 1
            guard current.kind == .identifier else { throw unexpected(current) }
            segments.append(advance().text)
        }
        return FieldPath(segments, position: first.position)
    }

    private mutating func parseTypeOf() throws(SOQLError) -> TypeOfClause {
        index += 1  // TYPEOF
        let relationship = try parseFieldPath()
        var branches: [TypeOfClause.Branch] = []
        while acceptKeyword("WHEN") {
            let type = try identifier().text
            try expectKeyword("THEN")
            branches.append(TypeOfClause.Branch(objectType: type, fields: try parseFieldList()))
        }
        guard !branches.isEmpty else { throw unexpected(current) }
        var elseFields: [FieldPath] = []
        if acceptKeyword("ELSE") { elseFields = try parseFieldList() }
        try expectKeyword("END")
        return TypeOfClause(relationship: relationship, branches: branches, elseFields: elseFields)
    }

    private mutating func parseFieldList() throws(SOQLError) -> [FieldPath] {
        var fields = [try parseFieldPath()]
        while current.kind == .comma, nextToken.kind == .identifier, !isReserved(nextToken) {
            index += 1
            fields.append(try parseFieldPath())
        }
        return fields
    }

    private mutating func parseOrderItem() throws(SOQLError) -> OrderItem {
        let key: OrderItem.Key
        if current.kind == .identifier, nextToken.kind == .leftParen {
            switch try parseCall() {
            case .aggregate(let call): key = .aggregate(call)
            case .function(let call): key = .function(call)
            case .field(let path): key = .field(path)
            }
        } else {
            key = .field(try parseFieldPath())
        }
        var item = OrderItem(key)
        if acceptKeyword("ASC") {
            item.direction = .ascending
        } else if acceptKeyword("DESC") {
            item.direction = .descending
        }
        if acceptKeyword("NULLS") {
            if acceptKeyword("FIRST") {
                item.nulls = .first
            } else if acceptKeyword("LAST") {
                item.nulls = .last
            } else {
                throw unexpected(current)
            }
        }
        return item
    }

    // MARK: Conditions

    mutating func parseCondition() throws(SOQLError) -> Condition {
        let first = try parseConditionTerm()
        guard current.isKeyword("AND") || current.isKeyword("OR") else { return first }
        let joiner = current.text.uppercased()
        var items = [first]
        while current.isKeyword(joiner) {
            index += 1
            items.append(try parseConditionTerm())
        }
        // SOQL needs parentheses to mix AND and OR.
        if current.isKeyword("AND") || current.isKeyword("OR") { throw unexpected(current) }
        return joiner == "AND" ? .and(items) : .or(items)
    }

    private mutating func parseConditionTerm() throws(SOQLError) -> Condition {
        if acceptKeyword("NOT") { return .not(try parseConditionTerm()) }
        if current.kind == .leftParen {
            index += 1
            let inner = try parseCondition()
            _ = try expect(.rightParen)
            return inner
        }
        return .predicate(try parsePredicate())
    }

    private mutating func parsePredicate() throws(SOQLError) -> Predicate {
        let operand: Predicate.Operand
        if current.kind == .identifier, nextToken.kind == .leftParen {
            operand = try parseCall()
        } else {
            operand = .field(try parseFieldPath())
        }
        let opToken = current
        let comparison: ComparisonOperator
        switch opToken.kind {
        case .equals: comparison = .equals
        case .notEquals: comparison = .notEquals
        case .less: comparison = .lessThan
        case .lessOrEqual: comparison = .lessOrEqual
        case .greater: comparison = .greaterThan
        case .greaterOrEqual: comparison = .greaterOrEqual
        case .identifier where opToken.isKeyword("LIKE"): comparison = .like
        case .identifier where opToken.isKeyword("IN"): comparison = .in
        case .identifier where opToken.isKeyword("INCLUDES"): comparison = .includes
        case .identifier where opToken.isKeyword("EXCLUDES"): comparison = .excludes
        case .identifier where opToken.isKeyword("NOT") && nextToken.isKeyword("IN"):
            index += 1
            comparison = .notIn
        default:
            throw unexpected(opToken)
        }
        index += 1
        let value: Value
        switch comparison {
        case .in, .notIn:
            value = try parseListOrSubquery(allowSubquery: true)
        case .includes, .excludes:
            value = try parseListOrSubquery(allowSubquery: false)
        default:
            value = try parseLiteral()
        }
        return Predicate(operand, comparison, value)
    }

    private mutating func parseListOrSubquery(allowSubquery: Bool) throws(SOQLError) -> Value {
        _ = try expect(.leftParen)
        if allowSubquery, current.isKeyword("SELECT") {
            let subquery = try parseSelect()
            _ = try expect(.rightParen)
            return .subquery(subquery)
        }
        var items: [Value] = []
        repeat {
            items.append(try parseLiteral())
        } while current.kind == .comma && advance().kind == .comma
        _ = try expect(.rightParen)
        return .list(items)
    }

    private mutating func parseLiteral() throws(SOQLError) -> Value {
        let token = current
        switch token.kind {
        case .string:
            index += 1
            return .string(token.text)
        case .number:
            index += 1
            return .number(token.text)
        case .date:
            guard let date = SOQLDate(token.text) else {
                throw error("Invalid date: \(token.text). Dates are YYYY-MM-DD, unquoted.", at: token)
            }
            index += 1
            return .date(date)
        case .dateTime:
            guard let dateTime = SOQLDateTime(token.text) else {
                throw error("Invalid datetime: \(token.text). Datetimes are YYYY-MM-DDThh:mm:ssZ, unquoted.", at: token)
            }
            index += 1
            return .dateTime(dateTime)
        case .identifier:
            if token.isKeyword("NULL") {
                index += 1
                return .null
            }
            if token.isKeyword("TRUE") || token.isKeyword("FALSE") {
                index += 1
                return .boolean(token.isKeyword("TRUE"))
            }
            if RelativeDate.isLiteral(token.text) {
                index += 1
                var count: Int?
                if RelativeDate.requiresCount(token.text) {
                    guard current.kind == .colon else {
                        throw error("Invalid date literal '\(token.text)': it needs a count, e.g. "
                            + "\(token.text.uppercased()):7", at: token)
                    }
                    index += 1
                    let number = current
                    guard number.kind == .number, let n = Int(number.text), n >= 0 else { throw unexpected(number) }
                    index += 1
                    count = n
                } else if current.kind == .colon {
                    throw unexpected(current)
                }
                guard let literal = RelativeDate(name: token.text, count: count) else { throw unexpected(token) }
                return .relativeDate(literal)
            }
            throw unexpected(token)
        default:
            throw unexpected(token)
        }
    }
}

import Testing

@testable import SOQL

@Suite("SOQL parser: valid statements")
struct ParserTests {
    @Test func parsesFieldsRelationshipsAndClauses() throws {
        let query = try SOQLQuery(parsing: """
            select Id, name, Account.Owner.Name FROM Contact c \
            WHERE LastName LIKE 'Ng%' AND (Email = null OR Account.Industry != 'Energy') \
            ORDER BY LastName DESC NULLS LAST, CreatedDate LIMIT 10 OFFSET 5
            """)
        #expect(query.object == "Contact")
        #expect(query.alias == "c")
        #expect(query.selectItems == [
            .field(FieldPath(["Id"])), .field(FieldPath(["name"])), .field(FieldPath(["Account", "Owner", "Name"])),
        ])
        #expect(query.columnNames == ["Id", "name", "Account.Owner.Name"])
        #expect(query.limit == 10)
        #expect(query.offset == 5)
        #expect(query.orderBy.count == 2)
        #expect(query.orderBy[0].isDescending)
        #expect(query.orderBy[0].effectiveNulls == .last)
        #expect(query.orderBy[1].direction == nil)
        #expect(query.orderBy[1].effectiveNulls == .first)
        guard case .and(let items) = query.whereCondition else {
            Issue.record("expected AND")
            return
        }
        #expect(items.count == 2)
        #expect(items[0] == .predicate(Predicate(.field(FieldPath(["LastName"])), .like, .string("Ng%"))))
        guard case .or(let alternatives) = items[1] else {
            Issue.record("expected OR")
            return
        }
        #expect(alternatives[0] == .predicate(Predicate(.field(FieldPath(["Email"])), .equals, .null)))
    }

    @Test func keywordsAreCaseInsensitive() throws {
        let upper = try SOQLQuery(parsing: "SELECT Id FROM Account WHERE Name = 'x' ORDER BY Name ASC LIMIT 1")
        let lower = try SOQLQuery(parsing: "select Id from Account where Name = 'x' order by Name asc limit 1")
        #expect(upper == lower)
    }

    @Test func columnNamesStripAliasAndNameAggregates() throws {
        let query = try SOQLQuery(
            parsing: "SELECT a.Industry, COUNT(Id), SUM(AnnualRevenue) total, MAX(a.NumberOfEmployees) "
                + "FROM Account a GROUP BY a.Industry")
        #expect(query.columnNames == ["Industry", "expr0", "total", "expr1"])
        #expect(query.isAggregate)
        #expect(!query.isCountOnly)
        #expect(query.groupBy == [FieldPath(["a", "Industry"])])
    }

    @Test func countOnly() throws {
        let query = try SOQLQuery(parsing: "SELECT COUNT() FROM Contact WHERE AccountId != null")
        #expect(query.isCountOnly)
        #expect(!query.isAggregate)
        #expect(query.columnNames == ["expr0"])
    }

    @Test func subqueriesAndSemiJoins() throws {
        let query = try SOQLQuery(
            parsing: "SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName) "
                + "FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = true) "
                + "AND Id NOT IN (SELECT AccountId FROM Case)")
        #expect(query.subqueries.count == 1)
        #expect(query.subqueries[0].object == "Contacts")
        #expect(query.columnNames == ["Name", "Contacts"])
        let predicates = query.whereCondition?.predicates ?? []
        #expect(predicates.count == 2)
        #expect(predicates[0].comparison == .in)
        #expect(predicates[1].comparison == .notIn)
        guard case .subquery(let semi) = predicates[0].value else {
            Issue.record("expected semi-join")
            return
        }
        #expect(semi.object == "Opportunity")
        #expect(semi.whereCondition == .predicate(Predicate(.field(FieldPath(["IsWon"])), .equals, .boolean(true))))
    }

    @Test func literalsOfEveryKind() throws {
        let query = try SOQLQuery(parsing: """
            SELECT Id FROM Opportunity WHERE Amount > -1250.50 AND CloseDate >= 2024-01-31 \
            AND CreatedDate < 2024-02-01T10:00:00.123+02:00 AND LastModifiedDate = LAST_N_DAYS:30 \
            AND SystemModstamp > YESTERDAY AND StageName IN ('Won', 'Lost') \
            AND Tags__c INCLUDES ('a;b', 'c') AND Tags__c EXCLUDES ('d') AND IsPrivate = FALSE
            """)
        let values = (query.whereCondition?.predicates ?? []).map(\.value)
        #expect(values.count == 9)
        #expect(values[0] == .number("-1250.50"))
        #expect(values[1] == .date(SOQLDate(year: 2024, month: 1, day: 31)!))
        guard case .dateTime(let stamp) = values[2] else {
            Issue.record("expected datetime")
            return
        }
        // 10:00:00.123 at +02:00 is 08:00:00.123Z.
        #expect(stamp.epochMilliseconds == SOQLDateTime("2024-02-01T08:00:00.123Z")!.epochMilliseconds)
        #expect(values[3] == .relativeDate(RelativeDate(name: "LAST_N_DAYS", count: 30)!))
        #expect(values[4] == .relativeDate(RelativeDate(name: "yesterday", count: nil)!))
        #expect(values[5] == .list([.string("Won"), .string("Lost")]))
        #expect(values[6] == .list([.string("a;b"), .string("c")]))
        #expect(values[8] == .boolean(false))
    }

    @Test func stringEscapes() throws {
        let query = try SOQLQuery(parsing: #"SELECT Id FROM Account WHERE Name = 'O\'Brien \\ \n\t' OR Name LIKE '100\%'"#)
        let values = (query.whereCondition?.predicates ?? []).map(\.value)
        #expect(values[0] == .string("O'Brien \\ \n\t"))
        // LIKE escapes stay escaped so the matcher can tell them from wildcards.
        #expect(values[1] == .string("100\\%"))
    }

    @Test func unicodeStringsAndPositions() throws {
        let query = try SOQLQuery(parsing: "SELECT Id FROM Account WHERE Name = 'Zürich 東京' AND Nme = 1")
        let predicates = query.whereCondition?.predicates ?? []
        #expect(predicates[0].value == .string("Zürich 東京"))
        // Columns count characters, not bytes.
        #expect(predicates[1].operand.position.column == 53)
    }

    @Test func fieldsTypeOfFunctionsAndTolerance() throws {
        let query = try SOQLQuery(parsing: """
            SELECT FIELDS(ALL), toLabel(Status) statusLabel, \
            TYPEOF What WHEN Account THEN Phone, Name WHEN Opportunity THEN Amount ELSE Name END \
            FROM Task WITH SECURITY_ENFORCED LIMIT 200 FOR VIEW
            """)
        #expect(query.usesFieldsFunction)
        #expect(query.columnNames == nil)
        guard case .function(let call) = query.selectItems[1], case .typeOf(let typeOf) = query.selectItems[2] else {
            Issue.record("unexpected items \(query.selectItems)")
            return
        }
        #expect(call.name == "toLabel")
        #expect(call.alias == "statusLabel")
        #expect(typeOf.branches.map(\.objectType) == ["Account", "Opportunity"])
        #expect(typeOf.branches[0].fields == [FieldPath(["Phone"]), FieldPath(["Name"])])
        #expect(typeOf.elseFields == [FieldPath(["Name"])])
        #expect(query.withClause == "SECURITY_ENFORCED")
        #expect(query.forClause == "VIEW")
        let allRows = try SOQLQuery(parsing: "SELECT Id FROM Account ALL ROWS")
        #expect(allRows.allRows)
    }

    @Test func havingAndOrderByAggregate() throws {
        let query = try SOQLQuery(
            parsing: "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1 "
                + "ORDER BY COUNT(Id) DESC")
        #expect(query.having == .predicate(Predicate(.aggregate(AggregateCall(.count, FieldPath(["Id"]))),
                                                     .greaterThan, .number("1"))))
        #expect(query.orderBy[0].key == .aggregate(AggregateCall(.count, FieldPath(["Id"]))))
    }

    @Test func notBindsToOneTerm() throws {
        let condition = try Condition.parse("NOT Name = 'a' AND Industry = 'b'")
        #expect(condition == .and([
            .not(.predicate(Predicate(.field(FieldPath(["Name"])), .equals, .string("a")))),
            .predicate(Predicate(.field(FieldPath(["Industry"])), .equals, .string("b"))),
        ]))
    }

    @Test func fieldsNamedLikeNonReservedWordsParse() throws {
        let query = try SOQLQuery(parsing: "SELECT Type, Status, Rows__c FROM Case WHERE Type = 'x'")
        #expect(query.columnNames == ["Type", "Status", "Rows__c"])
    }
}

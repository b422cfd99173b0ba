import Testing

@testable import SOQL

@Suite("SOQL dates and date literals")
struct DateTests {
    // Wednesday 2024-05-15.
    let today = SOQLDate(year: 2024, month: 5, day: 15)!

    func days(_ text: String) -> Int { SOQLDate(text)!.daysSinceEpoch }

    func range(_ name: String, _ count: Int? = nil) -> Range<Int> {
        RelativeDate(name: name, count: count)!.dayRange(today: today)
    }

    @Test func civilDayArithmetic() {
        #expect(SOQLDate("1970-01-01")!.daysSinceEpoch == 0)
        #expect(SOQLDate("2000-03-01")!.daysSinceEpoch == 11017)
        #expect(SOQLDate(daysSinceEpoch: 11017).description == "2000-03-01")
        #expect(SOQLDate(daysSinceEpoch: -1).description == "1969-12-31")
        #expect(SOQLDate("2024-02-30") == nil)
        #expect(SOQLDate("2024-02-29") != nil)
        #expect(SOQLDate("2023-02-29") == nil)
        #expect(today.weekday == 3)
    }

    @Test func dateTimeParsing() {
        #expect(SOQLDateTime("1970-01-01T00:00:00Z")?.epochMilliseconds == 0)
        #expect(SOQLDateTime("1970-01-01T01:00:00+01:00")?.epochMilliseconds == 0)
        #expect(SOQLDateTime("1970-01-01T00:00:00-0130")?.epochMilliseconds == 5_400_000)
        #expect(SOQLDateTime("2024-01-31T12:34:56.5Z")?.epochMilliseconds == 1_706_704_496_500)
        #expect(SOQLDateTime("2024-01-31T25:00:00Z") == nil)
        #expect(SOQLDateTime("2024-01-31T12:00:00") == nil)
        #expect(SOQLDateTime(epochMilliseconds: 1_706_704_496_500).text == "2024-01-31T12:34:56.500Z")
        #expect(SOQLDateTime(epochMilliseconds: -1).text == "1969-12-31T23:59:59.999Z")
    }

    @Test func dayLiterals() {
        #expect(range("TODAY") == days("2024-05-15")..<days("2024-05-16"))
        #expect(range("YESTERDAY") == days("2024-05-14")..<days("2024-05-15"))
        #expect(range("TOMORROW") == days("2024-05-16")..<days("2024-05-17"))
        #expect(range("LAST_N_DAYS", 7) == days("2024-05-08")..<days("2024-05-16"))
        #expect(range("NEXT_N_DAYS", 7) == days("2024-05-16")..<days("2024-05-23"))
        #expect(range("N_DAYS_AGO", 3) == days("2024-05-12")..<days("2024-05-13"))
        #expect(range("LAST_90_DAYS") == range("LAST_N_DAYS", 90))
    }

    @Test func weekMonthQuarterYearLiterals() {
        #expect(range("THIS_WEEK") == days("2024-05-12")..<days("2024-05-19"))
        #expect(range("LAST_WEEK") == days("2024-05-05")..<days("2024-05-12"))
        #expect(range("THIS_MONTH") == days("2024-05-01")..<days("2024-06-01"))
        #expect(range("LAST_MONTH") == days("2024-04-01")..<days("2024-05-01"))
        #expect(range("NEXT_MONTH") == days("2024-06-01")..<days("2024-07-01"))
        #expect(range("LAST_N_MONTHS", 13) == days("2023-04-01")..<days("2024-05-01"))
        #expect(range("THIS_QUARTER") == days("2024-04-01")..<days("2024-07-01"))
        #expect(range("LAST_QUARTER") == days("2024-01-01")..<days("2024-04-01"))
        #expect(range("N_QUARTERS_AGO", 2) == days("2023-10-01")..<days("2024-01-01"))
        #expect(range("THIS_YEAR") == days("2024-01-01")..<days("2025-01-01"))
        #expect(range("NEXT_N_YEARS", 2) == days("2025-01-01")..<days("2027-01-01"))
        #expect(range("THIS_FISCAL_YEAR") == range("THIS_YEAR"))
        #expect(range("LAST_FISCAL_QUARTER") == range("LAST_QUARTER"))
    }

    @Test func literalValidation() {
        #expect(RelativeDate(name: "LAST_N_DAYS", count: nil) == nil)
        #expect(RelativeDate(name: "TODAY", count: 1) == nil)
        #expect(RelativeDate(name: "SOMEDAY", count: nil) == nil)
        #expect(RelativeDate(name: "last_n_weeks", count: 2)?.description == "LAST_N_WEEKS:2")
    }
}

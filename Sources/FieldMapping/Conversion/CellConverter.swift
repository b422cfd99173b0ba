import SalesforceConnection
import Foundation

/// Converts one CSV cell to the wire value of one field, compiled once per column.
///
/// The hot path (`check`) works on the cell's bytes and allocates nothing unless the rule needs text
/// (upper/lower transforms, value maps); `convert` builds the wire value for loads.
public struct CellConverter: Sendable {
    /// Everything compiled for the column, behind one reference: the validation loop calls `check` once per cell,
    /// and every call copies the converter; with the tables, patterns and names stored inline that copy cost
    /// about ten retains and releases per cell (16% of validation time in a profile), with them boxed it costs one.
    private let storage: Storage

    /// The field the value is for (messages and result files).
    public var fieldName: String { storage.fieldName }
    var kind: CellKind { storage.kind }
    var trim: Bool { storage.trim }
    var caseTransform: ValueTransform? { storage.caseTransform }
    var valueMap: [String: String]? { storage.valueMap }
    /// The value map as bytes, for small maps read without a case transform: compared in place, no `String`.
    var byteMap: [ValueBytes]? { storage.byteMap }
    var defaultValue: WireValue? { storage.defaultValue }
    var blank: BlankPolicy { storage.blank }
    var required: Bool { storage.required }
    /// True when the cell is read as it is: no value map and no transform other than trim.
    var plain: Bool { storage.plain }

    /// The immutable compiled state (a final class of `let`s, so `Sendable`).
    final class Storage: Sendable {
        let fieldName: String
        let kind: CellKind
        let trim: Bool
        let caseTransform: ValueTransform?
        let valueMap: [String: String]?
        let byteMap: [ValueBytes]?
        let defaultValue: WireValue?
        let blank: BlankPolicy
        let required: Bool
        let plain: Bool

        init(
            fieldName: String, kind: CellKind, trim: Bool, caseTransform: ValueTransform?,
            valueMap: [String: String]?, byteMap: [ValueBytes]?, defaultValue: WireValue?, blank: BlankPolicy,
            required: Bool
        ) {
            self.fieldName = fieldName
            self.kind = kind
            self.trim = trim
            self.caseTransform = caseTransform
            self.valueMap = valueMap
            self.byteMap = byteMap
            self.defaultValue = defaultValue
            self.blank = blank
            self.required = required
            plain = valueMap == nil
        }
    }

    /// Compiles the converter for `field`.
    /// - Parameters:
    ///   - required: blank cells without a default are rejected (`REQUIRED_FIELD_MISSING`).
    /// - Returns: the converter, or why the rule's format or default value cannot work.
    public static func compile(
        field: FieldDescribe, transforms: [ValueTransform] = [], format: String? = nil,
        valueMap: [String: String] = [:], defaultValue: String? = nil, blank: BlankPolicy = .skip,
        timeZone: TimeZone? = nil, required: Bool = false
    ) -> Result<CellConverter, ConversionFailure> {
        var pattern: TemporalPattern?
        if let format {
            switch TemporalPattern.compile(format) {
            case .success(let compiled): pattern = compiled
            case .failure(let failure): return .failure(failure)
            }
        }
        let kind = Self.kind(for: field, pattern: pattern, timeZone: timeZone)
        var converter = CellConverter(
            fieldName: field.name, kind: kind, trim: transforms.contains(.trim),
            caseTransform: transforms.last(where: { $0 != .trim }), valueMap: valueMap.isEmpty ? nil : valueMap,
            defaultValue: nil, blank: blank, required: required)
        if let defaultValue {
            let plain = CellConverter(
                fieldName: field.name, kind: kind, trim: false, caseTransform: nil, valueMap: nil, defaultValue: nil,
                blank: .skip, required: false)
            switch plain.convert(defaultValue) {
            case .success(let value): converter = converter.with(defaultValue: value)
            case .failure(let failure):
                return .failure(ConversionFailure(failure.code, "default \(failure.message)"))
            }
        }
        return .success(converter)
    }

    private func with(defaultValue: WireValue) -> CellConverter {
        CellConverter(
            fieldName: fieldName, kind: kind, trim: trim, caseTransform: caseTransform, valueMap: valueMap,
            defaultValue: defaultValue, blank: blank, required: required)
    }

    init(
        fieldName: String, kind: CellKind, trim: Bool, caseTransform: ValueTransform?, valueMap: [String: String]?,
        defaultValue: WireValue?, blank: BlankPolicy, required: Bool
    ) {
        var byteMap: [ValueBytes]?
        if let valueMap, caseTransform == nil, valueMap.count <= 32 {
            byteMap = valueMap.map { ValueBytes(from: Array($0.key.utf8), to: Array($0.value.utf8)) }
        }
        storage = Storage(
            fieldName: fieldName, kind: kind, trim: trim, caseTransform: caseTransform, valueMap: valueMap,
            byteMap: byteMap, defaultValue: defaultValue, blank: blank, required: required)
    }

    /// One value-map entry as bytes.
    struct ValueBytes: Sendable {
        var from: [UInt8]
        var to: [UInt8]
    }

    /// True when values are sent as text exactly as converted (not numbers or booleans, which Bulk API result
    /// files may render differently, e.g. `9.12260031E8`).
    public var producesText: Bool {
        switch storage.kind {
        case .boolean, .integer, .decimal: return false
        default: return true
        }
    }

    static func kind(for field: FieldDescribe, pattern: TemporalPattern?, timeZone: TimeZone?) -> CellKind {
        switch field.type {
        case .string, .textarea, .phone, .url, .encryptedstring, .combobox:
            return .text(maxLength: field.length, email: false)
        case .email: return .text(maxLength: field.length, email: true)
        case .picklist, .multipicklist:
            return .picklist(
                .init(
                    values: field.picklistValues.filter(\.active).map(\.value), restricted: field.restrictedPicklist,
                    multi: field.type == .multipicklist, maxLength: field.length))
        case .boolean: return .boolean
        case .int: return .integer(min: Int64(Int32.min), max: Int64(Int32.max))
        case .long: return .integer(min: -999_999_999_999_999_999, max: 999_999_999_999_999_999)
        case .double, .currency, .percent:
            return .decimal(integerDigits: field.precision > 0 ? field.precision - field.scale : 0)
        case .date: return .date(pattern)
        case .datetime: return .datetime(pattern, TimeZoneRule(zone: timeZone))
        case .time: return .time(pattern)
        case .id, .reference: return .id
        case .base64: return .base64
        default: return .passthrough
        }
    }

    // MARK: - Entry points

    /// Checks a cell without building its wire value; nil when it would convert.
    public func check(_ cell: UnsafeBufferPointer<UInt8>) -> ConversionFailure? {
        if case .failure(let failure) = run(cell, materialize: false) { return failure }
        return nil
    }

    /// Converts a cell to its wire value.
    public func convert(_ cell: UnsafeBufferPointer<UInt8>) -> Result<WireValue, ConversionFailure> {
        run(cell, materialize: true)
    }

    /// Converts a cell given as text (constants, tests, the REST path).
    public func convert(_ cell: String) -> Result<WireValue, ConversionFailure> {
        var text = cell
        return text.withUTF8 { run($0, materialize: true) }
    }

    // MARK: - Pipeline

    private func run(_ raw: UnsafeBufferPointer<UInt8>, materialize: Bool) -> Result<WireValue, ConversionFailure> {
        var cell = raw
        if trim { cell = Self.trimmed(cell) }
        if cell.isEmpty { return blankValue() }
        if cell.count == 4, cell[0] == 35, cell[1] == 78, cell[2] == 47, cell[3] == 65 {  // "#N/A"
            return required ? .failure(requiredFailure()) : .success(.null)
        }
        if plain, caseTransform == nil || !materialize {
            // Upper/lower-casing does not change whether a value converts (picklists match ignoring case).
            return typed(cell, materialize: materialize)
        }
        if let byteMap {
            let mapped: Int? = byteMap.withUnsafeBufferPointer { entries in
                for index in 0..<entries.count
                where entries[index].from.count == cell.count && entries[index].from.elementsEqual(cell) {
                    return index
                }
                return nil
            }
            guard let mapped else { return typed(cell, materialize: materialize) }
            if byteMap[mapped].to.isEmpty { return blankValue() }
            return byteMap[mapped].to.withUnsafeBufferPointer { typed($0, materialize: materialize) }
        }
        var text = String(decoding: cell, as: UTF8.self)
        switch caseTransform {
        case .upper: text = text.uppercased()
        case .lower: text = text.lowercased()
        default: break
        }
        if let valueMap, let mapped = valueMap[text] {
            text = mapped
            if text.isEmpty { return blankValue() }
        }
        return text.withUTF8 { typed($0, materialize: materialize) }
    }

    private func blankValue() -> Result<WireValue, ConversionFailure> {
        if let defaultValue { return .success(defaultValue) }
        if required { return .failure(requiredFailure()) }
        return .success(blank == .null ? .null : .omit)
    }

    private func requiredFailure() -> ConversionFailure {
        ConversionFailure("REQUIRED_FIELD_MISSING", "Required fields are missing: [\(fieldName)]")
    }

    private static let okValue = WireValue.omit

    private func typed(_ cell: UnsafeBufferPointer<UInt8>, materialize: Bool) -> Result<WireValue, ConversionFailure>
    {
        switch storage.kind {
        case .passthrough:
            return .success(materialize ? .text(String(decoding: cell, as: UTF8.self)) : Self.okValue)
        case .text(let maxLength, let email):
            if maxLength > 0, Self.characterCount(cell) > maxLength { return .failure(tooLong(cell, maxLength)) }
            if email, !Self.looksLikeEmail(cell) {
                return .failure(
                    ConversionFailure(
                        "INVALID_EMAIL_ADDRESS", "\(fieldName): invalid email address: \(Self.text(cell))"))
            }
            return .success(materialize ? .text(String(decoding: cell, as: UTF8.self)) : Self.okValue)
        case .picklist(let picklist):
            return self.picklist(cell, picklist, materialize: materialize)
        case .boolean:
            guard let value = Self.boolean(cell) else {
                return .failure(.badType(Self.text(cell), "a boolean (true/false, yes/no, 1/0) for \(fieldName)"))
            }
            return .success(.bool(value))
        case .integer(let min, let max):
            return integer(cell, min: min, max: max, materialize: materialize)
        case .decimal(let integerDigits):
            return decimal(cell, integerDigits: integerDigits, materialize: materialize)
        case .date(let pattern):
            guard let value = pattern.map({ $0.parse(cell) }) ?? TemporalPattern.parseISODate(cell) else {
                return .failure(
                    .badType(Self.text(cell), "a date (\(pattern?.source ?? "yyyy-MM-dd")) for \(fieldName)"))
            }
            return .success(materialize ? .text(value.dateText) : Self.okValue)
        case .datetime(let pattern, let zone):
            guard let value = pattern.map({ $0.parse(cell) }) ?? TemporalPattern.parseISODateTime(cell) else {
                return .failure(
                    .badType(
                        Self.text(cell),
                        "a date and time (\(pattern?.source ?? "yyyy-MM-ddTHH:mm:ss with optional offset")) for \(fieldName)"
                    ))
            }
            guard materialize else { return .success(Self.okValue) }
            let offset = value.offsetSeconds ?? zone.offset(forLocal: value.secondsAsUTC)
            return .success(.text(value.utcText(offset: offset)))
        case .time(let pattern):
            guard let value = pattern.map({ $0.parse(cell) }) ?? TemporalPattern.parseISOTime(cell) else {
                return .failure(
                    .badType(Self.text(cell), "a time (\(pattern?.source ?? "HH:mm:ss")) for \(fieldName)"))
            }
            return .success(materialize ? .text(value.timeText) : Self.okValue)
        case .id:
            guard RecordID.isValid(cell) else {
                return .failure(
                    ConversionFailure(
                        "MALFORMED_ID", "\(fieldName): id value of incorrect type: \(Self.text(cell))"))
            }
            return .success(materialize ? .text(String(decoding: cell, as: UTF8.self)) : Self.okValue)
        case .base64:
            guard Self.isBase64(cell) else { return .failure(.badType(Self.text(cell, limit: 20), "base64 data")) }
            return .success(materialize ? .text(String(decoding: cell, as: UTF8.self)) : Self.okValue)
        }
    }

    private func tooLong(_ cell: UnsafeBufferPointer<UInt8>, _ maxLength: Int) -> ConversionFailure {
        ConversionFailure(
            "STRING_TOO_LONG",
            "\(fieldName): data value too large: \(Self.text(cell, limit: 40)) (max length=\(maxLength))")
    }

    private func picklist(_ cell: UnsafeBufferPointer<UInt8>, _ picklist: CellKind.Picklist, materialize: Bool)
        -> Result<WireValue, ConversionFailure>
    {
        if picklist.maxLength > 0, !picklist.multi, Self.characterCount(cell) > picklist.maxLength {
            return .failure(tooLong(cell, picklist.maxLength))
        }
        guard picklist.restricted else {
            return .success(materialize ? .text(String(decoding: cell, as: UTF8.self)) : Self.okValue)
        }
        var canonical: [String] = []
        var start = 0
        var index = 0
        while index <= cell.count {
            if index == cell.count || (picklist.multi && cell[index] == UInt8(ascii: ";")) {
                let item = Self.trimmed(UnsafeBufferPointer(rebasing: cell[start..<index]))
                if !item.isEmpty || !picklist.multi {
                    guard let match = picklist.match(item) else {
                        return .failure(
                            ConversionFailure(
                                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                                "\(fieldName): bad value for restricted picklist field: \(Self.text(item))"))
                    }
                    if materialize { canonical.append(String(decoding: picklist.values[match], as: UTF8.self)) }
                }
                start = index + 1
            }
            index += 1
        }
        return .success(materialize ? .text(canonical.joined(separator: ";")) : Self.okValue)
    }

    private func integer(_ cell: UnsafeBufferPointer<UInt8>, min: Int64, max: Int64, materialize: Bool)
        -> Result<WireValue, ConversionFailure>
    {
        var index = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") {
            negative = cell[0] == UInt8(ascii: "-")
            index = 1
        }
        var value: Int64 = 0
        var digits = 0
        var overflow = false
        while index < cell.count, cell[index] >= 48, cell[index] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(cell[index] - 48))
            overflow = overflow || o1 || o2
            value = sum
            digits += 1
            index += 1
        }
        if index < cell.count, cell[index] == UInt8(ascii: ".") {  // "12.0" from spreadsheets
            index += 1
            while index < cell.count, cell[index] == UInt8(ascii: "0") { index += 1 }
        }
        guard digits > 0, index == cell.count else {
            return .failure(.badType(Self.text(cell), "a whole number for \(fieldName)"))
        }
        let signed = negative ? -value : value
        guard !overflow, signed >= min, signed <= max else {
            return .failure(
                ConversionFailure(
                    "NUMBER_OUTSIDE_VALID_RANGE", "\(fieldName): \(Self.text(cell)) is outside \(min)...\(max)"))
        }
        return .success(materialize ? .number(String(signed)) : Self.okValue)
    }

    private func decimal(_ cell: UnsafeBufferPointer<UInt8>, integerDigits: Int, materialize: Bool)
        -> Result<WireValue, ConversionFailure>
    {
        var index = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") {
            negative = cell[0] == UInt8(ascii: "-")
            index = 1
        }
        let intStart = index
        while index < cell.count, cell[index] >= 48, cell[index] <= 57 { index += 1 }
        let intEnd = index
        var fracStart = index
        var fracEnd = index
        if index < cell.count, cell[index] == UInt8(ascii: ".") {
            index += 1
            fracStart = index
            while index < cell.count, cell[index] >= 48, cell[index] <= 57 { index += 1 }
            fracEnd = index
        }
        var exponent: Range<Int>?
        if index < cell.count, cell[index] | 0x20 == UInt8(ascii: "e") {
            let expStart = index + 1
            index += 1
            if index < cell.count, cell[index] == UInt8(ascii: "-") || cell[index] == UInt8(ascii: "+") { index += 1 }
            let digitsStart = index
            while index < cell.count, cell[index] >= 48, cell[index] <= 57 { index += 1 }
            guard index > digitsStart else { return .failure(.badType(Self.text(cell), "a number for \(fieldName)")) }
            exponent = expStart..<index
        }
        guard index == cell.count, intEnd > intStart || fracEnd > fracStart else {
            return .failure(.badType(Self.text(cell), "a number for \(fieldName)"))
        }
        var firstSignificant = intStart
        while firstSignificant < intEnd - 1, cell[firstSignificant] == UInt8(ascii: "0") { firstSignificant += 1 }
        if integerDigits > 0, exponent == nil, intEnd - firstSignificant > integerDigits,
            !(intEnd - firstSignificant == 1 && cell[firstSignificant] == UInt8(ascii: "0"))
        {
            return .failure(
                ConversionFailure(
                    "NUMBER_OUTSIDE_VALID_RANGE",
                    "\(fieldName): \(Self.text(cell)) has more than \(integerDigits) digits before the decimal point"))
        }
        guard materialize else { return .success(Self.okValue) }
        // JSON numbers allow no leading '+', no leading zeros and no bare '.'.
        var bytes: [UInt8] = []
        if negative { bytes.append(UInt8(ascii: "-")) }
        if intEnd > intStart {
            bytes.append(contentsOf: cell[firstSignificant..<intEnd])
        } else {
            bytes.append(UInt8(ascii: "0"))
        }
        if fracEnd > fracStart {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: cell[fracStart..<fracEnd])
        }
        if let exponent {
            bytes.append(UInt8(ascii: "E"))
            var digits = cell[exponent]
            if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
            bytes.append(contentsOf: digits)
        }
        return .success(.number(String(decoding: bytes, as: UTF8.self)))
    }
}

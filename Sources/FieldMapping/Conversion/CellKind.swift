import SalesforceConnection
import Foundation

/// How a field type reads a cell; compiled once per column from the field's describe.
enum CellKind: Sendable {
    case text(maxLength: Int, email: Bool)
    case picklist(Picklist)
    case boolean
    case integer(min: Int64, max: Int64)
    case decimal(integerDigits: Int)
    case date(TemporalPattern?)
    case datetime(TemporalPattern?, TimeZoneRule)
    case time(TemporalPattern?)
    case id
    case base64
    case passthrough

    /// A picklist's allowed values as bytes, for allocation-free comparison.
    struct Picklist: Sendable {
        var values: [[UInt8]]
        var lowered: [[UInt8]]
        var restricted: Bool
        var multi: Bool
        var maxLength: Int

        init(values: [String], restricted: Bool, multi: Bool, maxLength: Int) {
            self.values = values.map { Array($0.utf8) }
            self.lowered = values.map { Array($0.lowercased().utf8) }
            self.restricted = restricted
            self.multi = multi
            self.maxLength = maxLength
        }

        /// Index of the allowed value matching `item` exactly, else ignoring ASCII case.
        func match(_ item: UnsafeBufferPointer<UInt8>) -> Int? {
            if item.isEmpty { return nil }
            for (index, value) in values.enumerated() where value.count == item.count {
                if value.elementsEqual(item) { return index }
            }
            outer: for (index, value) in lowered.enumerated() where value.count == item.count {
                for offset in 0..<item.count {
                    var byte = item[offset]
                    if byte >= 65, byte <= 90 { byte |= 0x20 }
                    if byte != value[offset] { continue outer }
                }
                return index
            }
            return nil
        }
    }
}

/// The time zone that datetime cells without an offset are read in.
struct TimeZoneRule: Sendable {
    let zone: TimeZone?

    /// Seconds east of UTC in effect at the wall-clock time `local` (read as UTC seconds).
    func offset(forLocal local: Int) -> Int {
        guard let zone else { return 0 }
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - guess)))
    }
}

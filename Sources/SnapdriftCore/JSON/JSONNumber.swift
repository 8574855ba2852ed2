/// An exact decimal number as JSON writes it: `digits × 10^exponent`, of any size.
///
/// Nothing is rounded: `0.1` stays `0.1`, `18446744073709551617` and `1e400` keep their
/// value. Equal values have one representation (`1.0`, `1` and `10e-1` are equal and all
/// write as `1`), so `==` compares values.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the number is below zero (never true for zero).
    public let isNegative: Bool
    /// Significant decimal digits, no leading or trailing zeros; `"0"` for zero.
    public let digits: String
    /// The power of ten the digits are scaled by.
    public let exponent: Int

    /// Parses a JSON number literal (RFC 8259 grammar); nil when `text` is not one, or when
    /// its exponent does not fit in 64 bits.
    public init?(_ text: some StringProtocol) {
        var utf8 = Array(text.utf8)[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        let integerPart = utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !integerPart.isEmpty, integerPart.count == 1 || integerPart.first != 0x30 else { return nil }
        utf8 = utf8.dropFirst(integerPart.count)
        var fraction: ArraySlice<UInt8> = []
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            fraction = utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !fraction.isEmpty else { return nil }
            utf8 = utf8.dropFirst(fraction.count)
        }
        var exponent = 0
        if utf8.first == UInt8(ascii: "e") || utf8.first == UInt8(ascii: "E") {
            utf8 = utf8.dropFirst()
            var exponentNegative = false
            if utf8.first == UInt8(ascii: "+") || utf8.first == UInt8(ascii: "-") {
                exponentNegative = utf8.first == UInt8(ascii: "-")
                utf8 = utf8.dropFirst()
            }
            let exponentDigits = utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !exponentDigits.isEmpty else { return nil }
            utf8 = utf8.dropFirst(exponentDigits.count)
            // Leading zeros do not count against the size limit.
            let significant = exponentDigits.drop { $0 == 0x30 }
            guard significant.count <= 17, let value = Int(String(decoding: significant.isEmpty ? [0x30] : Array(significant), as: UTF8.self)) else {
                return nil
            }
            exponent = exponentNegative ? -value : value
        }
        guard utf8.isEmpty else { return nil }
        self.init(negative: negative, digits: Array(integerPart) + Array(fraction), exponent: exponent - fraction.count)
    }

    /// Normalizes `digits × 10^exponent`.
    init(negative: Bool, digits rawDigits: [UInt8], exponent rawExponent: Int) {
        var digits = rawDigits[...].drop { $0 == 0x30 }
        var exponent = rawExponent
        while digits.last == 0x30 {
            digits = digits.dropLast()
            exponent += 1
        }
        if digits.isEmpty {
            self.isNegative = false
            self.digits = "0"
            self.exponent = 0
        } else {
            self.isNegative = negative
            self.digits = String(decoding: digits, as: UTF8.self)
            self.exponent = exponent
        }
    }

    /// An integer.
    public init<T: BinaryInteger>(_ value: T) {
        let text = String(value.magnitude)
        self.init(negative: value < 0, digits: Array(text.utf8), exponent: 0)
    }

    /// The shortest decimal that reads back as `value` (Swift prints doubles that way); nil
    /// for NaN and infinities, which JSON cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.init(text)
    }

    /// Whether the value is a whole number.
    public var isInteger: Bool { exponent >= 0 || digits == "0" }

    /// The value as an `Int`, when it is a whole number that fits.
    public var intValue: Int? {
        guard isInteger, digits.count + exponent <= 19 else { return nil }
        let text = (isNegative ? "-" : "") + digits + String(repeating: "0", count: max(exponent, 0))
        return Int(text)
    }

    /// The nearest `Double` (infinite beyond its range).
    public var doubleValue: Double {
        Double(description) ?? (isNegative ? -.infinity : .infinity)
    }

    /// Canonical text, as ECMAScript prints numbers: plain notation from 1e-6 up to 1e21,
    /// exponent notation (`1e+400`, `1.5e-7`) outside it.
    public var description: String {
        if digits == "0" { return "0" }
        let sign = isNegative ? "-" : ""
        let count = digits.count
        let point = count + exponent
        if count <= point && point <= 21 {
            return sign + digits + String(repeating: "0", count: point - count)
        }
        if 0 < point && point <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        if -6 < point && point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        let power = point - 1
        let mantissa = count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "e" + (power >= 0 ? "+" : "-") + String(abs(power))
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = lhs.magnitudeCompare(rhs) < 0
        let magnitudeEqual = lhs.magnitudeCompare(rhs) == 0
        if magnitudeEqual { return false }
        return lhs.isNegative ? !magnitudeLess : magnitudeLess
    }

    /// -1, 0 or 1 as |self| is below, equal to or above |other|.
    private func magnitudeCompare(_ other: JSONNumber) -> Int {
        if digits == "0" || other.digits == "0" {
            return digits == other.digits ? 0 : (digits == "0" ? -1 : 1)
        }
        let leftMagnitude = digits.count + exponent
        let rightMagnitude = other.digits.count + other.exponent
        if leftMagnitude != rightMagnitude { return leftMagnitude < rightMagnitude ? -1 : 1 }
        let left = Array(digits.utf8)
        let right = Array(other.digits.utf8)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0x30
            let b = index < right.count ? right[index] : 0x30
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}

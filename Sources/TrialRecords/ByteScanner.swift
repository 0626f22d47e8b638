#if canImport(Glibc)
import Glibc
#endif

/// Reads JSON tokens straight from bytes, strictly (RFC 8259), copying nothing
/// out of them: a string is a range of the bytes with what checking it needs
/// (its length once decoded, whether it has escapes or control characters),
/// well-formed UTF-8 checked on the way. ``FlatJSONObject`` reads with it, and
/// Wire's `RecordCheck` checks records with it without decoding them.
package struct ByteScanner {
    /// A string token: the bytes between its quotes.
    package struct Text {
        /// The bytes between the quotes, escapes as written.
        package var range: Range<Int>
        /// Its length in UTF-8 bytes once escapes are decoded.
        package var decodedBytes: Int
        /// Whether it has a backslash escape (then ``range`` is not its value).
        package var hasEscapes: Bool
        /// Whether its value holds a control character (below U+0020, or U+007F).
        package var hasControl: Bool
    }

    /// One value of a flat object; arrays and objects are not taken.
    package enum Value {
        case text(Text)
        case number(Double)
        case bool(Bool)
        case null
    }

    package let bytes: UnsafeBufferPointer<UInt8>
    package var index: Int

    package init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        self.bytes = bytes
        index = start
    }

    package var atEnd: Bool {
        index >= bytes.count
    }

    package mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
            || bytes[index] == 0x09 { index += 1 }
    }

    /// Skips white space, then takes `byte` if it comes next.
    package mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Skips white space, then takes `token` if its bytes come next.
    package mutating func take(_ token: [UInt8]) -> Bool {
        token.withUnsafeBufferPointer { take($0) }
    }

    /// Skips white space, then takes `token` if its bytes come next.
    package mutating func take(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        skipSpace()
        guard !token.isEmpty else { return true }
        guard bytes.count - index >= token.count else { return false }
        // Eight bytes at a time, inline: a record's keys are a dozen bytes or
        // so, and calls to `memcmp` for them were 13% of a record's check.
        let (here, there) = (UnsafeRawPointer(bytes.baseAddress! + index), UnsafeRawPointer(token.baseAddress))
        var offset = 0
        while token.count - offset >= 8 {
            guard here.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == there!.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < token.count {
            guard bytes[index + offset] == token[offset] else { return false }
            offset += 1
        }
        index += token.count
        return true
    }

    /// The next value; nil when it is not one this scanner takes (or not JSON).
    package mutating func value() -> Value? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return text().map(Value.text)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(Value.number)
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A JSON number; `1e999` reads as infinity, for the caller to refuse.
    package mutating func number() -> Double? {
        let start = index
        let negative = takeByte(UInt8(ascii: "-"))
        var mantissa = Mantissa()
        if takeByte(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else if digits(into: &mantissa) == 0 {
            return nil
        }
        var fractionDigits = 0
        if takeByte(UInt8(ascii: ".")) {
            fractionDigits = digits(into: &mantissa)
            guard fractionDigits > 0 else { return nil }
        }
        var exponent: Int? = 0
        if takeByte(UInt8(ascii: "e")) || takeByte(UInt8(ascii: "E")) {
            let sign = takeByte(UInt8(ascii: "+")) ? 1 : takeByte(UInt8(ascii: "-")) ? -1 : 1
            let exponentStart = index
            guard digits() > 0 else { return nil }
            // Longer exponents overflow or underflow whatever the digits: strtod says which.
            exponent = index - exponentStart <= 4 ? sign * integer(exponentStart..<index) : nil
        }
        if let exponent, let value = mantissa.exactly(timesTenTo: exponent - fractionDigits) {
            return negative ? -value : value
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: index - start + 1) { text in
            for offset in 0..<(index - start) { text[offset] = CChar(bitPattern: bytes[start + offset]) }
            text[index - start] = 0
            return strtod(text.baseAddress!, nil)
        }
    }

    /// The significant digits of a number read so far: their value while
    /// there are at most 19, and how many there are.
    private struct Mantissa {
        var value: UInt64 = 0
        var digits = 0

        /// The value times 10^`exponent` when one correctly rounded operation
        /// gives it (Clinger's fast path: at most 19 significant digits, and
        /// for a power of ten other than 1, a value below 2^53 and a power of at
        /// most 22, both exact as doubles); nil when it takes `strtod`.
        func exactly(timesTenTo exponent: Int) -> Double? {
            guard digits <= 19 else { return nil }
            if exponent == 0 || value == 0 { return Double(value) }
            guard value < 1 << 53, let power = Self.exactPowerOfTen(exponent.magnitude) else { return nil }
            return exponent > 0 ? Double(value) * power : Double(value) / power
        }

        /// 10^`exponent` for the powers a double holds exactly, up to 10^22;
        /// nil past them: a switch of constants, which the compiler makes a
        /// table, rather than squaring for each number.
        private static func exactPowerOfTen(_ exponent: UInt) -> Double? {
            switch exponent {
            case 0: 1e0
            case 1: 1e1
            case 2: 1e2
            case 3: 1e3
            case 4: 1e4
            case 5: 1e5
            case 6: 1e6
            case 7: 1e7
            case 8: 1e8
            case 9: 1e9
            case 10: 1e10
            case 11: 1e11
            case 12: 1e12
            case 13: 1e13
            case 14: 1e14
            case 15: 1e15
            case 16: 1e16
            case 17: 1e17
            case 18: 1e18
            case 19: 1e19
            case 20: 1e20
            case 21: 1e21
            case 22: 1e22
            default: nil
            }
        }
    }

    /// Takes decimal digits into `mantissa`; how many it took.
    private mutating func digits(into mantissa: inout Mantissa) -> Int {
        let start = index
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if mantissa.digits > 0 || digit > 0 {
                mantissa.digits += 1
                if mantissa.digits <= 19 { mantissa.value = mantissa.value &* 10 &+ UInt64(digit) }
            }
            index += 1
        }
        return index - start
    }

    private func integer(_ range: Range<Int>) -> Int {
        var value = 0
        for position in range { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
        return value
    }

    private mutating func takeByte(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }

    /// A string token, its UTF-8 and its escapes checked.
    package mutating func text() -> Text? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var text = Text(range: index..<index, decodedBytes: 0, hasEscapes: false, hasControl: false)
        while index < bytes.count {
            // Printable ASCII, most of any record, goes by in a tight loop.
            let run = index
            while index < bytes.count, (0x20..<0x7F).contains(bytes[index]),
                  bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            text.decodedBytes += index - run
            guard index < bytes.count else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                text.range = text.range.lowerBound..<index
                index += 1
                return text
            case ..<0x20:
                return nil
            case UInt8(ascii: "\\"):
                index += 1
                guard let scalar = escape() else { return nil }
                text.hasEscapes = true
                text.hasControl = text.hasControl || scalar.value < 0x20 || scalar.value == 0x7F
                text.decodedBytes += UTF8.width(scalar)
            case 0x7F:
                text.hasControl = true
                text.decodedBytes += 1
                index += 1
            default:
                let width = sequenceWidth(at: index)
                guard width > 0 else { return nil }
                text.decodedBytes += width
                index += width
            }
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `start` (Unicode's
    /// table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF); 0
    /// when there is none.
    private func sequenceWidth(at start: Int) -> Int {
        let lead = bytes[start]
        let (width, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard width > 0, bytes.count - start >= width, (low...high).contains(bytes[start + 1]) else { return 0 }
        for offset in 2..<width where bytes[start + offset] & 0xC0 != 0x80 { return 0 }
        return width
    }

    /// The value of a string token read by ``text()``, escapes decoded.
    package func string(_ text: Text) -> String {
        guard text.hasEscapes else { return String(decoding: bytes[text.range], as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var reader = ByteScanner(bytes, from: text.range.lowerBound)
        var runStart = reader.index
        while reader.index < text.range.upperBound {
            guard bytes[reader.index] == UInt8(ascii: "\\") else {
                reader.index += 1
                continue
            }
            scalars.append(contentsOf: String(decoding: bytes[runStart..<reader.index], as: UTF8.self).unicodeScalars)
            reader.index += 1
            // The token was checked when it was read: its escapes are whole.
            scalars.append(reader.escape()!)
            runStart = reader.index
        }
        scalars.append(contentsOf: String(decoding: bytes[runStart..<reader.index], as: UTF8.self).unicodeScalars)
        return String(scalars)
    }

    /// The scalar an escape stands for (after its backslash); a surrogate pair
    /// gives one scalar, a lone surrogate nil.
    private mutating func escape() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(byte)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let high = hex4() else { return nil }
            guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }
            guard takeByte(UInt8(ascii: "\\")), takeByte(UInt8(ascii: "u")), let low = hex4(),
                  (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        default: return nil
        }
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

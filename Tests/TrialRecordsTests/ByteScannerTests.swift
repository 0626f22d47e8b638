#if canImport(Glibc)
import Glibc
#endif
import Testing
import TrialRecords

@Suite struct ByteScannerTests {
    /// What the scanner reads `text` as.
    private func scanned(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var scanner = ByteScanner(bytes)
            let number = scanner.number()
            return scanner.atEnd ? number : nil
        }
    }

    /// The bits of `strtod`'s reading, the reference the fast path must match.
    private func reference(_ text: String) -> UInt64 {
        strtod(text, nil).bitPattern
    }

    @Test(arguments: [
        "0", "-0", "-0.0", "0.1", "0.2", "0.3", "1.4e-05", "0.00014", "6.8e-4", "123.456", "1e22", "1e23", "1e-22",
        "1e-23", "9007199254740992", "9007199254740993", "9007199254740993.0", "18446744073709551615",
        "18446744073709551616", "1234567890123456789", "12345678901234567890", "0.1234567890123456789",
        "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "1e999", "-1e999", "1e-400",
        "1E+2", "1e00000000000000000002", "0e99999", "123456789012345678e-10",
    ])
    func numbersReadAsStrtodReadsThem(_ text: String) throws {
        let number = try #require(scanned(text))
        #expect(number.bitPattern == reference(text), "\(text) read as \(number), strtod says \(Double(bitPattern: reference(text)))")
    }

    @Test func everyDoubleReadsBackFromItsDescription() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & ~(0x7FF << 52) | UInt64.random(in: 0x3C0...0x440) << 52)
            let text = value.description
            let number = try #require(scanned(text), "\(text)")
            #expect(number == value, "\(text) read as \(number)")
        }
    }

    @Test func shortDecimalsReadAsStrtodReadsThem() throws {
        for _ in 0..<20_000 {
            let digits = String(Int.random(in: 0..<1_000_000_000_000))
            let text = "\(digits.prefix(Int.random(in: 1...digits.count))).\(digits)e\(Int.random(in: -30...30))"
            let number = try #require(scanned(text), "\(text)")
            #expect(number.bitPattern == reference(text), "\(text) read as \(number)")
        }
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5e-"])
    func malformedNumbersAreRefused(_ text: String) {
        #expect(scanned(text) == nil)
    }
}

import Analysis
import Reports
import Testing

@Suite struct UnitsTests {
    @Test func zeroAndTinyDurations() {
        #expect(Units.duration(0) == "0 µs")
        #expect(Units.duration(0.0000412) == "41.2 µs")
    }

    @Test func durationsPickAReadableUnit() {
        #expect(Units.duration(0.000412) == "412 µs")
        #expect(Units.duration(0.0123) == "12.3 ms")
        #expect(Units.duration(4.214) == "4.21 s")
        #expect(Units.duration(0.0000412, plusMinus: 0.0000031) == "41.2 µs ± 3.10 µs")
    }

    @Test func bytesUsePowersOf1024() {
        #expect(Units.bytes(812) == "812 B")
        #expect(Units.bytes(12.1 * 1024) == "12.1 KiB")
        #expect(Units.bytes(85.3 * 1024 * 1024) == "85.3 MiB")
        #expect(Units.bytes(48 * 1024, plusMinus: 300) == "48.0 KiB ± 0.293 KiB")
    }

    @Test func clockReadings() {
        #expect(Units.clock(7.2) == "7 s")
        #expect(Units.clock(185) == "3 m 05 s")
        #expect(Units.clock(3720) == "1 h 02 m")
        #expect(Units.clock(.infinity) == "?")
    }
}

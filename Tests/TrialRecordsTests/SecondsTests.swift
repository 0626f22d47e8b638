import Testing
import TrialRecords

@Suite struct SecondsTests {
    @Test func zeroAndWholeNanosecondsAreUnchanged() {
        #expect(Seconds.json(0) == "0.0")
        #expect(Seconds.json(1e-9) == "1e-09")
        #expect(Seconds.json(0.000442099) == "0.000442099")
    }

    @Test func binaryNoiseBelowANanosecondIsDropped() {
        #expect(Seconds.json(0.00044209900000000005) == "0.000442099")
        #expect(Seconds.json(0.1 + 0.2) == "0.3")
        #expect(Seconds.json(-2.5e-10) == "-0.0" || Seconds.json(-2.5e-10) == "0.0")
    }

    @Test func valuesTooLargeToScaleOrNotFiniteDoNotTrap() {
        #expect(Seconds.json(1e308) == "1e+308")
        #expect(Seconds.rounded(-1e308) == -1e308)
        #expect(Seconds.json(.infinity) == "null")
        #expect(Seconds.json(.nan) == "null")
    }

    @Test func theWrittenFormReadsBackToTheRoundedValue() {
        for value in [1.234567891234, 0.000123456789, 98.7654321, 3e-7] {
            #expect(Double(Seconds.json(value)) == Seconds.rounded(value))
        }
    }
}

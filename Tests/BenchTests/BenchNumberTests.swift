import Testing
@testable import Bench

@Suite struct BenchNumberTests {
    @Test(arguments: [
        (0.0, "0"), (0.1234, "0.123"), (1.5, "1.5"), (1.0, "1"), (48.94, "48.9"),
        (123.4, "123"), (125_786.7, "125787"), (-2.25, "-2.25"),
    ])
    func format(value: Double, text: String) {
        #expect(BenchNumber.format(value) == text)
    }
}

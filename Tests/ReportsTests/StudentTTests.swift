import Analysis
import Reports
import Testing

@Suite struct StudentTTests {
    @Test func tableValuesMatchScipy() {
        #expect(StudentT.quantile975(degreesOfFreedom: 1) == 12.706204736)
        #expect(StudentT.quantile975(degreesOfFreedom: 3) == 3.182446305)
        #expect(StudentT.quantile975(degreesOfFreedom: 30) == 2.042272456)
    }

    @Test func theApproximationBeyondTheTableIsAccurate() {
        // scipy.stats.t.ppf(0.975, df) for df = 31, 40, 120, 1000.
        let expected: [(Int, Double)] = [(31, 2.039513446), (40, 2.021075390), (120, 1.979930405), (1000, 1.962339081)]
        for (df, value) in expected {
            #expect(abs(StudentT.quantile975(degreesOfFreedom: df) - value) < 1e-7, "df \(df)")
        }
    }
}

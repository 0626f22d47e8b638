import Testing
import TrialRecords

@Suite struct TrialRecordFieldsTests {
    @Test func keysAreUniqueAndStartWithTheVersion() {
        #expect(Set(TrialRecord.keys).count == TrialRecord.keys.count)
        #expect(TrialRecord.keys.first == "record_version")
        #expect(TrialRecord.keys.count == TrialRecord.fields.count)
    }

    @Test func measurementsNotTakenAreNullValues() {
        let values = Dictionary(uniqueKeysWithValues: TrialRecord.fields.map { ($0.key, $0.value(.lost)) })
        #expect(values["total_s"] == .null)
        #expect(values["rss_bytes"] == .null)
        #expect(values["reason"] == .text("worker killed by signal 9 (Killed)"))
        #expect(values["models_before"] == .integer(0))
        #expect(values["strategy"] == .text("process"))
    }

    @Test func aFullyMeasuredOkRecordIsNullOnlyWhereNothingHappened() {
        let nulls = TrialRecord.fields.filter { $0.value(.sample()) == .null }.map(\.key)
        #expect(nulls == ["reason", "recycled"])
    }
}

import Foundation
import Testing
@testable import TrialRecords

@Suite struct TimestampTests {
    @Test func theEpochAndKnownInstantsAreFormatted() {
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: 1_796_385_600_123_456) == "2026-12-04T12:00:00.123456Z")
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: 951_782_400_000_001) == "2000-02-29T00:00:00.000001Z")
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: -1) == "1969-12-31T23:59:59.999999Z")
        // Years RFC 3339 cannot write in four digits keep every digit, and their sign.
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: 253_402_300_800_000_000) == "10000-01-01T00:00:00.000000Z")
        #expect(Timestamp.rfc3339(microsecondsSinceEpoch: -62_198_755_200_000_000) == "-0001-01-01T00:00:00.000000Z")
    }

    @Test func civilDatesAgreeWithFoundationOverCenturies() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // From 1600: before 1582 Foundation's calendar is Julian, RFC 3339's is not.
        for days in stride(from: -134_000, through: 200_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = Timestamp.civilDate(daysSinceEpoch: Int64(days))
            #expect([civil.year, civil.month, civil.day] == [parts.year, parts.month, parts.day].map { Int64($0!) })
        }
    }

    @Test func nowIsTodayAndAnEarlierStartIsEarlier() throws {
        let now = Timestamp.now()
        #expect(now.count == 27 && now.hasSuffix("Z"))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(formatter.date(from: now))
        #expect(abs(parsed.timeIntervalSinceNow) < 3600)
        #expect(Timestamp.now(minus: .seconds(86_400)) < now)
    }
}

extension TrialRecord {
    /// The record as one line of JSON, without the trailing newline: every key
    /// of ``fields``, in order, `null` for what was not measured.
    public func jsonLine() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// ``jsonLine()`` as UTF-8 bytes, as the wire and the records file carry it.
    public func jsonBytes() -> [UInt8] {
        var json = FlatJSONWriter()
        for field in Self.fields {
            json.add(member: field.member, field.value(self))
        }
        return json.finishBytes()
    }

    /// Decodes a record from one line of JSON.
    ///
    /// - Throws: ``RecordDecodingError`` naming the missing or mistyped key.
    public init(jsonLine: some StringProtocol) throws {
        try self.init(json: Array(jsonLine.utf8))
    }

    /// Decodes a record from the UTF-8 bytes of one flat JSON object, as
    /// ``fields`` declares it. Keys it does not know are ignored; keys in the
    /// written order are found without a search.
    ///
    /// - Throws: ``RecordDecodingError``: not a flat JSON object, another record
    ///   version, a missing key, or a value of the wrong type.
    public init(json bytes: [UInt8]) throws {
        guard let object = FlatJSONObject(bytes), Self.onlySpaceFollows(object.end, in: bytes) else {
            throw RecordDecodingError.notFlatJSON
        }
        let members = object.members
        let versionValue = members.first?.key == "record_version" ? members[0].value : object["record_version"]
        guard versionValue == .number(Double(Self.version)) else {
            if case .number(let found)? = versionValue { throw RecordDecodingError.version(found) }
            throw RecordDecodingError.version(nil)
        }
        var record = TrialRecord.blank
        for (index, field) in Self.fields.enumerated() {
            let value = index < members.count && members[index].key == field.key
                ? members[index].value : object[field.key]
            guard let value else { throw RecordDecodingError.missingKey(field.key) }
            guard field.assign(&record, value) else {
                throw RecordDecodingError.wrongType(key: field.key, expected: field.expected)
            }
        }
        self = record
    }

    /// A record whose every field a decoder then sets.
    package static var blank: TrialRecord {
        TrialRecord(
            runID: "", experiment: "", strategy: .clear, trial: 0, worker: "", pid: 0, host: "",
            launch: .exec, startedAt: "", modelsBefore: 0)
    }

    private static func onlySpaceFollows(_ end: Int, in bytes: [UInt8]) -> Bool {
        bytes[end...].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}

extension FlatJSONWriter {
    /// Adds a record field's value: seconds rounded to the nanosecond in their
    /// shortest form, `null` for a value not measured.
    public mutating func add(_ name: String, _ value: RecordField.Value) {
        key(name)
        append(value)
    }

    /// Adds a record field's value after its key written beforehand as
    /// ``RecordField/member``.
    mutating func add(member: [UInt8], _ value: RecordField.Value) {
        key(member: member)
        append(value)
    }
}

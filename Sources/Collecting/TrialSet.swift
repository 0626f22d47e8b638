/// A set of trial indices that costs about a bit each while they are dense:
/// those below a bound lie in a bitmap, the rest in a hash set.
///
/// A run numbers its trials from 0, so a collector holding millions of
/// records keeps a bit for each rather than a hashed entry of some forty
/// bytes, and tests one bit where a hash set reads a random slot of a large
/// table. The bitmap grows, doubling, only while it stays within 64 bits a
/// trial held: indices far past what is held (a forged 2^50, say) go to the
/// hash set, so a peer cannot make it allocate beyond what its records pay for.
struct TrialSet: Sendable {
    /// Bit `i % 64` of word `i / 64` is trial `i`.
    private var words: [UInt64] = []
    /// Trials outside the bitmap.
    private var sparse: Set<Int> = []
    /// Trials held.
    private(set) var count = 0

    /// The bitmap covers trials 0 up to this.
    var denseBound: Int { words.count * 64 }

    /// Adds `trial`; false when it is held already.
    mutating func insert(_ trial: Int) -> Bool {
        if trial >= denseBound { grow(toCover: trial) }
        guard (0..<denseBound).contains(trial) else {
            guard sparse.insert(trial).inserted else { return false }
            count += 1
            return true
        }
        let (word, bit) = (trial / 64, UInt64(1) << UInt64(trial % 64))
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        count += 1
        return true
    }

    /// Whether `trial` is held.
    func contains(_ trial: Int) -> Bool {
        (0..<denseBound).contains(trial) ? words[trial / 64] & (UInt64(1) << UInt64(trial % 64)) != 0
            : sparse.contains(trial)
    }

    /// Makes the bitmap cover `trial`, at least doubling it, when it may grow
    /// that far; the hash set's trials it then covers move into it. Growing by
    /// doubling, it scans the hash set a logarithmic number of times.
    private mutating func grow(toCover trial: Int) {
        let bits = max(trial + 1, 2 * denseBound, 64)
        guard bits <= 64 * (count + 2) else { return }
        words.append(contentsOf: repeatElement(0, count: (bits + 63) / 64 - words.count))
        let covered = sparse.filter { (0..<denseBound).contains($0) }
        sparse.subtract(covered)
        for moved in covered { words[moved / 64] |= UInt64(1) << UInt64(moved % 64) }
    }
}

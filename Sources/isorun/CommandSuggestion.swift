import Foundation

/// "Did you mean": a first argument that is no command and no file, but within two
/// edits of a command, is taken for a mistyped command rather than an experiment file.
enum CommandSuggestion {
    /// The command `word` was probably meant to be; nil when it is an option, a
    /// command, an existing file, looks like a path, or is not close to any command.
    static func suggestion(for word: String, commands: [String]) -> String? {
        guard !word.hasPrefix("-"), !commands.contains(word), !word.contains("/"), !word.contains("."),
              !FileManager.default.fileExists(atPath: word)
        else { return nil }
        let ranked = commands.map { (command: $0, distance: distance(word.lowercased(), $0)) }
            .sorted { ($0.distance, $0.command) < ($1.distance, $1.command) }
        guard let best = ranked.first, best.distance <= 2 || best.command.hasPrefix(word.lowercased()) else {
            return nil
        }
        return best.command
    }

    /// The Damerau-Levenshtein distance (insertions, deletions, substitutions and
    /// transpositions of neighbours) between `a` and `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

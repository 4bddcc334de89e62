/// Yes/no cells, which Chinese spreadsheets write in many ways.
public enum BoolParsing {
    private static let trueWords: Set<String> = ["是", "y", "yes", "true", "1"]
    private static let falseWords: Set<String> = ["否", "n", "no", "false", "0"]

    /// `是/否`, `Y/N`, `yes/no`, `true/false`, `1/0`, case-insensitive, after folding (so
    /// full-width `Ｙ` and `１` work). Anything else, including an empty cell, is
    /// `"bool.invalid"`: guessing would turn a typo into a fact.
    public static func bool(_ raw: String) throws(ValueError) -> Bool {
        // The words are folded and lower-case: a cell spelled exactly so needs neither step, and
        // `是`/`否` (what Chinese registers write) are compared first, without hashing the cell.
        // First bytes first (是 is E6…, 否 E5…): `==` compares non-ASCII text Unicode-aware
        // whenever it differs, and six cells in seven are 否.
        if raw.utf8.first == 0xE6 && raw == "是" { return true }
        if raw.utf8.first == 0xE5 && raw == "否" { return false }
        if trueWords.contains(raw) { return true }
        if falseWords.contains(raw) { return false }
        let key = TextFolding.fold(raw).lowercased()
        if trueWords.contains(key) { return true }
        if falseWords.contains(key) { return false }
        let shown = TextFolding.fold(raw)
        throw ValueError(
            code: "bool.invalid",
            messageZh: "无法识别的是否值“\(shown)”：应为 是/否、Y/N、true/false 或 1/0",
            messageEn: "unrecognised yes/no value \"\(shown)\": expected 是/否, Y/N, yes/no, true/false or 1/0")
    }
}

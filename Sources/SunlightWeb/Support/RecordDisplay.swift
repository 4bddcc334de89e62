import SunlightContract
import SunlightStorage

/// How records are shown: labels in the request's language, enum codes as labels, booleans as
/// 是/否.
enum RecordDisplay {
    static func label(_ field: Field, _ language: Language) -> String {
        language == .zh ? field.aliasZh : field.labelEn
    }

    static func datasetName(_ dataset: Dataset, _ language: Language) -> String {
        language == .zh ? dataset.nameZh : dataset.nameEn
    }

    static func value(_ value: FieldValue, _ field: Field, _ language: Language) -> String {
        switch (field.type, value) {
        case (.enumeration(let options), .text(let code)):
            guard let option = options.first(where: { $0.code == code }) else { return code }
            return language == .zh ? option.labelZh : option.labelEn
        case (_, .bool(let flag)):
            return Strings.text(flag ? "yes" : "no", language)
        default:
            return value.display(as: field.type)
        }
    }

    /// Columns shown in lists: all but the long tail, to keep tables readable.
    static func listFields(_ dataset: Dataset) -> [Field] {
        Array(dataset.fields.prefix(7))
    }

    static func table(_ records: [StoredRecord], dataset: Dataset, language: Language) -> (columns: [String], rows: [[String: Any]]) {
        let fields = listFields(dataset)
        let rows: [[String: Any]] = records.map { stored in
            let cells: [[String: Any]] = fields.enumerated().map { index, field in
                var cell: [String: Any] = ["text": value(stored.record[field.name], field, language)]
                if index == 0 { cell["link"] = "/registry/\(dataset.pathSegment)/\(stored.id)" }
                return cell
            }
            return ["cells": cells]
        }
        return (fields.map { label($0, language) }, rows)
    }
}

/// The text encodings accepted for CSV files. GB18030 is included because Chinese Excel saves
/// "CSV (逗号分隔)" in the system code page, which is GBK/GB18030 on Chinese Windows.
public enum TextEncodingKind: String, Sendable {
    case utf8
    case utf8BOM = "utf8_bom"
    case gb18030
}

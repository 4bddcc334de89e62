import Foundation
import Hummingbird

/// JSON responses of the API.
enum APIResponse {
    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: WebError) -> Response {
        json(["error": [
            "code": error.code, "message_zh": error.messageZh, "message_en": error.messageEn,
            "details": error.details,
        ] as [String: Any]], status: error.status)
    }
}

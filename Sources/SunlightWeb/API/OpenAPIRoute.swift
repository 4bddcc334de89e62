import Foundation
import Hummingbird

/// Serves the OpenAPI document (public: it describes, it reveals no data).
struct OpenAPIRoute {
    func register(on router: Router<AppRequestContext>) {
        let document = APIResponse.json(OpenAPIDocument.document())
        router.get("/api/v1/openapi.json") { _, _ in document }
    }
}

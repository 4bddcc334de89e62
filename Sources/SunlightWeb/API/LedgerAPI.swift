import Foundation
import Hummingbird
import SunlightContract
import SunlightStorage

/// `/api/v1/ledger/…`: the signed checkpoint (as the note text witnesses keep), inclusion and
/// consistency proofs (JSON bundles that verify offline), and the verifier key.
struct LedgerAPI {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/api/v1/ledger/checkpoint", use: checkpoint)
        router.get("/api/v1/ledger/pubkey", use: pubkey)
        router.get("/api/v1/ledger/proof/inclusion", use: inclusion)
        router.get("/api/v1/ledger/proof/consistency", use: consistency)
    }

    private func reader(_ context: AppRequestContext) throws {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.readsLedger(principal.role) else { throw WebError.forbidden }
    }

    /// The current tree's checkpoint: the stored one if the log has not grown, else a fresh one.
    @Sendable func checkpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        try reader(context)
        let size = try await services.ledger.size()
        let text = try await services.ledger.checkpointText(size: size)
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func pubkey(_ request: Request, context: AppRequestContext) async throws -> Response {
        try reader(context)
        return APIResponse.json(["vkey": services.ledger.keys.verifierKey, "origin": try await services.ledger.origin()])
    }

    @Sendable func inclusion(_ request: Request, context: AppRequestContext) async throws -> Response {
        try reader(context)
        guard let index = try Self.integer("index", request) else {
            throw WebError.badRequest("index", zh: "缺少整数参数 index", en: "the integer parameter index is required")
        }
        let size = try Self.integer("size", request)
        return try await answer { try await services.ledger.inclusionProof(index: index, size: size) }
    }

    @Sendable func consistency(_ request: Request, context: AppRequestContext) async throws -> Response {
        try reader(context)
        guard let from = try Self.integer("from", request) else {
            throw WebError.badRequest("from", zh: "缺少整数参数 from", en: "the integer parameter from is required")
        }
        let to = try Self.integer("to", request)
        return try await answer { try await services.ledger.consistencyProof(from: from, to: to) }
    }

    /// A whole-number query parameter: nil when absent; 400 when given but not one whole number
    /// (an optional `size` or `to` that does not parse is refused, not read as absent).
    static func integer(_ name: String, _ request: Request) throws -> Int? {
        let texts = request.uri.queryParameters.getAll(name)
        guard let text = texts.first else { return nil }
        guard texts.count == 1, let number = Int(text) else {
            throw WebError.badRequest(name, zh: "参数 \(name) 应为一个整数", en: "the parameter \(name) must be one whole number",
                                      details: [["parameter": name]])
        }
        return number
    }

    private func answer(_ make: () async throws -> some Encodable) async throws -> Response {
        do {
            let data = try JSONEncoder.sorted.encode(try await make())
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch let failure as LedgerFailure {
            // An entry, tree size or checkpoint the ledger does not have: no such proof (404);
            // 400 is kept for a request that names no whole number.
            throw WebError(status: .notFound, code: "ledger.range", messageZh: failure.messageZh, messageEn: failure.messageEn)
        }
    }
}

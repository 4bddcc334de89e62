import Hummingbird
import SunlightContract
import SunlightStorage

/// The ledger page: size, root, public key, the latest signed checkpoint; for administrators,
/// signing a checkpoint and a full verification on demand.
struct LedgerPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/ledger", use: page)
        router.post("/ledger/checkpoint", use: sign)
        router.post("/ledger/verify", use: verify)
    }

    private func reader(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.readsLedger(principal.role) else { throw WebError.forbidden }
        return principal
    }

    private func operator_(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.operatesLedger(principal.role) else { throw WebError.forbidden }
        return principal
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, verification: nil, flash: nil)
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try operator_(context)
        try await services.ledger.checkpoint()
        return Response(status: .seeOther, headers: [.location: "/ledger"])
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try operator_(context)
        let report = try await LedgerVerifier(ledger: services.ledger).verify()
        return try await render(request, context: context, verification: report, flash: nil)
    }

    private func render(_ request: Request, context: AppRequestContext, verification: VerificationReport?, flash: String?) async throws -> Response {
        let principal = try reader(context)
        let language = context.language
        let (size, root) = try await services.ledger.rootHash()
        var page = LedgerPage(size: size, root: root.hex, origin: try await services.ledger.origin(),
                              pubkey: services.ledger.keys.verifierKey, canOperate: AccessPolicy.operatesLedger(principal.role))
        if let latest = try await services.ledger.latestCheckpoint() {
            page.checkpoint = latest.text
            page.checkpointAt = "\(DisplayTime.local(latest.createdAt)) · \(Strings.text("ledger_size", language)) \(latest.size)"
        }
        if let verification {
            page.verification = .init(status: Strings.text(verification.isValid ? "ledger_verified" : "ledger_failed", language),
                                      statusClass: verification.isValid ? "ok-status" : "error",
                                      checked: verification.checked, problems: verification.problems)
        }
        return services.renderer.render("ledger", title: Strings.text("ledger_title", language), request: request, context: context,
                                        page: page, flash: flash)
    }
}

/// The ledger's state: size, root, the latest signed checkpoint, a verification's result
/// (`ledger.mustache`).
struct LedgerPage {
    struct Verification {
        let status: String
        let statusClass: String
        let checked: [String]
        let problems: [String]
    }

    let size: Int
    let root: String
    let origin: String
    let pubkey: String
    let canOperate: Bool
    var checkpoint: String?
    var checkpointAt: String?
    var verification: Verification?
}

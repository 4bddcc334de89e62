import Foundation
import Hummingbird
import SunlightContract
import SunlightStorage
import SunlightDomain

/// Account administration (admins only): list users, create one with a role and a unit.
struct UserAdminPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/admin/users", use: list)
        router.post("/admin/users", use: create)
        router.get("/admin/users/:id", use: editForm)
        router.post("/admin/users/:id", use: update)
        router.post("/admin/users/:id/tokens/:token/revoke", use: revokeToken)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin()
        return try await render(request, context: context, error: nil, flash: nil)
    }

    private func render(_ request: Request, context: AppRequestContext, error: String?, flash: String?,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let users = try await services.accounts.users().map { user -> [String: Any] in
            ["id": user.id, "username": user.username, "displayName": user.displayName,
             "role": language == .zh ? user.role.labelZh : user.role.labelEn, "unit": user.unitCode ?? "—",
             "status": Strings.text(user.disabled ? "disabled" : "active", language)]
        }
        var values: [String: Any] = [
            "users": users,
            "roles": Role.allCases.map { ["code": $0.rawValue, "label": language == .zh ? $0.labelZh : $0.labelEn] },
        ]
        if let error { values["error"] = error }
        return services.renderer.render("users", title: Strings.text("users", language), request: request, context: context,
                                        values: values, status: status, flash: flash)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requireAdmin()
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let role = Role(rawValue: form["role"] ?? "") else { throw WebError.badRequest("role", zh: "角色无效", en: "invalid role") }
        do {
            try await services.accounts.createUser(username: form["username"] ?? "", password: form["password"] ?? "", role: role,
                                                   unitCode: form["unit_code"], displayName: form["display_name"] ?? "",
                                                   by: principal)
        } catch let error as any BilingualError {
            return try await render(request, context: context, error: error.message(context.language),
                                    flash: nil, status: error.status)
        }
        return try await render(request, context: context, error: nil, flash: Strings.text("user_created", context.language))
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin()
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await services.accounts.user(id: id) else {
            throw WebError.notFound
        }
        return try await renderEdit(user, request: request, context: context, error: nil, status: .ok)
    }

    private func renderEdit(_ user: User, request: Request, context: AppRequestContext, error: String?,
                            status: HTTPResponse.Status) async throws -> Response {
        let language = context.language
        var values: [String: Any] = [
            "id": user.id, "username": user.username, "displayName": user.displayName, "unitCode": user.unitCode ?? "",
            "disabled": user.disabled,
            "roles": Role.allCases.map { ["code": $0.rawValue, "label": language == .zh ? $0.labelZh : $0.labelEn,
                                          "selected": $0 == user.role] as [String: Any] },
        ]
        if let tail = try await services.accounts.boundIDNumberTail(userID: user.id) { values["idTail"] = tail }
        let now = Date()
        let tokens = try await services.accounts.tokens(username: user.username).map { token -> [String: Any] in
            let state = token.state(at: now)
            return ["tokenID": token.id, "userID": user.id, "name": token.name, "state": Strings.text("state_" + state, language),
                    "active": state == "active", "created": token.createdAt, "expires": token.expiresAt ?? "—",
                    "lastUsed": token.lastUsedAt ?? Strings.text("never", language)]
        }
        values["tokens"] = tokens
        values["hasTokens"] = !tokens.isEmpty
        if let error { values["error"] = error }
        return services.renderer.render("user_edit", title: user.username, request: request, context: context, values: values,
                                        status: status)
    }

    /// Revokes one of the user's API tokens at once (the secret itself is never shown here).
    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requireAdmin()
        guard let id = context.parameters.get("id", as: Int64.self), let tokenID = context.parameters.get("token", as: Int64.self),
              let user = try await services.accounts.user(id: id),
              try await services.accounts.tokens(username: user.username).contains(where: { $0.id == tokenID }) else {
            throw WebError.notFound
        }
        try await services.accounts.revokeToken(id: tokenID, by: principal)
        return Response(status: .seeOther, headers: [.location: "/admin/users/\(id)"])
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requireAdmin()
        guard let id = context.parameters.get("id", as: Int64.self), let user = try await services.accounts.user(id: id) else {
            throw WebError.notFound
        }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let role = Role(rawValue: form["role"] ?? "") else { throw WebError.badRequest("role", zh: "角色无效", en: "invalid role") }
        let disabled = form["disabled"] == "1"
        if user.id == principal.userID && (disabled || role != .admin) {
            return try await renderEdit(user, request: request, context: context,
                              error: context.language == .zh ? "不能停用自己或取消自己的管理员角色" : "you cannot disable yourself or drop your own admin role",
                              status: .unprocessableContent)
        }
        do {
            try await services.accounts.updateUser(id: id, displayName: form["display_name"] ?? "", role: role, unitCode: form["unit_code"],
                                                   disabled: disabled, newPassword: form["password"], by: principal)
            if let idNumber = form["id_number"]?.trimmingCharacters(in: .whitespaces), !idNumber.isEmpty {
                try await services.accounts.setIDNumber(username: user.username, idNumber: idNumber, by: principal)
            } else if form["unbind_id_number"] == "1" {
                try await services.accounts.setIDNumber(username: user.username, idNumber: nil, by: principal)
            }
        } catch let error as any BilingualError {
            return try await renderEdit(user, request: request, context: context,
                              error: error.message(context.language), status: error.status)
        }
        return try await render(request, context: context, error: nil, flash: Strings.text("user_updated", context.language))
    }
}

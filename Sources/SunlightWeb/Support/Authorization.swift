import SunlightContract
import SunlightStorage

/// The questions every route asks before doing anything: who is this, and may they do this?
extension AppRequestContext {
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw WebError.unauthenticated }
        return principal
    }

    /// The principal, if their role allows `operation` on `dataset`; otherwise 401/403.
    func require(_ operation: RegistryOperation, on dataset: Dataset) throws -> Principal {
        let principal = try requirePrincipal()
        if operation == .write && dataset.isImportOnly { throw WebError.importOnly }
        guard AccessPolicy.allows(principal.role, operation, on: dataset) else { throw WebError.forbidden }
        return principal
    }

    func requireAdmin() throws -> Principal {
        let principal = try requirePrincipal()
        guard AccessPolicy.managesUsers(principal.role) else { throw WebError.forbidden }
        return principal
    }
}

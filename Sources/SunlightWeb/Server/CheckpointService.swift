import Logging
import ServiceLifecycle
import SunlightStorage

/// Signs a ledger checkpoint on a schedule, whenever the log has grown since the last one, so
/// witnesses always find a recent signed tree head to keep. Stops with the server.
struct CheckpointService: Service {
    let ledger: Ledger
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let size = try await ledger.size()
                    let latest = try await ledger.latestCheckpoint()?.size ?? -1
                    if size != latest {
                        try await ledger.checkpoint()
                        logger.info("ledger checkpoint signed", metadata: ["size": "\(size)"])
                    }
                } catch {
                    logger.error("ledger checkpoint failed", metadata: ["error": "\(type(of: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}

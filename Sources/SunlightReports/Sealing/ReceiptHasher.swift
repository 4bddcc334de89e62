import Crypto
import CryptoExtras
import Foundation

/// Turns a receipt code into what the server keeps: a slow, salted hash to look the report up,
/// and a key-encryption key that unwraps the report's key for the reporter.
///
/// The lookup hash uses the installation's salt (one per database, random, kept in the database)
/// because the server must find a report from the code alone; the wrapping key uses a salt of
/// the report's own. Both are scrypt: at 16 random digits a stolen database still leaves
/// 10¹⁶ guesses of ≈ 30 ms each to find one code.
public struct ReceiptHasher: Sendable {
    /// scrypt cost parameters. `standard` is what the product uses; tests may use `fast`.
    public struct Cost: Sendable, Equatable {
        public let rounds: Int
        public let blockSize: Int
        public let parallelism: Int

        public static let standard = Cost(rounds: 1 << 14, blockSize: 8, parallelism: 1)
        /// For tests only: still scrypt, just cheap.
        public static let fast = Cost(rounds: 1 << 4, blockSize: 8, parallelism: 1)
    }

    public let installationSalt: Data
    public let cost: Cost

    public init(installationSalt: Data, cost: Cost = .standard) {
        self.installationSalt = installationSalt
        self.cost = cost
    }

    /// Hex of scrypt(code, installation salt): unique per report, indexed.
    public func lookupHash(_ code: ReceiptCode) throws -> String {
        let key = try derive(code, salt: Data("sunlight.receipt.lookup.v1".utf8) + installationSalt)
        return key.withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// The key that wraps the report key for the reporter.
    public func wrappingKey(_ code: ReceiptCode, reportSalt: Data) throws -> SymmetricKey {
        try derive(code, salt: Data("sunlight.receipt.wrap.v1".utf8) + reportSalt)
    }

    private func derive(_ code: ReceiptCode, salt: Data) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Data(code.digits.utf8), salt: salt, outputByteCount: 32,
                                 rounds: cost.rounds, blockSize: cost.blockSize, parallelism: cost.parallelism)
    }

    /// 32 random bytes, for a new installation salt or a report salt.
    public static func randomSalt() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }
}

import ArgumentParser
import Foundation
import SunlightLedger
import SunlightStorage

/// `sunlight verify`: the whole database against its ledger.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database against its tamper-evident ledger (exit 1 and name the problems if anything was changed).")

    @OptionGroup var db: DatabaseOptions
    @Option(name: .customLong("checkpoint"), help: "A signed checkpoint kept by a witness; may be repeated.")
    var checkpoints: [String] = []

    func run() async throws {
        let texts = try checkpoints.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let report = try await CommandSupport.withWorkspace(db) { workspace in
            try await LedgerVerifier(ledger: workspace.ledger).verify(checkpoints: texts)
        }
        for line in report.checked { print("checked: \(line)") }
        if report.isValid {
            print("OK: no tampering found / 未发现篡改")
        } else {
            print("FAILED: \(report.problems.count) problem(s) / 发现问题：")
            for problem in report.problems { print("  - \(problem)") }
            throw ExitCode(1)
        }
    }
}

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Checkpoints, proofs and the public key of the tamper-evident ledger.",
        subcommands: [Checkpoint.self, PublicKey.self, Prove.self, Consistency.self, VerifyProof.self])

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign and print a checkpoint of the current tree.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let text = try await CommandSupport.withWorkspace(db) { try await $0.ledger.checkpoint() }
            print(text, terminator: "")
        }
    }

    struct PublicKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pubkey", abstract: "Print the verifier key witnesses use.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let keys = try LedgerKeys.loadOrCreate(at: db.ledgerKeyURL)
            print(keys.verifierKey)
        }
    }

    struct Prove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an inclusion proof (JSON) of entry INDEX, with the entry and a signed checkpoint.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The entry's index (sequence number, from 0).") var index: Int
        @Option(help: "Tree size to prove against (default: the current size).") var size: Int?

        func run() async throws {
            try await LedgerJSON.printProof(db) { try await $0.inclusionProof(index: index, size: size) }
        }
    }

    struct Consistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a consistency proof (JSON) between two tree sizes.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The older size.") var from: Int
        @Option(help: "The newer size (default: current).") var to: Int?

        func run() async throws {
            try await LedgerJSON.printProof(db) { try await $0.consistencyProof(from: from, to: to) }
        }
    }

    /// Offline: needs no database, only the proof file and the public key.
    struct VerifyProof: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-proof",
            abstract: "Offline check of a proof file (inclusion or consistency) against the log's public key.")
        @Option(help: "The proof JSON written by `ledger prove` or `ledger consistency` (or the API).") var proof: String
        @Option(help: "The verifier key (vkey) printed by `ledger pubkey`.") var pubkey: String
        @Option(help: "For a consistency proof: an old checkpoint file the witness kept.") var oldCheckpoint: String?

        func run() throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: proof))
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            do {
                if object["index"] != nil {
                    let bundle = try JSONDecoder().decode(InclusionProofBundle.self, from: data)
                    let checkpoint = try bundle.verify(vkey: pubkey)
                    print("OK: entry \(bundle.index) is included in the tree of size \(checkpoint.size) signed by \(checkpoint.origin)")
                    if let entry = bundle.entry { print("entry: \(String(decoding: entry, as: UTF8.self))") }
                } else {
                    let bundle = try JSONDecoder().decode(ConsistencyProofBundle.self, from: data)
                    var trusted: TreeHash?
                    if let oldCheckpoint {
                        let text = try String(contentsOfFile: oldCheckpoint, encoding: .utf8)
                        trusted = try SunlightLedger.Checkpoint.open(signedText: text, verifiers: [NoteVerifierKey(vkey: pubkey)]).rootHash
                    }
                    let checkpoint = try bundle.verify(vkey: pubkey, trustedOldRoot: trusted)
                    print("OK: the tree of size \(checkpoint.size) extends the tree of size \(bundle.oldSize) (append-only)")
                }
            } catch {
                CommandSupport.printError("证明无效：\(error)", "the proof does not verify: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

enum LedgerJSON {
    /// Makes a proof bundle and prints it as JSON; a size or index out of range is a clear error.
    static func printProof<Bundle: Encodable & Sendable>(_ db: DatabaseOptions, _ make: @Sendable (Ledger) async throws -> Bundle) async throws {
        do {
            let bundle = try await CommandSupport.withWorkspace(db) { try await make($0.ledger) }
            print(try encode(bundle))
        } catch let failure as LedgerFailure {
            CommandSupport.printError(failure.messageZh, failure.messageEn)
            throw ExitCode(1)
        }
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

import FAQDialogue
import Foundation

/// The sentence encoder's vectors of the knowledge's phrasings, kept in a file of the user's cache
/// (`phrasings-<fingerprint>.f32`: the numbers as little-endian 32-bit floats) so that the next run
/// with the same knowledge and encoder reads them instead of encoding again. Only a cache: a file
/// that is missing, of the wrong size or unreadable is ignored, and a directory that cannot be
/// written is left alone. Saving keeps the `kept` most recently written files and deletes older
/// ones (each edit of the knowledge makes a new fingerprint; a few stay for other knowledge
/// directories the same user serves).
public struct PhrasingVectorFile: PhrasingVectorStore {
    /// The directory of the files.
    public let directory: String

    /// How many files saving leaves in the directory, the newest.
    public let kept: Int

    /// Keeps the files in `directory` (created when first needed), at most `kept` of them.
    public init(directory: String, kept: Int = 4) {
        self.directory = directory
        self.kept = max(1, kept)
    }

    /// The user's cache: `$FAQBOT_CACHE_DIR`, else `$XDG_CACHE_HOME/faqbot`, else `~/.cache/faqbot`;
    /// nil when none is known or `FAQBOT_CACHE_DIR` is `off`.
    public static func userCache(environment: [String: String] = ProcessInfo.processInfo.environment) -> PhrasingVectorFile? {
        if let directory = environment["FAQBOT_CACHE_DIR"], !directory.isEmpty {
            return directory == "off" ? nil : PhrasingVectorFile(directory: directory)
        }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return PhrasingVectorFile(directory: cache + "/faqbot")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return PhrasingVectorFile(directory: home + "/.cache/faqbot")
        }
        return nil
    }

    /// The file for `fingerprint`.
    public func path(for fingerprint: String) -> String {
        directory + "/phrasings-" + fingerprint + ".f32"
    }

    public func load(fingerprint: String, count: Int) -> [Float]? {
        guard let data = FileManager.default.contents(atPath: path(for: fingerprint)),
              data.count == count * MemoryLayout<UInt32>.size else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    public func save(_ vectors: [Float], fingerprint: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vectors.count * 4)
        for value in vectors { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.replace(path(for: fingerprint), with: bytes[...], mode: 0o644)
        } catch {
            // Only a cache: the next run encodes again.
            return
        }
        deleteOldFiles()
    }

    /// Deletes all but the `kept` most recently modified vector files of the directory (never
    /// another kind of file); a file that cannot be read or deleted is left.
    func deleteOldFiles() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let files = names.filter { $0.hasPrefix("phrasings-") && $0.hasSuffix(".f32") }.map { directory + "/" + $0 }
        guard files.count > kept else { return }
        let dated = files.map { (path: $0, modified: (try? manager.attributesOfItem(atPath: $0)[.modificationDate] as? Date) ?? .distantPast) }
        for file in dated.sorted(by: { $0.modified > $1.modified }).dropFirst(kept) {
            try? manager.removeItem(atPath: file.path)
        }
    }
}

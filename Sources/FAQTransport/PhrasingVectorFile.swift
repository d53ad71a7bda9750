import FAQDialogue
import Foundation

/// The sentence encoder's vectors of the knowledge's phrasings, kept in a file of the user's cache
/// (`phrasings-<fingerprint>.f32`: the numbers as little-endian 32-bit floats) so that the next run
/// with the same knowledge and encoder reads them instead of encoding again. Only a cache: a file
/// that is missing, of the wrong size or unreadable is ignored, and a directory that cannot be
/// written is left alone.
public struct PhrasingVectorFile: PhrasingVectorStore {
    /// The directory of the files.
    public let directory: String

    /// Keeps the files in `directory` (created when first needed).
    public init(directory: String) {
        self.directory = directory
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
        }
    }
}

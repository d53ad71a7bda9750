import Foundation

/// Building the indexes: each entry's text analysed into field-weighted terms, phrasings and meaning,
/// in blocks split across the cores for large knowledge bases.
extension SearchEngine {
    /// One entry's terms: its field-weighted frequencies and each phrasing's frequencies.
    struct AnalysedEntry {
        var frequencies: [String: Double] = [:]
        var phrasings: [[String: Double]] = []
        var phrasingKeys: [Int] = []
        /// Its meaning: the field-weighted sum of its words' vectors, encoded.
        var meaning: MeaningIndex.Encoded?
    }

    /// The analysis of a run of entries by one worker, with the stems it computed.
    struct AnalysedPart {
        /// The position of the run's first entry in `entries`.
        let start: Int
        let entries: [AnalysedEntry]
        let stems: [String: String]
    }

    /// Analyses `block` with `workers` threads, each taking a contiguous run; parts come back in order.
    static func analyze(_ block: ArraySlice<Entry>, analyzer: Analyzer, weights: FieldWeights,
                                meaning: MeaningIndex?, workers: Int) -> [AnalysedPart] {
        let runLength = (block.count + workers - 1) / workers
        let results = PartResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = block.startIndex + worker * runLength
            let end = min(block.endIndex, start + runLength)
            guard start < end else { return }
            var stems: [String: String] = [:]
            var analysed: [AnalysedEntry] = []
            analysed.reserveCapacity(end - start)
            for entry in block[start..<end] {
                var result = AnalysedEntry()
                var meaningSum = meaning?.emptySum() ?? []
                func add(_ text: String, weight: Double, asPhrasing: Bool) {
                    let analysis = analyzer.analyze(text, spelling: nil, stemCache: &stems)
                    if weight > 0 { meaning?.sum(of: analysis.words, weight: Float(weight), into: &meaningSum) }
                    var phrasing: [String: Double] = [:]
                    for term in analysis.terms {
                        if weight > 0 { result.frequencies[term.text, default: 0] += weight }
                        if asPhrasing { phrasing[term.text, default: 0] += 1 }
                    }
                    if asPhrasing && !phrasing.isEmpty {
                        result.phrasings.append(phrasing)
                        result.phrasingKeys.append(Self.phrasingKey(phrasing))
                    }
                }
                add(entry.question, weight: weights.question, asPhrasing: weights.question > 0)
                for alternative in entry.alternatives { add(alternative, weight: weights.alternative, asPhrasing: true) }
                add(entry.answer, weight: weights.answer, asPhrasing: false)
                result.meaning = meaning?.encode(meaningSum)
                analysed.append(result)
            }
            results.set(worker, AnalysedPart(start: start, entries: analysed, stems: stems))
        }
        return results.parts
    }

    /// A block's analysis, running on other threads or already done.
    final class PendingAnalysis: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var parts: [AnalysedPart] = []   // written once before `done` is signalled

        /// Starts `work` on a global queue.
        init(_ work: @escaping @Sendable () -> [AnalysedPart]) {
            DispatchQueue.global().async {
                self.parts = work()
                self.done.signal()
            }
        }

        /// An analysis already done.
        init(_ parts: [AnalysedPart]) {
            self.parts = parts
            done.signal()
        }

        /// Waits for the analysis and returns its parts.
        func wait() -> [AnalysedPart] {
            done.wait()
            return parts
        }
    }

    /// Collects the workers' parts; each worker writes only its own slot, under a lock.
    final class PartResults: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [AnalysedPart?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ part: AnalysedPart) {
            lock.lock()
            slots[index] = part
            lock.unlock()
        }

        var parts: [AnalysedPart] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

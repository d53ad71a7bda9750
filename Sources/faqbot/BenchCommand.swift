import FAQDialogue
#if canImport(Glibc)
import Glibc
#endif
import FAQSearch
import FAQTransport

/// `faqbot bench`: how long the index takes to build, how long one search takes, and how much memory
/// the process needed, measured in-process with a monotonic clock.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "measure index build time, per-query latency and peak memory"
    static let valueOptions = AssistantOptions.valueOptions.subtracting(["encoder"]).union(["queries", "repeat", "limit", "format"])
    static let flagOptions: Set<String> = ["encoder"]
    static let help = """
    Usage: faqbot bench [--knowledge PATH] --queries FILE [--repeat N] [--limit K] [--format table|line] [--encoder]

    Loads the knowledge (a directory or a .tsv with the columns id, question, answer), builds the
    search engine as the assistant does, then runs every query of FILE N times and times each search
    on its own with the monotonic clock (clock_gettime). Prints the load and build times, the median,
    p99 and mean query latency over all N × queries searches, and the peak resident memory (VmHWM from
    /proc/self/status) after loading, after building and at the end. This is a benchmark: build with
    'swift build -c release' before trusting the figures.

    FILE is one query per line, or a TSV whose first column is the query (a 'query' or 'question'
    header line is skipped; other columns, such as expected ids, are ignored).

    Options:
      --queries FILE           the queries (required)
      --repeat N               how many times to run the whole query set (default: 3, as faq_peer.py time)
      --limit K                how many ranked entries each search returns (default: 5)
      --format table|line      a table for people (default), or one key=value line for scripts
      --encoder                also time the sentence encoder (not yet used to answer): its load time
                               and each query's encoding, one at a time on this thread
    Search options (the answer, clarify and margin thresholds are accepted but do not apply here):
    \(AssistantOptions.help)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError("unexpected argument '\(arguments.positionals[0])'") }
        guard let queriesPath = arguments.value("queries") else { throw UsageError("--queries FILE is required") }
        let repeats = try arguments.integer("repeat", default: 3, in: 1...1_000)
        let limit = try arguments.integer("limit", default: 5, in: 1...1_000)
        let format = arguments.value("format") ?? "table"
        guard format == "table" || format == "line" else { throw UsageError("--format must be table or line, not '\(format)'") }
        let configuration = try AssistantOptions.searchConfiguration(arguments)

        let knowledgePath = AssistantOptions.knowledgePath(arguments)
        let queries = try readQueries(queriesPath)
        guard !queries.isEmpty else { throw UsageError("\(queriesPath) holds no queries") }

        var report = Report(knowledge: knowledgePath, queriesFile: queriesPath, repeats: repeats, limit: limit)
        let loadStart = monotonicNanoseconds()
        let knowledge = try KnowledgeLoader.load(knowledgePath)
        report.loadSeconds = seconds(since: loadStart)
        report.peakAfterLoad = peakResidentBytes()

        // The same engine the assistant builds for FAQ entries (the intent engine is not measured).
        let buildStart = monotonicNanoseconds()
        let engine = SearchEngine(entries: knowledge.entries, synonymGroups: knowledge.synonymGroups,
                                  dictionary: knowledge.dictionary,
                                  extraVocabulary: knowledge.intents.flatMap { [$0.question] + $0.alternatives },
                                  configuration: configuration)
        report.buildSeconds = seconds(since: buildStart)
        report.peakAfterBuild = peakResidentBytes()
        report.entries = engine.entries.count

        var latencies: [UInt64] = []
        latencies.reserveCapacity(queries.count * repeats)
        var checksum = 0
        for _ in 0..<repeats {
            for query in queries {
                let start = monotonicNanoseconds()
                let result = engine.search(query, limit: limit)
                let end = monotonicNanoseconds()
                checksum &+= result.ranked.first?.position ?? -1
                latencies.append(end - start)
            }
        }
        // What a patient waits for: the whole reply of a fresh conversation (safety layer, intents,
        // booking and other-treatment cues, search, decision), with no reading cache.
        let assistant = Assistant(knowledge: knowledge, configuration: configuration,
                                  policy: try AssistantOptions.policy(arguments))
        var replyLatencies: [UInt64] = []
        replyLatencies.reserveCapacity(queries.count * repeats)
        for _ in 0..<repeats {
            for query in queries {
                let start = monotonicNanoseconds()
                let reply = Session(assistant: assistant).respond(to: query)
                let end = monotonicNanoseconds()
                checksum &+= reply.text.utf8.count
                replyLatencies.append(end - start)
            }
        }
        report.replyLatencies = Latencies(nanoseconds: replyLatencies)
        report.peakAtEnd = peakResidentBytes()
        report.queries = queries.count
        report.latencies = Latencies(nanoseconds: latencies)
        report.checksum = checksum
        if arguments.flag("encoder") { report.encoder = try EncoderBench.run(queries, repeats: repeats) }
        printOut(format == "line" ? report.line : report.table)
        return 0
    }

    /// The queries of `path`: the first column of each non-blank line, without a header line.
    static func readQueries(_ path: String) throws -> [String] {
        QuestionList.parse(try KnowledgeLoader.readText(path))
    }

    /// Summary statistics of a set of latencies, in microseconds.
    struct Latencies {
        var median = 0.0, p99 = 0.0, mean = 0.0, max = 0.0

        /// Computes the statistics; p99 is picked as `faq_peer.py time` picks it (the value at
        /// index ⌊0.99·n⌋ − 1 of the sorted list), so the two are comparable.
        init(nanoseconds: [UInt64]) {
            guard !nanoseconds.isEmpty else { return }
            let sorted = nanoseconds.sorted().map { Double($0) / 1_000 }
            let n = sorted.count
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            p99 = sorted[Swift.max(0, Int(Double(n) * 0.99) - 1)]
            mean = sorted.reduce(0, +) / Double(n)
            max = sorted[n - 1]
        }

        init() {}
    }

    /// Everything one run measured.
    struct Report {
        let knowledge: String
        let queriesFile: String
        let repeats: Int
        let limit: Int
        var entries = 0
        var queries = 0
        var loadSeconds = 0.0
        var buildSeconds = 0.0
        var peakAfterLoad = 0
        var peakAfterBuild = 0
        var peakAtEnd = 0
        var latencies = Latencies()
        var replyLatencies = Latencies()
        var checksum = 0
        var encoder: EncoderBench?

        /// One key=value line, in the shape `faq_peer.py time` prints.
        var line: String {
            "model=faqbot entries=\(entries) queries=\(queries) repeat=\(repeats) load_s=\(fixed(loadSeconds, 3)) "
                + "build_s=\(fixed(buildSeconds, 3)) query_us_median=\(fixed(latencies.median, 1)) "
                + "query_us_p99=\(fixed(latencies.p99, 1)) query_us_mean=\(fixed(latencies.mean, 1)) "
                + "reply_us_median=\(fixed(replyLatencies.median, 1)) reply_us_p99=\(fixed(replyLatencies.p99, 1)) "
                + "peak_rss_mb=\(fixed(megabytes(peakAtEnd), 1))"
                + (encoder.map { " encoder_load_s=\(fixed($0.loadSeconds, 3)) encode_us_median=\(fixed($0.latencies.median, 1)) "
                    + "encode_us_p99=\(fixed($0.latencies.p99, 1)) encode_cpu_us_median=\(fixed($0.cpuTimes.median, 1)) "
                    + "encode_tokens_median=\($0.medianTokens)" } ?? "")
        }

        /// A table for people.
        var table: String {
            let rows: [(String, String)] = [
                ("knowledge", "\(knowledge) (\(entries) entries)"),
                ("queries", "\(queriesFile) (\(queries) queries × \(repeats) repeats, top \(limit))"),
                ("load (read + parse)", fixed(loadSeconds, 3) + " s"),
                ("index build", fixed(buildSeconds, 3) + " s"),
                ("query median", fixed(latencies.median, 1) + " µs"),
                ("query p99", fixed(latencies.p99, 1) + " µs"),
                ("query mean", fixed(latencies.mean, 1) + " µs"),
                ("query max", fixed(latencies.max, 1) + " µs"),
                ("reply median (whole session)", fixed(replyLatencies.median, 1) + " µs"),
                ("reply p99 (whole session)", fixed(replyLatencies.p99, 1) + " µs"),
                ("peak RSS after load", fixed(megabytes(peakAfterLoad), 1) + " MB"),
                ("peak RSS after build", fixed(megabytes(peakAfterBuild), 1) + " MB"),
                ("peak RSS at end", fixed(megabytes(peakAtEnd), 1) + " MB"),
            ] + (encoder.map { [
                ("encoder load", fixed($0.loadSeconds, 3) + " s"),
                ("encode median", fixed($0.latencies.median, 1) + " µs (\($0.medianTokens) tokens median)"),
                ("encode p99", fixed($0.latencies.p99, 1) + " µs"),
                ("encode mean", fixed($0.latencies.mean, 1) + " µs"),
                ("encode CPU median", fixed($0.cpuTimes.median, 1) + " µs (the thread's CPU time)"),
            ] } ?? [])
            return rows.map { $0.0.padding(toLength: 22) + $0.1 }.joined(separator: "\n")
        }
    }
}

/// Nanoseconds on the monotonic clock.
private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Seconds elapsed since `start` (from `monotonicNanoseconds`).
private func seconds(since start: UInt64) -> Double {
    Double(monotonicNanoseconds() - start) / 1e9
}

/// The process's peak resident set size in bytes (`VmHWM` in /proc/self/status), or 0 when unknown.
private func peakResidentBytes() -> Int {
    guard let status = try? KnowledgeLoader.readText("/proc/self/status") else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.dropFirst(6).filter(\.isNumber)
        return (Int(String(digits)) ?? 0) * 1024  // the kernel reports kB
    }
    return 0
}

private func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

/// `value` with exactly `places` decimals.
private func fixed(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    if !text.contains(".") { text += "." }
    let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
    if decimals < places { text += String(repeating: "0", count: places - decimals) }
    return places == 0 ? String(text.dropLast()) : text
}

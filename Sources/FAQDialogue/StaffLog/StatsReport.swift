import Foundation

/// The staff's statistics, per day: as a table with bar charts for the terminal, or as one
/// self-contained HTML page with SVG charts for the clinic's manager.
public struct StatsReport {
    /// The days shown, oldest first.
    public let days: [DayCounts]

    /// A report on `days` (any order).
    public init(days: [DayCounts]) {
        self.days = days.sorted { $0.day < $1.day }
    }

    /// All days added up.
    public var total: DayCounts {
        days.reduce(into: DayCounts(day: "total")) { $0.merge($1) }
    }

    /// The table for the terminal: one row per day and a total, then a bar per day (█ answered,
    /// ▒ "did you mean", ░ not answered).
    public func text(barWidth: Int = 40) -> String {
        guard !days.isEmpty else { return "No questions logged for these days.\n" }
        let header = ["day", "questions", "answered", "clarified", "fallback", "other", "picked", "bookings", "crisis", "compl.", "median conf."]
        var rows = [header]
        for day in days + [total] {
            rows.append([day.day, "\(day.questions)", Self.share(day.answered, of: day.questions), "\(day.clarified)",
                         "\(day.fallback)", "\(day.otherTreatment)", "\(day.picked)", "\(day.bookings)", "\(day.crisis)",
                         "\(day.complication)", day.medianConfidence.map { Self.decimal($0) } ?? "-"])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for (index, row) in rows.enumerated() {
            if index == rows.count - 1 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
            text += row.enumerated().map { column, cell in
                column == 0 ? cell.padded(to: widths[column]) : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        let most = max(1, days.map(\.questions).max() ?? 1)
        text += "\nQuestions per day (█ answered, ▒ did you mean, ░ not answered)\n"
        for day in days {
            let scale = Double(barWidth) / Double(most)
            let answered = Int((Double(day.answered) * scale).rounded())
            let clarified = Int((Double(day.clarified) * scale).rounded())
            let unanswered = Int((Double(day.fallback + day.otherTreatment) * scale).rounded())
            text += day.day + " " + String(repeating: "█", count: answered) + String(repeating: "▒", count: clarified)
                + String(repeating: "░", count: unanswered) + " \(day.questions)\n"
        }
        let asked = total.mostAsked(5)
        if !asked.isEmpty {
            text += "\nMost asked: " + asked.map { "\($0.id) (\($0.count))" }.joined(separator: ", ") + "\n"
            for day in days where !day.entries.isEmpty {
                text += "  \(day.day): " + day.mostAsked(3).map { "\($0.id) (\($0.count))" }.joined(separator: ", ") + "\n"
            }
        }
        return text
    }

    /// One HTML page, no external resources: the table, a stacked bar chart of each day's questions,
    /// and the most asked entries.
    public func html(title: String = "faqbot: questions per day") -> String {
        var page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.escaped(title))</title>
        <style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}.legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}</style>
        </head><body><h1>\(Self.escaped(title))</h1>

        """
        guard !days.isEmpty else { return page + "<p>No questions logged for these days.</p></body></html>\n" }
        page += "<table><tr><th>day</th><th>questions</th><th>answered</th><th>clarified</th><th>fallback</th><th>other treatment</th>"
            + "<th>picked</th><th>bookings</th><th>crisis</th><th>complication</th><th>median confidence</th><th>most asked</th></tr>\n"
        for day in days + [total] {
            let cells = [day.day, "\(day.questions)", Self.share(day.answered, of: day.questions), "\(day.clarified)", "\(day.fallback)",
                         "\(day.otherTreatment)", "\(day.picked)", "\(day.bookings)", "\(day.crisis)", "\(day.complication)",
                         day.medianConfidence.map { Self.decimal($0) } ?? "-",
                         day.mostAsked(3).map { "\($0.id) (\($0.count))" }.joined(separator: ", ")]
            page += "<tr>" + cells.map { "<td>\(Self.escaped($0))</td>" }.joined() + "</tr>\n"
        }
        page += "</table>\n<h2>Questions per day</h2>\n" + barChart(Self.questionSeries, label: "questions per day")
        page += "<h2>Bookings and safety replies per day</h2>\n" + barChart(Self.bookingSeries, label: "bookings and safety replies per day")
        page += "</body></html>\n"
        return page
    }

    /// The questions chart's stacks: answered, "did you mean", not answered.
    static let questionSeries = [
        Series(name: "answered", colour: "#2e7d32") { $0.answered },
        Series(name: "did you mean", colour: "#f9a825") { $0.clarified },
        Series(name: "not answered", colour: "#c62828") { $0.fallback + $0.otherTreatment },
    ]

    /// The bookings and safety chart's stacks.
    static let bookingSeries = [
        Series(name: "bookings", colour: "#1565c0") { $0.bookings },
        Series(name: "crisis", colour: "#6a1b9a") { $0.crisis },
        Series(name: "complication", colour: "#ad1457") { $0.complication },
    ]

    /// One stack of a bar chart: its name, colour and each day's count.
    struct Series: Sendable {
        let name: String
        let colour: String
        let count: @Sendable (DayCounts) -> Int
    }

    /// A stacked bar chart of `series` per day, as inline SVG with its legend.
    func barChart(_ series: [Series], label: String) -> String {
        let barWidth = 28, gap = 12, height = 200, left = 40, bottom = 40
        let total: (DayCounts) -> Int = { day in series.reduce(0) { $0 + $1.count(day) } }
        let most = max(1, days.map(total).max() ?? 1)
        let width = left + days.count * (barWidth + gap) + gap
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + bottom)\" role=\"img\" aria-label=\"\(Self.escaped(label))\">\n"
        svg += "<text x=\"0\" y=\"12\" font-size=\"11\">\(most)</text><line x1=\"\(left - 4)\" y1=\"\(height)\" x2=\"\(width)\" y2=\"\(height)\" stroke=\"#999\"/>\n"
        for (index, day) in days.enumerated() {
            let x = left + gap + index * (barWidth + gap)
            var top = height
            for part in series {
                let count = part.count(day)
                let size = Int((Double(count) / Double(most) * Double(height - 20)).rounded())
                guard size > 0 else { continue }
                top -= size
                svg += "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(barWidth)\" height=\"\(size)\" fill=\"\(part.colour)\"><title>\(part.name): \(count)</title></rect>\n"
            }
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(height + 14)\" font-size=\"10\" text-anchor=\"middle\">\(Self.escaped(String(day.day.suffix(5))))</text>\n"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top - 3)\" font-size=\"10\" text-anchor=\"middle\">\(total(day))</text>\n"
        }
        svg += "</svg>\n<p class=\"legend\">" + series.map { "<span style=\"background:\($0.colour)\"></span>\(Self.escaped($0.name))" }.joined() + "</p>\n"
        return svg
    }

    /// "12 (75 %)", or "0" when there were no questions.
    static func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "\(part)" : "\(part) (\(Int((Double(part) * 100 / Double(whole)).rounded())) %)"
    }

    /// A number with two decimals.
    public static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }

    /// `text` safe inside HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

private extension String {
    func padded(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

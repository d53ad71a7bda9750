import FAQDialogue
import FAQTransport

/// The staff's log options the chat and the server share (`--log-dir`, `--log-days`).
enum StaffLogOptions {
    static let valueOptions: Set<String> = ["log-dir", "log-days"]

    static let help = """
      --log-dir DIR            log the questions not simply answered (masked) and each day's counts, for
                               'faqbot review' and 'faqbot stats': one JSON-lines file per day, 0600 in a
                               0700 directory (default: no log)
      --log-days N             delete the log's files older than N days (default: keep all)
    """

    /// The log the options ask for (started), or nil without `--log-dir`.
    static func makeWriter(_ arguments: Arguments, booking: BookingConfiguration,
                           report: @escaping @Sendable (String) -> Void) throws -> StaffLogWriter? {
        let keepDays = arguments.value("log-days") == nil ? nil : try arguments.integer("log-days", default: 30, in: 1...36_500)
        guard let directory = arguments.value("log-dir") else {
            if keepDays != nil { throw UsageError("--log-days needs --log-dir") }
            return nil
        }
        guard !directory.isEmpty else { throw UsageError("--log-dir needs a directory") }
        var configuration = StaffLogWriter.Configuration(directory: directory, keepDays: keepDays)
        configuration.timeZone = booking.schedule.timeZone
        configuration.clock = booking.clock
        return try StaffLogWriter(configuration: configuration, report: report)
    }
}

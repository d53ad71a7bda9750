#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
exit(FAQBot.run(Array(CommandLine.arguments.dropFirst())))

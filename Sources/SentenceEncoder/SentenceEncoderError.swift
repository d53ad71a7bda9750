/// Why the built-in encoder model could not be read.
public enum SentenceEncoderError: Error, Equatable, Sendable {
    /// The bytes do not start with the `FAQENC01` magic.
    case notAnEncoderModel
    /// The header's sizes are not those of a BERT encoder this code can run (the reason names them).
    case unsupportedShape(reason: String)
    /// The file ends before the array the reason names.
    case truncated(reason: String)
    /// The vocabulary lacks one of the special tokens the tokenizer needs.
    case missingSpecialToken(String)
    /// The model's Float32 arrays are little-endian and read in place: a big-endian machine cannot.
    case bigEndianMachine
}

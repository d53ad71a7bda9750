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
    /// This processor lacks instructions the encoder was compiled for (AVX2 and FMA on x86-64).
    case unsupportedProcessor
}

extension SentenceEncoderError: CustomStringConvertible {
    /// A sentence saying what is wrong, for people.
    public var description: String {
        switch self {
        case .notAnEncoderModel: "the sentence encoder's model is not in the FAQENC01 format"
        case .unsupportedShape(let reason): "the sentence encoder's model has an unsupported shape: \(reason)"
        case .truncated(let reason): "the sentence encoder's model ends early, in: \(reason)"
        case .missingSpecialToken(let token): "the sentence encoder's vocabulary has no \(token)"
        case .bigEndianMachine: "the sentence encoder runs on little-endian machines only"
        case .unsupportedProcessor: "the sentence encoder needs a processor with AVX2 and FMA (x86-64 since 2013-2015)"
        }
    }
}

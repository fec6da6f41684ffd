/// What the parsing thread of a streaming read has left when the document ends.
struct ParsedRest: Sendable {
    /// The features read after the last full batch (or all of them, for a document that is no
    /// FeatureCollection), and the parser's problems not handed out yet.
    var drafts: [FeatureDraft]
    var problems: [Problem]
    var declaredCRS: (name: String, pointer: JSONPointer)?
    var foreignMembers: JSONObject
    var bbox: [Double]?
    var documentType: String?
    var isBroken: Bool
    var batchesHandedOut: Int

    init(_ parser: GeoJSONParser) {
        drafts = parser.drafts
        problems = parser.problems
        declaredCRS = parser.declaredCRS
        foreignMembers = parser.foreignMembers
        bbox = parser.bbox
        documentType = parser.documentType
        isBroken = parser.isBroken
        batchesHandedOut = parser.batchesHandedOut
    }
}

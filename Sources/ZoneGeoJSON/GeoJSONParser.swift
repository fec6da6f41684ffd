import Dispatch
import ZoneGeometry

/// A feature as parsed, before the whole file is known (its CRS may be declared last).
struct FeatureDraft {
    var feature: Feature
    var pointer: JSONPointer
    var geometryPointer: JSONPointer
}

/// What a `geometry` member turned out to be.
private enum GeometryOutcome {
    case null
    case built(Geometry)
    case broken
}

/// The members of one JSON object that GeoJSON gives meaning to, gathered before its `type` is
/// known (RFC 8259 objects are unordered, so `type` may come last).
private struct Members {
    var type: String?
    var typeIsWrong = false
    var features: [FeatureDraft]?
    var featuresIsWrong = false
    var geometry: GeometryOutcome?
    var coordinates: CoordinateNode?
    var geometries: [GeometryOutcome]?
    var properties: JSONValue?
    var id: JSONValue?
    var bbox: JSONValue?
    var crs: JSONValue?
    var foreign: [(key: String, value: JSONValue)] = []
    /// The geometry object's own members other than type and coordinates (kept with the feature).
    var geometryMembers = JSONObject()
}

/// Where an object sits, which decides what its members can mean.
private enum ObjectRole {
    case document
    case feature
    case geometry
}

/// Reads one GeoJSON document in a single pass over its bytes, building each geometry as soon as
/// its object closes, and records every structural problem with its JSON Pointer.
struct GeoJSONParser {
    fileprivate(set) var scanner: JSONScanner
    let file: String
    private(set) var problems: [Problem] = []
    private var store = PositionStore()
    /// The `coordinates` member being read and the indices of its arrays, for pointers; kept here
    /// rather than passed down, so the per-position path costs nothing until a problem is found.
    private var coordinatesPointer: JSONPointer = ""
    private var path: [Int] = []
    /// The feature being read, for problems found inside it.
    private var currentFeature: Int?

    private(set) var drafts: [FeatureDraft] = []
    private(set) var foreignMembers = JSONObject()
    private(set) var bbox: [Double]?
    /// The legacy `crs` member's name, with its pointer.
    private(set) var declaredCRS: (name: String, pointer: JSONPointer)?
    /// A `features` array longer than this many bytes is read on two threads.
    var parallelThreshold = 8 << 20
    /// When set, a FeatureCollection's features are handed out in batches as they are read, on
    /// this one thread; ``drafts`` then holds only the last batch.
    var batching: DraftBatching?
    /// How many batches were handed out.
    private(set) var batchesHandedOut = 0
    /// The document's `type`, once it is read.
    private(set) var documentType: String?
    /// Whether the JSON broke: then ``problems`` holds the break alone.
    private(set) var isBroken = false
    /// The `bbox` and foreign members of the geometry object read last.
    private var lastGeometryMembers = JSONObject()

    init(bytes: UnsafeRawBufferPointer, file: String) {
        scanner = JSONScanner(bytes)
        self.file = file
    }

    /// Parses the document. Malformed JSON ends it with one located problem.
    mutating func parse() {
        do throws(JSONFailure) {
            guard scanner.peek() != nil else {
                throw JSONFailure(code: .invalidJSON, offset: scanner.end, message: "the file is empty")
            }
            if scanner.peek() != UInt8(ascii: "{") {
                _ = try scanner.readValue(depth: 0)
                try expectEnd()
                report(.notGeoJSON, at: "", "the file is JSON but not GeoJSON: its top level must be an object with a \"type\"")
                return
            }
            let members = try readObject(.document, at: "", depth: 0)
            try expectEnd()
            interpretDocument(members)
        } catch {
            drafts = []
            if error.isStop {
                problems = []
                return
            }
            // Nothing read before the break can be trusted to mean what it seems: report the break alone.
            isBroken = true
            let (line, column) = scanner.lineAndColumn(of: error.offset, passed: batching?.passed)
            problems = [Problem(severity: .error, code: error.code, file: file, pointer: "",
                                    message: error.message, line: line, column: column)]
        }
    }

    private mutating func expectEnd() throws(JSONFailure) {
        if scanner.peek() != nil { throw scanner.unexpected(expecting: "the end of the file") }
    }

    // MARK: Objects

    private mutating func readObject(_ role: ObjectRole, at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> Members {
        try scanner.enter(depth)
        try scanner.expect(UInt8(ascii: "{"), "an object")
        var members = Members()
        if scanner.consume(UInt8(ascii: "}")) { return members }
        repeat {
            let (key, escaped) = try scanner.scanString()
            try scanner.expect(UInt8(ascii: ":"), "':' after a member name")
            let plain = !escaped
            if plain && scanner.bytes(key, equal: "type") {
                if scanner.peek() == UInt8(ascii: "\"") {
                    members.type = try scanner.readString()
                } else {
                    _ = try scanner.readValue(depth: depth + 1)
                    members.typeIsWrong = true
                    report(.wrongType, at: pointer.appending("type"), "\"type\" must be a string")
                }
            } else if plain && role == .document && scanner.bytes(key, equal: "features") {
                try readFeatures(into: &members, at: pointer.appending("features"), depth: depth + 1)
            } else if plain && role != .geometry && scanner.bytes(key, equal: "geometry") {
                members.geometry = try readGeometryMember(at: pointer.appending("geometry"), depth: depth + 1)
                members.geometryMembers = lastGeometryMembers
            } else if plain && role != .feature && scanner.bytes(key, equal: "coordinates") {
                path.removeAll(keepingCapacity: true)
                coordinatesPointer = pointer.appending("coordinates")
                members.coordinates = try readCoordinates(depth: depth + 1)
            } else if plain && role != .feature && scanner.bytes(key, equal: "geometries") {
                members.geometries = try readGeometries(at: pointer.appending("geometries"), depth: depth + 1)
            } else if plain && role != .geometry && scanner.bytes(key, equal: "properties") {
                members.properties = try scanner.readValue(depth: depth + 1)
            } else if plain && role != .geometry && scanner.bytes(key, equal: "id") {
                members.id = try scanner.readValue(depth: depth + 1)
            } else if plain && scanner.bytes(key, equal: "bbox") {
                members.bbox = try scanner.readValue(depth: depth + 1)
            } else if plain && role == .document && scanner.bytes(key, equal: "crs") {
                members.crs = try scanner.readValue(depth: depth + 1)
            } else {
                let name = try scanner.decodeString(key, escaped: escaped)
                members.foreign.append((key: name, value: try scanner.readValue(depth: depth + 1)))
            }
        } while try scanner.nextElement(closer: UInt8(ascii: "}"), "in an object")
        return members
    }

    // MARK: Features

    private mutating func readFeatures(into members: inout Members, at pointer: JSONPointer, depth: Int) throws(JSONFailure) {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.readValue(depth: depth)
            members.featuresIsWrong = true
            report(.wrongType, at: pointer, "\"features\" must be an array of Feature objects")
            return
        }
        try scanner.enter(depth)
        scanner.position += 1
        if scanner.consume(UInt8(ascii: "]")) {
            members.features = []
            return
        }
        // Batches only while the document may be a FeatureCollection (its type may come later).
        if let batching, members.type == nil || members.type == "FeatureCollection" {
            members.features = try readFeaturesInBatches(batching, crs: members.crs, at: pointer, depth: depth)
            return
        }
        if scanner.end - scanner.position >= parallelThreshold, let features = try readFeaturesInTwo(at: pointer, depth: depth) {
            members.features = features
            return
        }
        var features: [FeatureDraft] = []
        repeat {
            features.append(try readFeature(index: features.count, at: pointer, depth: depth))
        } while try scanner.nextElement(closer: UInt8(ascii: "]"), "in the features array")
        members.features = features
    }

    /// Reads the `features` array handing out each full batch as soon as it is read; returns the
    /// last, partial batch. `crs` is the document's `crs` member if it came before `features`.
    private mutating func readFeaturesInBatches(_ batching: DraftBatching, crs: JSONValue?, at pointer: JSONPointer,
                                                depth: Int) throws(JSONFailure) -> [FeatureDraft] {
        let declaredCRS = crs.flatMap(Self.wellFormedCRSName)
        var pending: [FeatureDraft] = []
        pending.reserveCapacity(batching.size)
        var index = 0
        repeat {
            pending.append(try readFeature(index: index, at: pointer, depth: depth))
            index += 1
            if index % 64 == 0, batching.stopped() { throw .stop }
            if pending.count >= batching.size {
                // Every problem found inside the array is about one of its features, all in this batch.
                let featureProblems = problems.filter { $0.feature != nil }
                problems.removeAll { $0.feature != nil }
                let batch = DraftBatch(drafts: pending, problems: featureProblems, declaredCRS: declaredCRS)
                pending = []
                pending.reserveCapacity(batching.size)
                batchesHandedOut += 1
                guard batching.handOut(batch) else { throw .stop }
                batching.passed(scanner.position)
            }
        } while try scanner.nextElement(closer: UInt8(ascii: "]"), "in the features array")
        return pending
    }

    /// Reads one member of the `features` array, for a reader of half of it.
    mutating func readFeatureForSplit(index: Int, at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> FeatureDraft {
        try readFeature(index: index, at: pointer, depth: depth)
    }

    /// Reads one member of the `features` array.
    private mutating func readFeature(index: Int, at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> FeatureDraft {
        let featurePointer = pointer.appending(index)
        guard scanner.peek() == UInt8(ascii: "{") else {
            _ = try scanner.readValue(depth: depth + 1)
            report(.wrongType, at: featurePointer, "each member of \"features\" must be a Feature object", feature: index)
            return FeatureDraft(feature: Feature(index: index, geometry: nil), pointer: featurePointer,
                                geometryPointer: featurePointer.appending("geometry"))
        }
        currentFeature = index
        defer { currentFeature = nil }
        let firstProblem = problems.count
        store.removeAll()
        let object = try readObject(.feature, at: featurePointer, depth: depth + 1)
        let draft = interpretFeature(object, index: index, at: featurePointer)
        nameFeature(since: firstProblem, id: draft.feature.id)
        return draft
    }

    /// Reads a large `features` array on two threads: one from its start, one from a feature that
    /// starts near its middle. The split is only trusted when the first reader, tokenizing from the
    /// start, arrives exactly there; otherwise the caller reads the array in one pass.
    private mutating func readFeaturesInTwo(at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> [FeatureDraft]? {
        guard let split = elementStart(near: scanner.position + (scanner.end - scanner.position) / 2) else { return nil }
        let start = scanner.position
        let halves = TwoReaders(first: self, second: GeoJSONParser(bytes: scanner.bytes, file: file))
        halves.second.scanner.position = split
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            if half == 0 { halves.readFirst(until: split, at: pointer, depth: depth) } else { halves.readSecond(at: pointer, depth: depth) }
        }
        if let failure = halves.firstFailure { throw failure }
        if halves.firstEndedArray {
            // The split lay past the array: the first reader read it all.
            problems = halves.first.problems
            scanner.position = halves.first.scanner.position
            return halves.firstFeatures
        }
        guard halves.first.scanner.position == split else {
            // The split was inside a string: read the array in one pass instead.
            scanner.position = start
            return nil
        }
        if let failure = halves.secondFailure { throw failure }
        let base = halves.firstFeatures.count
        let shifted = halves.secondFeatures.map { $0.shifted(by: base) }
        problems = halves.first.problems + halves.second.problems.map { $0.shifted(by: base) }
        scanner.position = halves.second.scanner.position
        return halves.firstFeatures + shifted
    }

    /// The offset of a `{` at or after `offset` that follows a `,` (skipping white space): where an
    /// array element probably starts, unless it sits inside a string, which the caller checks.
    private func elementStart(near offset: Int) -> Int? {
        var i = offset
        while i < scanner.end {
            if scanner.base[i] == UInt8(ascii: "{") {
                var j = i - 1
                while j > 0, [0x20, 0x0A, 0x0D, 0x09].contains(scanner.base[j]) { j -= 1 }
                if scanner.base[j] == UInt8(ascii: ",") { return i }
            }
            i += 1
        }
        return nil
    }

    /// Fills in the feature id of the problems found while reading it (the id may come last).
    private mutating func nameFeature(since first: Int, id: FeatureID?) {
        guard let id else { return }
        for k in first..<problems.count { problems[k].featureID = id.description }
    }

    private mutating func interpretFeature(_ members: Members, index: Int, at pointer: JSONPointer) -> FeatureDraft {
        if let type = members.type, type != "Feature" {
            report(.wrongType, at: pointer.appending("type"), "a member of \"features\" must have \"type\": \"Feature\", not \"\(type)\"")
        } else if members.type == nil && !members.typeIsWrong {
            report(.missingMember, at: pointer, "the feature has no \"type\" member")
        }
        var feature = Feature(index: index, geometry: nil)
        feature.id = featureID(members.id, at: pointer.appending("id"))
        feature.properties = properties(members.properties, at: pointer.appending("properties"))
        if let properties = members.properties { checkNumbers(properties, at: pointer.appending("properties")) }
        feature.foreignMembers = JSONObject(members.foreign)
        feature.bbox = bboxValue(members.bbox, at: pointer.appending("bbox"))
        switch members.geometry {
        case nil:
            report(.missingMember, at: pointer, "the feature has no \"geometry\" member")
        case .null?:
            report(.nullGeometry, at: pointer.appending("geometry"), "the feature has no geometry (null): it has no location or area",
                   severity: .warning)
        case let .built(geometry)?:
            feature.geometry = geometry
            feature.geometryMembers = members.geometryMembers
        case .broken?:
            break
        }
        return FeatureDraft(feature: feature, pointer: pointer, geometryPointer: pointer.appending("geometry"))
    }

    private mutating func featureID(_ value: JSONValue?, at pointer: JSONPointer) -> FeatureID? {
        switch value {
        case nil: return nil
        case let .string(text)?: return .string(text)
        case let .number(text)?: return .number(text)
        default:
            report(.wrongType, at: pointer, "\"id\" must be a string or a number")
            return nil
        }
    }

    private mutating func properties(_ value: JSONValue?, at pointer: JSONPointer) -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case let .object(object)?: return object
        default:
            report(.wrongType, at: pointer, "\"properties\" must be an object or null")
            return nil
        }
    }

    /// Reports numbers too large for a double anywhere in a value (they are kept as written).
    private mutating func checkNumbers(_ value: JSONValue, at pointer: JSONPointer) {
        switch value {
        case let .number(text):
            // Only a long literal or one with an exponent can overflow.
            if text.count > 300 || text.contains(where: { $0 == "e" || $0 == "E" }), let number = Double(text), !number.isFinite {
                report(.numberOutOfRange, at: pointer, "\(text) is too large for a double-precision number")
            }
        case let .array(elements):
            for (k, element) in elements.enumerated() { checkNumbers(element, at: pointer.appending(k)) }
        case let .object(object):
            for member in object.members { checkNumbers(member.value, at: pointer.appending(member.key)) }
        default:
            break
        }
    }

    private mutating func bboxValue(_ value: JSONValue?, at pointer: JSONPointer) -> [Double]? {
        guard let value else { return nil }
        if case let .array(elements) = value {
            let numbers = elements.compactMap { element -> Double? in
                if case .number = element { return element.doubleValue }
                return nil
            }
            if numbers.count == elements.count, numbers.count == 4 || numbers.count == 6 { return numbers }
        }
        report(.wrongType, at: pointer, "\"bbox\" must be an array of 4 or 6 numbers", severity: .warning)
        return nil
    }

    // MARK: Document

    private mutating func interpretDocument(_ members: Members) {
        documentType = members.type
        foreignMembers = JSONObject(members.foreign)
        bbox = bboxValue(members.bbox, at: "/bbox")
        if let crs = members.crs { declaredCRS = crsName(crs) }
        guard let type = members.type else {
            if !members.typeIsWrong { report(.notGeoJSON, at: "", "the top-level object has no \"type\": it is not GeoJSON") }
            return
        }
        switch type {
        case "FeatureCollection":
            if let features = members.features {
                drafts = features
            } else if !members.featuresIsWrong {
                report(.missingMember, at: "", "the FeatureCollection has no \"features\" member")
            }
        case "Feature":
            currentFeature = 0
            let draft = interpretFeature(members, index: 0, at: "")
            drafts = [draft]
            claimForLoneFeature(id: draft.feature.id)
            currentFeature = nil
        default:
            guard let geometryType = GeometryType(geoJSONType: type) else {
                report(.notGeoJSON, at: "/type", "\"\(type)\" is not a GeoJSON type\(Self.caseHint(type))")
                return
            }
            currentFeature = 0
            let outcome = interpretGeometry(members, type: geometryType, at: "")
            currentFeature = nil
            claimForLoneFeature(id: nil)
            if case let .built(geometry) = outcome {
                drafts = [FeatureDraft(feature: Feature(index: 0, geometry: geometry), pointer: "", geometryPointer: "")]
            } else {
                drafts = [FeatureDraft(feature: Feature(index: 0, geometry: nil), pointer: "", geometryPointer: "")]
            }
        }
    }

    /// In a file holding one Feature or geometry, every problem but the CRS's is about feature 0.
    private mutating func claimForLoneFeature(id: FeatureID?) {
        for k in problems.indices where problems[k].feature == nil && problems[k].pointer.tokens.first != "crs" {
            problems[k].feature = 0
            problems[k].featureID = id?.description
        }
    }

    private mutating func crsName(_ value: JSONValue) -> (String, JSONPointer)? {
        if let named = Self.wellFormedCRSName(value) { return named }
        if case .null = value { return nil }
        report(.unknownCRS, at: "/crs", "the \"crs\" member must be {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:n\"}}")
        return nil
    }

    /// The name in a well-formed legacy `crs` member, with its pointer; `nil` for anything else.
    private static func wellFormedCRSName(_ value: JSONValue) -> (name: String, pointer: JSONPointer)? {
        if case let .object(crs) = value, crs["type"]?.stringValue == "name",
           case let .object(properties)? = crs["properties"], case let .string(name)? = properties["name"] {
            return (name, "/crs/properties/name")
        }
        return nil
    }

    private static func caseHint(_ type: String) -> String {
        let known = GeometryType.allCases.map(\.rawValue) + ["Feature", "FeatureCollection"]
        if let match = known.first(where: { $0.lowercased() == type.lowercased() }) {
            return " (GeoJSON type names are case-sensitive: did you mean \"\(match)\"?)"
        }
        return ""
    }

    // MARK: Geometries

    private mutating func readGeometryMember(at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> GeometryOutcome {
        lastGeometryMembers = JSONObject()
        switch scanner.peek() {
        case UInt8(ascii: "n"):
            try scanner.literal("null")
            return .null
        case UInt8(ascii: "{"):
            let members = try readObject(.geometry, at: pointer, depth: depth)
            lastGeometryMembers = JSONObject((members.bbox.map { [(key: "bbox", value: $0)] } ?? []) + members.foreign)
            guard let typeName = members.type else {
                if !members.typeIsWrong { report(.missingMember, at: pointer, "the geometry has no \"type\" member") }
                return .broken
            }
            guard let type = GeometryType(geoJSONType: typeName) else {
                report(.unknownGeometryType, at: pointer.appending("type"),
                       "\"\(typeName)\" is not a GeoJSON geometry type\(Self.caseHint(typeName))")
                return .broken
            }
            return interpretGeometry(members, type: type, at: pointer)
        default:
            _ = try scanner.readValue(depth: depth)
            report(.wrongType, at: pointer, "\"geometry\" must be a geometry object or null")
            return .broken
        }
    }

    private mutating func readGeometries(at pointer: JSONPointer, depth: Int) throws(JSONFailure) -> [GeometryOutcome] {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.readValue(depth: depth)
            report(.wrongType, at: pointer, "\"geometries\" must be an array of geometry objects")
            return [.broken]
        }
        try scanner.enter(depth)
        scanner.position += 1
        var outcomes: [GeometryOutcome] = []
        if scanner.consume(UInt8(ascii: "]")) { return outcomes }
        repeat {
            let member = try readGeometryMember(at: pointer.appending(outcomes.count), depth: depth + 1)
            if case .null = member {
                report(.wrongType, at: pointer.appending(outcomes.count), "a member of \"geometries\" must be a geometry object, not null")
                outcomes.append(.broken)
            } else {
                outcomes.append(member)
            }
        } while try scanner.nextElement(closer: UInt8(ascii: "]"), "in the geometries array")
        return outcomes
    }

    private mutating func interpretGeometry(_ members: Members, type: GeometryType, at pointer: JSONPointer) -> GeometryOutcome {
        if type == .geometryCollection {
            guard let outcomes = members.geometries else {
                report(.missingMember, at: pointer, "the GeometryCollection has no \"geometries\" member")
                return .broken
            }
            var parts: [Geometry] = []
            for outcome in outcomes {
                guard case let .built(part) = outcome else { return .broken }
                parts.append(part)
            }
            return outcome(Result { () throws(GeometryError) in try Geometry.collection(parts, as: .geometryCollection) }, at: pointer)
        }
        guard let node = members.coordinates else {
            report(.missingMember, at: pointer, "the \(type.rawValue) has no \"coordinates\" member")
            return .broken
        }
        var assembly = LayoutAssembly(store: store, pointer: pointer.appending("coordinates"))
        guard let layout = assembly.layout(type, node) else {
            for problem in assembly.problems { report(problem.code, at: problem.pointer, problem.message, severity: problem.severity) }
            if assembly.isEmpty { report(.emptyGeometry, at: pointer, "the \(type.rawValue) has no coordinates") }
            return .broken
        }
        for problem in assembly.problems { report(problem.code, at: problem.pointer, problem.message, severity: problem.severity) }
        let hasZ = store.hasZ
        let result = store.x.withUnsafeBufferPointer { x in
            store.y.withUnsafeBufferPointer { y in
                store.z.withUnsafeBufferPointer { z in
                    Result { () throws(GeometryError) in try Geometry(packed: layout, x: x, y: y, z: hasZ ? z : nil) }
                }
            }
        }
        return outcome(result, at: pointer)
    }

    /// The outcome of a GEOS construction, reporting its failure (which the checks before it
    /// should prevent).
    private mutating func outcome(_ result: Result<Geometry, GeometryError>, at pointer: JSONPointer) -> GeometryOutcome {
        switch result {
        case let .success(geometry):
            return .built(geometry)
        case let .failure(error):
            report(.invalidGeometry, at: pointer, "GEOS could not build the geometry: \(error)")
            return .broken
        }
    }

    // MARK: Coordinates

    /// Reads a `coordinates` value into the position store, without knowing the geometry type.
    private mutating func readCoordinates(depth: Int) throws(JSONFailure) -> CoordinateNode {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.readValue(depth: depth)
            report(.wrongType, at: coordinatesPointer.appending(path), "coordinates must be arrays of numbers")
            return .broken
        }
        try scanner.enter(depth)
        scanner.position += 1
        if scanner.consume(UInt8(ascii: "]")) { return .list([]) }
        if let next = scanner.peek(), next != UInt8(ascii: "[") {
            return try readPosition(depth: depth)
        }
        var children: [CoordinateNode] = []
        var runStart = 0, runCount = 0
        var allPositions = true
        var index = 0
        repeat {
            path.append(index)
            let child = try readCoordinates(depth: depth + 1)
            path.removeLast()
            if allPositions, case let .position(i) = child, runCount == 0 || i == runStart + runCount {
                if runCount == 0 { runStart = i }
                runCount += 1
            } else {
                if allPositions {
                    children = (runStart..<runStart + runCount).map(CoordinateNode.position)
                    allPositions = false
                }
                children.append(child)
            }
            index += 1
        } while try scanner.nextElement(closer: UInt8(ascii: "]"), "in coordinates")
        return allPositions ? .run(runStart..<runStart + runCount) : .list(children)
    }

    /// Reads the numbers of one position; the opening bracket is already consumed.
    private mutating func readPosition(depth: Int) throws(JSONFailure) -> CoordinateNode {
        var values = (0.0, 0.0, 0.0)
        var count = 0
        var broken = false
        repeat {
            let next = scanner.peek()
            if next == UInt8(ascii: "-") || (next.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false) {
                let (value, _) = try scanner.readNumber()
                if !value.isFinite {
                    report(.numberOutOfRange, at: coordinatesPointer.appending(path + [count]), "the number is too large for a coordinate")
                    broken = true
                }
                switch count {
                case 0: values.0 = value
                case 1: values.1 = value
                case 2: values.2 = value
                default: break
                }
            } else {
                _ = try scanner.readValue(depth: depth + 1)
                report(.wrongType, at: coordinatesPointer.appending(path + [count]), "a position must hold numbers only")
                broken = true
            }
            count += 1
        } while try scanner.nextElement(closer: UInt8(ascii: "]"), "in a position")
        if count < 2 {
            report(.invalidPosition, at: coordinatesPointer.appending(path), "a position needs at least two numbers, longitude and latitude")
            return .broken
        }
        if count > 3 {
            report(.extraDimensions, at: coordinatesPointer.appending(path),
                   "the position has \(count) numbers; only x, y and z are used (RFC 7946 §3.1.1)", severity: .warning)
        }
        if broken { return .broken }
        return .position(store.append(values.0, values.1, count >= 3 ? values.2 : nil))
    }

    // MARK: Problems

    private mutating func report(_ code: ProblemCode, at pointer: JSONPointer, _ message: String,
                                 severity: Severity = .error, feature: Int? = nil) {
        problems.append(Problem(severity: severity, code: code, file: file, feature: feature ?? currentFeature,
                                pointer: pointer, message: message))
    }
}

extension GeometryType {
    /// The type for a GeoJSON `type` name (case-sensitive, as RFC 7946 requires).
    init?(geoJSONType name: String) {
        guard let type = GeometryType(rawValue: name), type != .linearRing else { return nil }
        self = type
    }
}

/// The two halves of a `features` array being read at once, each by its own parser.
private final class TwoReaders: @unchecked Sendable {
    var first: GeoJSONParser
    var second: GeoJSONParser
    var firstFeatures: [FeatureDraft] = []
    var secondFeatures: [FeatureDraft] = []
    var firstFailure: JSONFailure?
    var secondFailure: JSONFailure?
    /// Whether the first reader met the array's end before the split.
    var firstEndedArray = false

    init(first: GeoJSONParser, second: GeoJSONParser) {
        self.first = first
        self.second = second
    }

    /// Reads from the array's start until the next element would start at or past `split`.
    func readFirst(until split: Int, at pointer: JSONPointer, depth: Int) {
        do throws(JSONFailure) {
            repeat {
                firstFeatures.append(try first.readFeatureForSplit(index: firstFeatures.count, at: pointer, depth: depth))
                guard try first.scanner.nextElement(closer: UInt8(ascii: "]"), "in the features array") else {
                    firstEndedArray = true
                    return
                }
                first.scanner.skipWhitespace()
            } while first.scanner.position < split
        } catch {
            firstFailure = error
        }
    }

    /// Reads from the split to the array's end, numbering features from 0.
    func readSecond(at pointer: JSONPointer, depth: Int) {
        do throws(JSONFailure) {
            repeat {
                secondFeatures.append(try second.readFeatureForSplit(index: secondFeatures.count, at: pointer, depth: depth))
            } while try second.scanner.nextElement(closer: UInt8(ascii: "]"), "in the features array")
        } catch {
            secondFailure = error
        }
    }
}

extension FeatureDraft {
    /// The draft renumbered `base` places later in the `features` array.
    func shifted(by base: Int) -> FeatureDraft {
        var copy = self
        copy.feature.index += base
        copy.pointer = pointer.shiftingFeature(by: base)
        copy.geometryPointer = geometryPointer.shiftingFeature(by: base)
        return copy
    }
}

extension Problem {
    /// The problem renumbered `base` places later in the `features` array.
    func shifted(by base: Int) -> Problem {
        var copy = self
        copy.feature = feature.map { $0 + base }
        copy.place = .pointer(pointer.shiftingFeature(by: base))
        return copy
    }
}

extension JSONPointer {
    /// `/features/N/…` with N increased by `base`; other pointers unchanged.
    func shiftingFeature(by base: Int) -> JSONPointer {
        guard tokens.count >= 2, tokens[0] == "features", let index = Int(tokens[1]) else { return self }
        var tokens = self.tokens
        tokens[1] = String(index + base)
        return JSONPointer(tokens)
    }
}

import Foundation
import ZoneGeometry
import ZoneProjection

/// The review's map as SVG, drawn in the review's projected CRS (metres, not degrees): zones
/// filled by kind, communes as outlines, corridors as lines, conflicting overlaps hatched red,
/// coverage gaps outlined, labels placed so they do not pile up, a legend, a scale bar, a north
/// arrow and the CRS named.
public struct ReviewMap {
    /// Width of the map frame in pixels; the height follows the data's shape.
    public var frameWidth: Double = 1000

    public init() {}

    /// Fill colours of the common zone kinds; other kinds get grey.
    static let kindColours: [String: String] = [
        "economic_zone": "#f4a261", "industrial_park": "#7b2cbf", "specialized_economic_zone": "#2a9d8f",
        "free_trade_zone": "#e9c46a", "logistics_centre": "#577590", "urban_area": "#e76f51", "tourism_area": "#90be6d",
    ]
    static let corridorStyles: [CorridorKind: (colour: String, width: Double, dash: String?)] = [
        .expressway: ("#c1121f", 3.2, nil), .road: ("#6c757d", 2.2, nil), .rail: ("#222222", 2, "6 3"),
        .waterway: ("#1d70b8", 2.4, nil), .channel: ("#48cae4", 1.8, "5 3"), .bridge: ("#111111", 3.6, nil),
    ]

    /// The map of `review` as a standalone SVG document.
    public func svg(_ review: PlanningReview) throws -> String {
        let toMap = try Transformer(from: .wgs84, to: review.crs)
        func project(_ geometry: Geometry) throws -> Geometry { try toMap.transform(geometry) }
        let zones = try review.zones.sorted { try Geodesic.wgs84.area(of: $0.geometry) > Geodesic.wgs84.area(of: $1.geometry) }
        let zoneShapes = try zones.map { try project($0.geometry) }
        let communeShapes = try review.communes.map { try project($0.geometry) }
        let corridorShapes = try review.corridors.map { try project($0.geometry) }
        // Conflicting zone overlaps and overlapping communes are both hatched.
        let overlapPairs = review.conflicts + (review.coverage?.overlaps ?? [])
        let conflictShapes = try overlapPairs.map { try project($0.geometry) }
        let gapShapes = try (review.coverage?.gaps ?? []).map { try project($0.geometry) }

        guard var extent = (zoneShapes + communeShapes + corridorShapes).compactMap(\.envelope)
            .reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else {
            return Self.empty
        }
        extent = extent.expanded(by: max(extent.width, extent.height) * 0.03)
        var frame = Frame(extent: extent, width: frameWidth)
        if frame.height > 900 { frame = Frame(extent: extent, width: frameWidth * 900 / frame.height) }

        var svg = SVGBuilder()
        let legendX = frame.x + frame.width + 24
        let totalWidth = legendX + 280, totalHeight = max(frame.y + frame.height + 70, 560)
        svg.open("""
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(totalWidth))" height="\(n(totalHeight))" \
            viewBox="0 0 \(n(totalWidth)) \(n(totalHeight))" font-family="DejaVu Sans, Arial, sans-serif" \
            data-crs="\(review.crs.definition)" data-extent="\(extent.minX) \(extent.minY) \(extent.maxX) \(extent.maxY)" \
            data-frame="\(n(frame.x)) \(n(frame.y)) \(n(frame.width)) \(n(frame.height))">
            """)
        svg.line("""
            <defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="8" height="8" fill="#e63946" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="8" stroke="#d00000" stroke-width="3"/></pattern>\
            <clipPath id="frame-clip"><rect x="\(n(frame.x))" y="\(n(frame.y))" width="\(n(frame.width))" height="\(n(frame.height))"/></clipPath></defs>
            """)
        svg.line("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        svg.line("<text x=\"\(n(frame.x))\" y=\"26\" font-size=\"18\" font-weight=\"bold\">\(xml(review.title))</text>")
        svg.line("<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" fill=\"#f7fbff\" stroke=\"#333\" stroke-width=\"1\"/>")
        svg.open("<g id=\"map\" clip-path=\"url(#frame-clip)\">")

        svg.open("<g id=\"communes\" fill=\"#ffffff\" fill-opacity=\"0.6\" stroke=\"#7a7a7a\" stroke-width=\"0.7\">")
        for (commune, shape) in zip(review.communes, communeShapes) {
            svg.line("<path id=\"commune-\(ReviewAnchors.slug(commune.id))\" class=\"commune\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(xml(commune.name))</title></path>")
        }
        svg.close("</g>")
        svg.open("<g id=\"zones\" fill-opacity=\"0.5\" stroke-width=\"1.2\">")
        for (zone, shape) in zip(zones, zoneShapes) {
            let colour = Self.kindColours[zone.kind.rawValue] ?? "#9e9e9e"
            svg.line("<path id=\"zone-\(ReviewAnchors.slug(zone.id))\" class=\"zone\" data-kind=\"\(xml(zone.kind.rawValue))\" fill=\"\(colour)\" stroke=\"\(colour)\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(xml(zone.name))</title></path>")
        }
        svg.close("</g>")
        svg.open("<g id=\"gaps\" fill=\"#ffb703\" stroke=\"#fb8500\" stroke-width=\"1.5\">")
        for shape in gapShapes { svg.line("<path class=\"gap\" d=\"\(try frame.path(shape))\"/>") }
        svg.close("</g>")
        svg.open("<g id=\"overlaps\" fill=\"url(#hatch)\" stroke=\"#d00000\" stroke-width=\"1.5\">")
        for (pair, shape) in zip(overlapPairs, conflictShapes) {
            svg.line("<path class=\"overlap\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(xml(pair.a.name)) × \(xml(pair.b.name))</title></path>")
        }
        svg.close("</g>")
        svg.open("<g id=\"corridors\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">")
        for (corridor, shape) in zip(review.corridors, corridorShapes) {
            let style = Self.corridorStyles[corridor.kind] ?? ("#444444", 2, nil)
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            svg.line("<path id=\"corridor-\(ReviewAnchors.slug(corridor.id))\" class=\"corridor\" data-kind=\"\(corridor.kind.rawValue)\" stroke=\"\(style.colour)\" stroke-width=\"\(style.width)\"\(dash) d=\"\(try frame.path(shape))\"><title>\(xml(corridor.name))</title></path>")
        }
        svg.close("</g>")

        // Labels: zones first (largest first), then corridors and communes where room is left.
        var labels = LabelPlacer(bounds: frame.box)
        svg.open("<g id=\"labels\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\">")
        for (zone, shape) in zip(zones, zoneShapes) {
            guard let anchor = try shape.pointOnSurface().point else { continue }
            if let placed = labels.place(zone.name, at: frame.pixel(anchor), size: 12) {
                svg.line("<text class=\"label zone-label\" x=\"\(n(placed.x))\" y=\"\(n(placed.y))\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1b1b1b\">\(xml(zone.name))</text>")
            }
        }
        for (corridor, shape) in zip(review.corridors, corridorShapes) {
            guard let anchor = try Self.midpoint(shape) else { continue }
            if let placed = labels.place(corridor.name, at: frame.pixel(anchor), size: 10) {
                svg.line("<text class=\"label corridor-label\" x=\"\(n(placed.x))\" y=\"\(n(placed.y))\" font-size=\"10\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#333\">\(xml(corridor.name))</text>")
            }
        }
        for (commune, shape) in zip(review.communes, communeShapes) {
            guard let anchor = try shape.pointOnSurface().point else { continue }
            if let placed = labels.place(commune.name, at: frame.pixel(anchor), size: 9, tries: 1) {
                svg.line("<text class=\"label commune-label\" x=\"\(n(placed.x))\" y=\"\(n(placed.y))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#666\">\(xml(commune.name))</text>")
            }
        }
        svg.close("</g>")
        svg.close("</g>")

        northArrow(&svg, frame)
        scaleBar(&svg, frame)
        svg.line("<text id=\"crs\" x=\"\(n(frame.x))\" y=\"\(n(frame.y + frame.height + 56))\" font-size=\"11\" fill=\"#333\">Projection: \(xml(review.crs.name)) (\(review.crs.definition)); distances and areas in metres</text>")
        legend(&svg, review, zones: zones, x: legendX, y: frame.y)
        svg.close("</svg>")
        return svg.text
    }

    /// A nice round length near a fifth of the frame, drawn as four alternating segments.
    private func scaleBar(_ svg: inout SVGBuilder, _ frame: Frame) {
        let target = frame.extent.width * 0.2
        let power = pow(10, (log10(target)).rounded(.down))
        let metres = [5.0, 2, 1].map { $0 * power }.first { $0 <= target } ?? power
        let length = metres * frame.scale
        let x = frame.x, y = frame.y + frame.height + 18
        svg.open("<g id=\"scale-bar\" data-metres=\"\(Int(metres))\">")
        for k in 0..<4 {
            svg.line("<rect x=\"\(n(x + length * Double(k) / 4))\" y=\"\(n(y))\" width=\"\(n(length / 4))\" height=\"6\" fill=\"\(k % 2 == 0 ? "#222" : "#fff")\" stroke=\"#222\" stroke-width=\"0.8\"/>")
        }
        svg.line("<line id=\"scale-bar-length\" x1=\"\(n(x))\" y1=\"\(n(y + 6))\" x2=\"\(n(x + length))\" y2=\"\(n(y + 6))\" stroke=\"#222\" stroke-width=\"0.8\"/>")
        for (k, label) in ["0", Self.distance(metres / 2), Self.distance(metres)].enumerated() {
            svg.line("<text x=\"\(n(x + length * Double(k) / 2))\" y=\"\(n(y + 20))\" font-size=\"11\" text-anchor=\"middle\">\(label)</text>")
        }
        svg.close("</g>")
    }

    private func northArrow(_ svg: inout SVGBuilder, _ frame: Frame) {
        let x = frame.x + frame.width - 30, y = frame.y + 16
        svg.open("<g id=\"north-arrow\">")
        svg.line("<path d=\"M \(n(x)) \(n(y)) L \(n(x + 10)) \(n(y + 30)) L \(n(x)) \(n(y + 23)) L \(n(x - 10)) \(n(y + 30)) Z\" fill=\"#222\"/>")
        svg.line("<text x=\"\(n(x))\" y=\"\(n(y + 46))\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">N</text>")
        svg.close("</g>")
    }

    private func legend(_ svg: inout SVGBuilder, _ review: PlanningReview, zones: [Zone], x: Double, y: Double) {
        svg.open("<g id=\"legend\" font-size=\"12\">")
        svg.line("<text x=\"\(n(x))\" y=\"\(n(y + 12))\" font-size=\"14\" font-weight=\"bold\">Legend</text>")
        var row = y + 34
        func entry(_ swatch: String, _ label: String, kind: String) {
            svg.line("<g class=\"legend-entry\" data-kind=\"\(xml(kind))\">\(swatch)<text x=\"\(n(x + 32))\" y=\"\(n(row + 5))\">\(xml(label))</text></g>")
            row += 22
        }
        var kinds: [String] = []
        for zone in zones where !kinds.contains(zone.kind.rawValue) { kinds.append(zone.kind.rawValue) }
        for kind in kinds {
            let colour = Self.kindColours[kind] ?? "#9e9e9e"
            entry("<rect x=\"\(n(x))\" y=\"\(n(row - 6))\" width=\"24\" height=\"14\" fill=\"\(colour)\" fill-opacity=\"0.5\" stroke=\"\(colour)\"/>",
                  Self.readable(kind), kind: kind)
        }
        if !review.communes.isEmpty {
            entry("<rect x=\"\(n(x))\" y=\"\(n(row - 6))\" width=\"24\" height=\"14\" fill=\"#fff\" stroke=\"#7a7a7a\"/>", "Commune / ward boundary", kind: "commune")
        }
        var corridorKinds: [CorridorKind] = []
        for corridor in review.corridors where !corridorKinds.contains(corridor.kind) { corridorKinds.append(corridor.kind) }
        for kind in corridorKinds {
            let style = Self.corridorStyles[kind] ?? ("#444444", 2, nil)
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            entry("<line x1=\"\(n(x))\" y1=\"\(n(row + 1))\" x2=\"\(n(x + 24))\" y2=\"\(n(row + 1))\" stroke=\"\(style.colour)\" stroke-width=\"\(style.width)\"\(dash)/>",
                  Self.readable(kind.rawValue), kind: kind.rawValue)
        }
        if !review.conflicts.isEmpty || !(review.coverage?.overlaps.isEmpty ?? true) {
            entry("<rect x=\"\(n(x))\" y=\"\(n(row - 6))\" width=\"24\" height=\"14\" fill=\"url(#hatch)\" stroke=\"#d00000\"/>", "Overlap", kind: "overlap")
        }
        if !(review.coverage?.gaps.isEmpty ?? true) {
            entry("<rect x=\"\(n(x))\" y=\"\(n(row - 6))\" width=\"24\" height=\"14\" fill=\"#ffb703\" stroke=\"#fb8500\"/>", "Gap between communes", kind: "gap")
        }
        svg.close("</g>")
    }

    /// "industrial_park" → "Industrial park".
    static func readable(_ kind: String) -> String {
        let words = kind.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func distance(_ metres: Double) -> String {
        metres >= 1000 ? "\(Self.trim(metres / 1000)) km" : "\(Self.trim(metres)) m"
    }

    private static func trim(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The middle vertex of a line, for its label.
    private static func midpoint(_ line: Geometry) throws -> Coordinate? {
        var points: [Coordinate] = []
        try line.forEachPath { path in
            if points.isEmpty, path.x.count > 0 { points.append(Coordinate(path.x[path.x.count / 2], path.y[path.x.count / 2])) }
        }
        return points.first
    }

    private static let empty = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\"><text x=\"10\" y=\"30\">Nothing to map</text></svg>\n"
}

/// The map frame: projected metres to pixels, y pointing down.
struct Frame {
    let extent: Envelope
    let x = 20.0, y = 40.0
    let width: Double
    let height: Double
    /// Pixels per metre.
    let scale: Double

    init(extent: Envelope, width: Double) {
        self.extent = extent
        self.width = width
        scale = width / extent.width
        height = extent.height * scale
    }

    var box: (minX: Double, minY: Double, maxX: Double, maxY: Double) { (x, y, x + width, y + height) }

    func pixel(_ c: Coordinate) -> (x: Double, y: Double) {
        (x + (c.x - extent.minX) * scale, y + (extent.maxY - c.y) * scale)
    }

    /// SVG path data for the rings and lines of a projected geometry.
    func path(_ geometry: Geometry) throws -> String {
        var d = ""
        try geometry.forEachPath { path in
            for i in 0..<path.x.count {
                let p = pixel(Coordinate(path.x[i], path.y[i]))
                d += (i == 0 ? "M" : "L") + n(p.x) + " " + n(p.y)
            }
            if path.role != .line { d += "Z" }
        }
        return d
    }
}

/// Greedy label placement: each label takes the first of a few spots near its anchor that stays in
/// the frame and clear of the labels already placed; otherwise it is left out.
struct LabelPlacer {
    let bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    private var taken: [(Double, Double, Double, Double)] = []

    init(bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)) {
        self.bounds = bounds
    }

    /// The baseline centre for the label, or `nil` when it does not fit.
    mutating func place(_ text: String, at anchor: (x: Double, y: Double), size: Double, tries: Int = 5) -> (x: Double, y: Double)? {
        let width = Double(text.count) * size * 0.56, height = size * 1.2
        let offsets: [(Double, Double)] = [(0, 0), (0, -height), (0, height), (width / 2 + 6, 0), (-width / 2 - 6, 0)]
        for (dx, dy) in offsets.prefix(tries) {
            let cx = anchor.x + dx, cy = anchor.y + dy
            let box = (cx - width / 2 - 2, cy - height / 2 - 2, cx + width / 2 + 2, cy + height / 2 + 2)
            guard box.0 >= bounds.minX, box.2 <= bounds.maxX, box.1 >= bounds.minY, box.3 <= bounds.maxY else { continue }
            if taken.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) { continue }
            taken.append(box)
            return (cx, cy + size * 0.35)
        }
        return nil
    }
}

/// Accumulates SVG text with indentation.
struct SVGBuilder {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ content: String) {
        line(content)
        depth += 1
    }

    mutating func close(_ content: String) {
        depth -= 1
        line(content)
    }
}

/// A pixel value with one decimal.
func n(_ value: Double) -> String {
    String(format: "%.1f", value)
}

/// Text escaped for XML and HTML.
func xml(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

/// Anchors shared by the map and the page, so a problem can link to its feature.
enum ReviewAnchors {
    static func slug(_ id: String) -> String {
        String(id.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_")) ? c : "_"
        })
    }
}

extension PlanningReview {
    /// The map and page title.
    var title: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return "ZoneAtlas planning review — \(formatter.string(from: date))"
    }
}

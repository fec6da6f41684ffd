import Foundation
import ZoneGeometry
import ZoneProjection

/// The review's static map as SVG, for print and PDF, drawn in the review's projected CRS (metres,
/// not degrees): zones filled by kind, communes as outlines, corridors as lines, conflicting
/// overlaps hatched red, coverage gaps in orange, labels that keep off small features and the
/// north arrow (with leader lines where a name is wider than its feature), a legend, a scale bar,
/// a north arrow and the CRS named. The frame shows the main body of the data; outlying parts (an
/// island far offshore) get insets. Geometry comes simplified (``DisplayShapes``).
struct ReviewMap {
    /// Width of the map frame in pixels; the height follows the data's shape.
    var frameWidth: Double = 1000
    /// Beyond this many zones, the zones of a kind are drawn as one path (no tooltip per zone).
    var zonesDrawnOneByOne = 2_000
    /// At most this many zone labels are tried, largest zones first.
    var zoneLabelLimit = 300

    init() {}

    /// Fill colours of the common zone kinds; other kinds get grey.
    static let kindColours: [String: String] = [
        "economic_zone": "#f4a261", "industrial_park": "#7b2cbf", "specialized_economic_zone": "#2a9d8f",
        "free_trade_zone": "#e9c46a", "logistics_centre": "#577590", "urban_area": "#e76f51", "tourism_area": "#90be6d",
    ]
    static func colour(kind: String) -> String { kindColours[kind] ?? "#9e9e9e" }

    static let corridorStyles: [CorridorKind: (colour: String, width: Double, dash: String?)] = [
        .expressway: ("#c1121f", 3.2, nil), .road: ("#6c757d", 2.2, nil), .rail: ("#222222", 2, "6 3"),
        .waterway: ("#1d70b8", 2.4, nil), .channel: ("#48cae4", 1.8, "5 3"), .bridge: ("#111111", 3.6, nil),
    ]
    static func style(_ kind: CorridorKind) -> (colour: String, width: Double, dash: String?) { corridorStyles[kind] ?? ("#444444", 2, nil) }

    /// Everything drawn, projected once.
    struct Shapes {
        var zones: [(feature: Zone, shape: Geometry)]
        var communes: [(feature: Commune, shape: Geometry)]
        var corridors: [(feature: Corridor, shape: Geometry)]
        var overlaps: [(pair: OverlapReport.Pair, shape: Geometry)]
        var gaps: [Geometry]
    }

    /// The map of `review` as a standalone SVG document, drawn from its `display` shapes.
    /// - Throws: an ``AnalysisError`` naming the feature PROJ could not project, or GEOS's failure.
    func svg(_ review: PlanningReview, display: DisplayShapes) throws(AnalysisError) -> String {
        let toMap = try analysing { () throws(ProjectionError) in try Transformer(from: .wgs84, to: review.crs) }
        func project(_ geometries: [Geometry], _ features: [any RegistryFeature]) throws(AnalysisError) -> [Geometry] {
            try analysingInParallel(count: geometries.count, chunkSize: 32, feature: { $0 < features.count ? features[$0] : nil }) {
                k throws(ProjectionError) in try toMap.transform(geometries[k])
            }
        }
        // Largest zones first, so small ones are drawn on top; areas measured once, by the area report.
        let zoneArea = Dictionary(review.areas.rows.filter { $0.layer == .zones }.map { ($0.id, $0.geodesicAreaSquareMetres) },
                                  uniquingKeysWith: { a, _ in a })
        let order = review.zones.indices.map { (index: $0, area: zoneArea[review.zones[$0].id] ?? 0) }.sorted { $0.area > $1.area }.map(\.index)
        let zones = order.map { review.zones[$0] }
        let shapes = Shapes(
            zones: Array(zip(zones, try project(order.map { display.zones[$0] }, zones))),
            communes: Array(zip(review.communes, try project(display.communes, review.communes))),
            corridors: Array(zip(review.corridors, try project(display.corridors, review.corridors))),
            overlaps: Array(zip(review.overlapPairs, try project(display.overlaps, review.overlapPairs.map(\.a)))),
            gaps: try project(display.gaps, []))
        return try analysing { () throws(GeometryError) in try draw(shapes, review: review) }
    }

    /// The SVG document of the projected `shapes`.
    private func draw(_ shapes: Shapes, review: PlanningReview) throws(GeometryError) -> String {
        let areal = shapes.zones.map(\.shape) + shapes.communes.map(\.shape)
        let placed = areal.isEmpty ? shapes.corridors.map(\.shape) : areal
        let envelopes = placed.compactMap(\.envelope)
        guard let body = MainBody(envelopes: envelopes, weights: envelopes.map { $0.width * $0.height }) else { return Self.empty }
        let extent = body.main.expanded(by: max(body.main.width, body.main.height) * 0.03)
        var frame = Frame(extent: extent, x: 20, y: 40, width: frameWidth)
        if frame.height > 900 { frame = Frame(extent: extent, x: 20, y: 40, width: frameWidth * 900 / frame.height) }

        let legendX = frame.x + frame.width + 24
        let totalWidth = legendX + 290, totalHeight = max(frame.y + frame.height + 70, 600)
        var svg: Markup = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(totalWidth, places: 0)" height="\(totalHeight, places: 0)" \
            viewBox="0 0 \(totalWidth, places: 0) \(totalHeight, places: 0)" font-family="DejaVu Sans, Arial, sans-serif" \
            data-crs="\(review.crs.definition)" data-extent="\(extent.minX, places: 2) \(extent.minY, places: 2) \(extent.maxX, places: 2) \(extent.maxY, places: 2)" \
            data-frame="\(frame.x, places: 1) \(frame.y, places: 1) \(frame.width, places: 1) \(frame.height, places: 1)">
            <defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="8" height="8" fill="#e63946" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="8" stroke="#d00000" stroke-width="3"/></pattern>\
            <clipPath id="frame-clip">\(frame.rect())</clipPath></defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(frame.x, places: 1)" y="26" font-size="18" font-weight="bold">\(review.title)</text>
            <rect x="\(frame.x, places: 1)" y="\(frame.y, places: 1)" width="\(frame.width, places: 1)" height="\(frame.height, places: 1)" fill="#f7fbff" stroke="#333" stroke-width="1"/>

            """
        svg += "<g id=\"map\" clip-path=\"url(#frame-clip)\">\n"
        svg += try layers(shapes, review: review, frame: frame, detailed: true)

        // Labels keep off the north arrow, the insets and small features.
        var labels = LabelPlacer(bounds: frame.box)
        let arrow = NorthArrow(frame: frame)
        labels.reserve(arrow.box)
        let insets = try Inset.layout(body.outlying.prefix(2), frame: frame, shapes: shapes, review: review)
        for inset in insets { labels.reserve(inset.box) }
        svg += try self.labels(shapes, review: review, frame: frame, placer: &labels)
        svg += "</g>\n"
        for inset in insets { svg += try inset.markup(self, shapes: shapes, review: review, mainFrame: frame, mainBody: body.main) }
        svg += arrow.markup
        svg += scaleBar(frame)
        svg += """
            <text id="crs" x="\(frame.x, places: 1)" y="\(frame.y + frame.height + 56, places: 1)" font-size="11" fill="#333">\
            Projection: \(review.crs.name) (\(review.crs.definition)); distances and areas in metres</text>

            """
        svg += legend(review, zones: shapes.zones.map(\.feature), x: legendX, y: frame.y)
        svg += "</svg>\n"
        return svg.text
    }

    /// Communes, zones, gaps, overlaps and corridors, in that order, drawn in `frame`.
    func layers(_ shapes: Shapes, review: PlanningReview, frame: Frame, detailed: Bool) throws(GeometryError) -> Markup {
        var svg: Markup = "<g class=\"communes\" fill=\"#ffffff\" fill-opacity=\"0.6\" stroke=\"#7a7a7a\" stroke-width=\"0.7\">\n"
        for (commune, shape) in shapes.communes where frame.shows(shape) {
            let id: Markup = detailed ? " id=\"commune-\(ReviewAnchors.slug(commune.id))\"" : ""
            svg += "<path\(id) class=\"commune\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(review.title(commune))</title></path>\n"
        }
        svg += "</g>\n<g class=\"zones\" fill-opacity=\"0.5\" stroke-width=\"1.2\">\n"
        if shapes.zones.count > zonesDrawnOneByOne {
            // One path per kind: tens of thousands of elements would make the file slow to open.
            var kinds: [String] = []
            for (zone, _) in shapes.zones where !kinds.contains(zone.kind.rawValue) { kinds.append(zone.kind.rawValue) }
            for kind in kinds {
                var d = ""
                for (zone, shape) in shapes.zones where zone.kind.rawValue == kind && frame.shows(shape) { d += try frame.path(shape).text }
                svg += "<path class=\"zones-of-kind\" data-kind=\"\(kind)\" fill=\"\(Self.colour(kind: kind))\" stroke=\"\(Self.colour(kind: kind))\" fill-rule=\"evenodd\" d=\"\(Markup(raw: d))\"/>\n"
            }
        } else {
            for (zone, shape) in shapes.zones where frame.shows(shape) {
                let colour = Self.colour(kind: zone.kind.rawValue)
                let id: Markup = detailed ? " id=\"zone-\(ReviewAnchors.slug(zone.id))\"" : ""
                svg += "<path\(id) class=\"zone\" data-kind=\"\(zone.kind.rawValue)\" fill=\"\(colour)\" stroke=\"\(colour)\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(review.title(zone))</title></path>\n"
            }
        }
        svg += "</g>\n<g class=\"gaps\" fill=\"#ffb703\" stroke=\"#fb8500\" stroke-width=\"1.5\">\n"
        for shape in shapes.gaps where frame.shows(shape) { svg += "<path class=\"gap\" d=\"\(try frame.path(shape))\"/>\n" }
        svg += "</g>\n<g class=\"overlaps\" fill=\"url(#hatch)\" stroke=\"#d00000\" stroke-width=\"1.5\">\n"
        for (pair, shape) in shapes.overlaps where frame.shows(shape) {
            svg += "<path class=\"overlap\" fill-rule=\"evenodd\" d=\"\(try frame.path(shape))\"><title>\(pair.a.name) × \(pair.b.name)</title></path>\n"
        }
        svg += "</g>\n<g class=\"corridors\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n"
        for (corridor, shape) in shapes.corridors where frame.shows(shape) {
            let style = Self.style(corridor.kind)
            let dash: Markup = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            let id: Markup = detailed ? " id=\"corridor-\(ReviewAnchors.slug(corridor.id))\"" : ""
            svg += "<path\(id) class=\"corridor\" data-kind=\"\(corridor.kind.rawValue)\" stroke=\"\(style.colour)\" stroke-width=\"\(style.width, places: 1)\"\(dash) d=\"\(try frame.path(shape))\"><title>\(review.title(corridor))</title></path>\n"
        }
        return svg + "</g>\n"
    }

    /// Zone labels (largest zones first), then corridors and communes where room is left. A name
    /// wider than its zone goes beside it with a leader line, never over it.
    private func labels(_ shapes: Shapes, review: PlanningReview, frame: Frame, placer: inout LabelPlacer) throws(GeometryError) -> Markup {
        // Small zones are obstacles: no label may cover them.
        for (_, shape) in shapes.zones.prefix(zoneLabelLimit) {
            if let box = frame.box(of: shape), box.maxX - box.minX < 60 || box.maxY - box.minY < 30 { placer.reserve(box) }
        }
        var svg: Markup = "<g id=\"labels\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\">\n"
        for (zone, shape) in shapes.zones.prefix(zoneLabelLimit) {
            guard let name = review.label(zone), let box = frame.box(of: shape), let anchor = try shape.pointOnSurface().point else { continue }
            let p = frame.pixel(anchor)
            guard let spot = placer.place(name, anchor: p, feature: box, size: 12, bold: true) else { continue }
            if spot.leader {
                svg += "<line class=\"leader\" x1=\"\(spot.edge.x, places: 1)\" y1=\"\(spot.edge.y, places: 1)\" x2=\"\(p.x, places: 1)\" y2=\"\(p.y, places: 1)\" stroke=\"#333\" stroke-width=\"0.8\"/>\n"
            }
            svg += "<text class=\"label zone-label\" x=\"\(spot.x, places: 1)\" y=\"\(spot.y, places: 1)\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1b1b1b\">\(name)</text>\n"
        }
        for (corridor, shape) in shapes.corridors {
            guard let name = review.label(corridor), let anchor = try Self.midpoint(shape) else { continue }
            if let spot = placer.placeInside(name, at: frame.pixel(anchor), size: 10, tries: 5) {
                svg += "<text class=\"label corridor-label\" x=\"\(spot.x, places: 1)\" y=\"\(spot.y, places: 1)\" font-size=\"10\" font-style=\"italic\" text-anchor=\"middle\" fill=\"#333\">\(name)</text>\n"
            }
        }
        for (commune, shape) in shapes.communes {
            // A commune's name only where it fits inside the commune's box (checked before GEOS finds a point inside).
            guard let box = frame.box(of: shape), box.maxX - box.minX > 30, box.intersects(frame.box), let name = review.label(commune),
                  TextWidth.of(name, size: 9) < box.maxX - box.minX, let anchor = try shape.pointOnSurface().point else { continue }
            if let spot = placer.placeInside(name, at: frame.pixel(anchor), size: 9, tries: 1) {
                svg += "<text class=\"label commune-label\" x=\"\(spot.x, places: 1)\" y=\"\(spot.y, places: 1)\" font-size=\"9\" text-anchor=\"middle\" fill=\"#666\">\(name)</text>\n"
            }
        }
        return svg + "</g>\n"
    }

    /// A nice round length near a fifth of the frame, drawn as four alternating segments.
    private func scaleBar(_ frame: Frame) -> Markup {
        let target = frame.extent.width * 0.2
        let power = pow(10, (log10(target)).rounded(.down))
        let metres = [5.0, 2, 1].map { $0 * power }.first { $0 <= target } ?? power
        let length = metres * frame.scale
        let x = frame.x, y = frame.y + frame.height + 18
        var svg: Markup = "<g id=\"scale-bar\" data-metres=\"\(Int(metres))\">\n"
        for k in 0..<4 {
            svg += "<rect x=\"\(x + length * Double(k) / 4, places: 1)\" y=\"\(y, places: 1)\" width=\"\(length / 4, places: 1)\" height=\"6\" fill=\"\(k % 2 == 0 ? "#222" : "#fff")\" stroke=\"#222\" stroke-width=\"0.8\"/>\n"
        }
        svg += "<line id=\"scale-bar-length\" x1=\"\(x, places: 1)\" y1=\"\(y + 6, places: 1)\" x2=\"\(x + length, places: 1)\" y2=\"\(y + 6, places: 1)\" stroke=\"#222\" stroke-width=\"0.8\"/>\n"
        for (k, label) in ["0", Self.distance(metres / 2), Self.distance(metres)].enumerated() {
            svg += "<text x=\"\(x + length * Double(k) / 2, places: 1)\" y=\"\(y + 20, places: 1)\" font-size=\"11\" text-anchor=\"middle\">\(label)</text>\n"
        }
        return svg + "</g>\n"
    }

    private func legend(_ review: PlanningReview, zones: [Zone], x: Double, y: Double) -> Markup {
        var svg: Markup = "<g id=\"legend\" font-size=\"12\">\n<text x=\"\(x, places: 1)\" y=\"\(y + 12, places: 1)\" font-size=\"14\" font-weight=\"bold\">Legend</text>\n"
        var row = y + 34
        func entry(_ swatch: Markup, _ label: String, kind: String) {
            svg += "<g class=\"legend-entry\" data-kind=\"\(kind)\">\(swatch)<text x=\"\(x + 32, places: 1)\" y=\"\(row + 5, places: 1)\">\(label)</text></g>\n"
            row += 22
        }
        func box(_ fill: String, _ stroke: String, opacity: Double = 1) -> Markup {
            "<rect x=\"\(x, places: 1)\" y=\"\(row - 6, places: 1)\" width=\"24\" height=\"14\" fill=\"\(fill)\" fill-opacity=\"\(opacity, places: 1)\" stroke=\"\(stroke)\"/>"
        }
        var kinds: [String] = []
        for zone in zones where !kinds.contains(zone.kind.rawValue) { kinds.append(zone.kind.rawValue) }
        for kind in kinds { entry(box(Self.colour(kind: kind), Self.colour(kind: kind), opacity: 0.5), Self.readable(kind), kind: kind) }
        if !review.communes.isEmpty { entry(box("#fff", "#7a7a7a"), "Commune / ward boundary", kind: "commune") }
        var corridorKinds: [CorridorKind] = []
        for corridor in review.corridors where !corridorKinds.contains(corridor.kind) { corridorKinds.append(corridor.kind) }
        for kind in corridorKinds {
            let style = Self.style(kind)
            let dash: Markup = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            entry("<line x1=\"\(x, places: 1)\" y1=\"\(row + 1, places: 1)\" x2=\"\(x + 24, places: 1)\" y2=\"\(row + 1, places: 1)\" stroke=\"\(style.colour)\" stroke-width=\"\(style.width, places: 1)\"\(dash)/>",
                  Self.readable(kind.rawValue), kind: kind.rawValue)
        }
        if !review.conflicts.isEmpty || !(review.coverage?.overlaps.isEmpty ?? true) { entry(box("url(#hatch)", "#d00000"), "Overlap", kind: "overlap") }
        if !(review.coverage?.gaps.isEmpty ?? true) { entry(box("#ffb703", "#fb8500"), "Gap between communes", kind: "gap") }
        let sliverCount = review.sliverCount
        if sliverCount > 0 {
            svg += "<text class=\"sliver-note\" x=\"\(x, places: 1)\" y=\"\(row + 8, places: 1)\" font-size=\"11\" fill=\"#555\">\(sliverCount) slivers (\(review.sliverRule)) not drawn</text>\n"
        }
        return svg + "</g>\n"
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
    private static func midpoint(_ line: Geometry) throws(GeometryError) -> Coordinate? {
        var points: [Coordinate] = []
        try line.forEachPath { path in
            if points.isEmpty, path.x.count > 0 { points.append(Coordinate(path.x[path.x.count / 2], path.y[path.x.count / 2])) }
        }
        return points.first
    }

    private static let empty = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\"><text x=\"10\" y=\"30\">Nothing to map</text></svg>\n"
}

/// The north arrow in the frame's top right corner.
struct NorthArrow {
    let x: Double, y: Double

    init(frame: Frame) {
        x = frame.x + frame.width - 30
        y = frame.y + 16
    }

    var box: PixelBox { PixelBox(minX: x - 14, minY: y - 4, maxX: x + 14, maxY: y + 50) }

    var markup: Markup {
        """
        <g id="north-arrow"><rect x="\(box.minX, places: 1)" y="\(box.minY, places: 1)" width="28" height="54" fill="#ffffff" fill-opacity="0.8"/>\
        <path d="M \(x, places: 1) \(y, places: 1) L \(x + 10, places: 1) \(y + 30, places: 1) L \(x, places: 1) \(y + 23, places: 1) L \(x - 10, places: 1) \(y + 30, places: 1) Z" fill="#222"/>\
        <text x="\(x, places: 1)" y="\(y + 46, places: 1)" font-size="13" font-weight="bold" text-anchor="middle">N</text></g>

        """
    }
}

/// A box for an outlying part of the data (an island far offshore), in the frame's lower left
/// corner, drawn at its own scale with a caption saying what and where it is.
struct Inset {
    let box: PixelBox
    let frame: Frame
    let caption: String

    static func layout(_ outlying: ArraySlice<Envelope>, frame main: Frame, shapes: ReviewMap.Shapes,
                       review: PlanningReview) throws(GeometryError) -> [Inset] {
        var insets: [Inset] = []
        let size = 170.0
        for (k, envelope) in outlying.enumerated() {
            let extent = envelope.expanded(by: max(envelope.width, envelope.height, 200) * 0.15)
            let scale = min((size - 8) / extent.width, (size - 22) / extent.height)
            let width = extent.width * scale, height = extent.height * scale
            let x = main.x + 8 + Double(k) * (size + 8), y = main.y + main.height - 8 - size
            let frame = Frame(extent: extent, x: x + (size - width) / 2, y: y + 4 + (size - 22 - height) / 2, width: width)
            // Named by the features that lie in it.
            var names: [String] = []
            for (commune, shape) in shapes.communes where frame.contains(shape) { if let name = review.label(commune) { names.append(name) } }
            for (zone, shape) in shapes.zones where frame.contains(shape) { if let name = review.label(zone) { names.append(name) } }
            let caption = names.prefix(2).joined(separator: ", ") + (names.count > 2 ? " …" : "")
            insets.append(Inset(box: PixelBox(minX: x, minY: y, maxX: x + size, maxY: y + size), frame: frame, caption: caption))
        }
        return insets
    }

    func markup(_ map: ReviewMap, shapes: ReviewMap.Shapes, review: PlanningReview, mainFrame: Frame, mainBody: Envelope) throws(GeometryError) -> Markup {
        // Distance and bearing from the main body's centre to the inset's, in projected metres.
        let dx = (frame.extent.minX + frame.extent.maxX) / 2 - (mainBody.minX + mainBody.maxX) / 2
        let dy = (frame.extent.minY + frame.extent.maxY) / 2 - (mainBody.minY + mainBody.maxY) / 2
        let bearing = (atan2(dx, dy) * 180 / .pi + 360).truncatingRemainder(dividingBy: 360)
        let compass = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"][Int((bearing + 22.5) / 45) % 8]
        let note = "\(caption.isEmpty ? "Outlying part" : caption): \(ReviewMap.distance((hypot(dx, dy) / 1000).rounded() * 1000)) \(compass)"
        var svg: Markup = "<g class=\"inset\" data-extent=\"\(frame.extent.minX, places: 1) \(frame.extent.minY, places: 1) \(frame.extent.maxX, places: 1) \(frame.extent.maxY, places: 1)\">\n"
        let clip = "inset-clip-\(Int(box.minX))"
        svg += "<rect x=\"\(box.minX, places: 1)\" y=\"\(box.minY, places: 1)\" width=\"\(box.maxX - box.minX, places: 1)\" height=\"\(box.maxY - box.minY, places: 1)\" fill=\"#f7fbff\" stroke=\"#333\" stroke-width=\"1.2\"/>\n"
        svg += "<clipPath id=\"\(clip)\">\(frame.rect())</clipPath><g clip-path=\"url(#\(clip))\">\n"
        svg += try map.layers(shapes, review: review, frame: frame, detailed: false)
        svg += "</g>\n<text class=\"inset-caption\" x=\"\(box.minX + 4, places: 1)\" y=\"\(box.maxY - 6, places: 1)\" font-size=\"10\" fill=\"#222\">\(note)</text>\n"
        return svg + "</g>\n"
    }
}

/// A rectangle in pixels.
struct PixelBox {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    func intersects(_ other: PixelBox) -> Bool { minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY }
}

/// A map frame: projected metres to pixels, y pointing down.
struct Frame {
    let extent: Envelope
    let x: Double, y: Double
    let width: Double
    let height: Double
    /// Pixels per metre.
    let scale: Double

    init(extent: Envelope, x: Double, y: Double, width: Double) {
        self.extent = extent
        self.x = x
        self.y = y
        self.width = width
        scale = width / extent.width
        height = extent.height * scale
    }

    var box: PixelBox { PixelBox(minX: x, minY: y, maxX: x + width, maxY: y + height) }

    func rect() -> Markup {
        "<rect x=\"\(x, places: 1)\" y=\"\(y, places: 1)\" width=\"\(width, places: 1)\" height=\"\(height, places: 1)\"/>"
    }

    func pixel(_ c: Coordinate) -> (x: Double, y: Double) {
        (x + (c.x - extent.minX) * scale, y + (extent.maxY - c.y) * scale)
    }

    /// The pixel box of a projected geometry.
    func box(of geometry: Geometry) -> PixelBox? {
        geometry.envelope.map { e in
            let a = pixel(Coordinate(e.minX, e.maxY)), b = pixel(Coordinate(e.maxX, e.minY))
            return PixelBox(minX: a.x, minY: a.y, maxX: b.x, maxY: b.y)
        }
    }

    /// Whether any of the geometry falls in the frame.
    func shows(_ geometry: Geometry) -> Bool { box(of: geometry)?.intersects(box) ?? false }

    /// Whether the geometry lies wholly in the frame.
    func contains(_ geometry: Geometry) -> Bool {
        guard let e = geometry.envelope else { return false }
        return extent.minX <= e.minX && e.maxX <= extent.maxX && extent.minY <= e.minY && e.maxY <= extent.maxY
    }

    /// SVG path data for the rings and lines of a projected geometry, in pixels with one decimal.
    func path(_ geometry: Geometry) throws(GeometryError) -> Markup {
        var d = ""
        try geometry.forEachPath { path in
            for i in 0..<path.x.count {
                let p = pixel(Coordinate(path.x[i], path.y[i]))
                d += (i == 0 ? "M" : "L") + Markup.fixed(p.x, places: 1) + " " + Markup.fixed(p.y, places: 1)
            }
            if path.role != .line { d += "Z" }
        }
        return Markup(raw: d)
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

    /// Overlaps and gaps set aside as slivers.
    var sliverCount: Int {
        overlaps.slivers.count + (coverage.map { $0.overlapSlivers.count + $0.gapSlivers.count } ?? 0)
    }

    /// The sliver rule in words: "< 20 m wide or < 100 m²".
    var sliverRule: String {
        var parts: [String] = []
        if slivers.widthMetres > 0 { parts.append("< \(ReviewMap.distance(slivers.widthMetres)) wide") }
        if slivers.minimumAreaSquareMetres > 0 { parts.append(String(format: "< %.0f m²", slivers.minimumAreaSquareMetres)) }
        return parts.joined(separator: " or ")
    }
}

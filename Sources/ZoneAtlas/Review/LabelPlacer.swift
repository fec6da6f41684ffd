/// Greedy label placement: each label takes the first of a few spots near its anchor that stays in
/// the frame and clear of what is already there (labels, the north arrow, insets, small
/// features); otherwise it is left out. Widths come from ``TextWidth``.
struct LabelPlacer {
    let bounds: PixelBox
    private var taken: [PixelBox] = []

    init(bounds: PixelBox) {
        self.bounds = bounds
    }

    /// Keeps labels off `box`.
    mutating func reserve(_ box: PixelBox) { taken.append(box) }

    struct Spot {
        /// The baseline centre of the text.
        var x: Double, y: Double
        /// Whether the label stands beside its feature and needs a line to it.
        var leader: Bool
        /// Where the leader line leaves the label.
        var edge: (x: Double, y: Double)
    }

    /// A spot for the label of a feature whose pixel box is `feature`: on or near the anchor when
    /// the name fits inside the box, else beside the box (right, left, above, below, then the
    /// corners a little further out), with a leader line, so the label never covers its feature.
    mutating func place(_ text: String, anchor: (x: Double, y: Double), feature: PixelBox, size: Double, bold: Bool) -> Spot? {
        let width = TextWidth.of(text, size: size, bold: bold), height = size * 1.25
        // Inside a feature wide enough for it: at the anchor, or a line or two above or below, still in its box.
        if width + 4 <= feature.maxX - feature.minX, height + 2 <= feature.maxY - feature.minY {
            for dy in [0, -height, height, -2 * height, 2 * height] {
                let y = anchor.y + dy
                let x = min(max(anchor.x, feature.minX + width / 2 + 2), feature.maxX - width / 2 - 2)
                guard y - height / 2 >= feature.minY, y + height / 2 <= feature.maxY else { continue }
                if let spot = claim(centre: (x, y), width: width, height: height, size: size, leader: false, among: [PixelBox]()) { return spot }
            }
        }
        let gap = 10.0
        let centres: [(Double, Double)] = [
            (feature.maxX + gap + width / 2, anchor.y), (feature.minX - gap - width / 2, anchor.y),
            (anchor.x, feature.minY - gap - height / 2), (anchor.x, feature.maxY + gap + height / 2),
            (feature.maxX + gap + width / 2, feature.minY - gap - height / 2), (feature.minX - gap - width / 2, feature.minY - gap - height / 2),
            (feature.maxX + gap + width / 2, feature.maxY + gap + height / 2), (feature.minX - gap - width / 2, feature.maxY + gap + height / 2),
            (feature.maxX + 3 * gap + width / 2, anchor.y), (feature.minX - 3 * gap - width / 2, anchor.y),
        ]
        for centre in centres {
            if var spot = claim(centre: centre, width: width, height: height, size: size, leader: true, among: [feature]) {
                // The leader leaves the label's side facing the anchor.
                let box = (minX: centre.0 - width / 2, maxX: centre.0 + width / 2, minY: centre.1 - height / 2, maxY: centre.1 + height / 2)
                spot.edge = (min(max(anchor.x, box.minX), box.maxX), min(max(anchor.y, box.minY), box.maxY))
                return spot
            }
        }
        return nil
    }

    /// A spot centred at or just above, below or beside the anchor (for names of lines and large areas).
    mutating func placeInside(_ text: String, at anchor: (x: Double, y: Double), size: Double, tries: Int) -> Spot? {
        let width = TextWidth.of(text, size: size, bold: false), height = size * 1.25
        let offsets: [(Double, Double)] = [(0, 0), (0, -height), (0, height), (width / 2 + 6, 0), (-width / 2 - 6, 0)]
        for (dx, dy) in offsets.prefix(tries) {
            if let spot = claim(centre: (anchor.x + dx, anchor.y + dy), width: width, height: height, size: size, leader: false,
                                among: [PixelBox]()) {
                return spot
            }
        }
        return nil
    }

    private mutating func claim(centre: (x: Double, y: Double), width: Double, height: Double, size: Double, leader: Bool,
                                among extra: [PixelBox]) -> Spot? {
        let box = PixelBox(minX: centre.x - width / 2 - 2, minY: centre.y - height / 2 - 1, maxX: centre.x + width / 2 + 2, maxY: centre.y + height / 2 + 1)
        guard box.minX >= bounds.minX, box.maxX <= bounds.maxX, box.minY >= bounds.minY, box.maxY <= bounds.maxY else { return nil }
        if taken.contains(where: { $0.intersects(box) }) || extra.contains(where: { $0.intersects(box) }) { return nil }
        taken.append(box)
        return Spot(x: centre.x, y: centre.y + size * 0.35, leader: leader, edge: centre)
    }
}

/// The width of a line of text in DejaVu Sans (the map's first font), from the advance widths of
/// its glyph classes in em: narrow (i, l, punctuation, space), capitals and wide letters, the rest.
/// A letter with diacritics counts as a plain letter of its case.
enum TextWidth {
    static func of(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            // A precomposed Vietnamese letter (ệ, Ố) counts as its class: lower or upper case.
            let base = character
            switch base {
            case "i", "j", "l", "í", "ì", "'", ".", ",", ":", ";", "|", "!": ems += 0.28
            case " ", "f", "t", "r", "(", ")", "-", "–": ems += 0.36
            case "m", "w", "M", "W": ems += 0.92
            case "—", "…": ems += 0.9
            default: ems += base.isUppercase ? 0.72 : base.isNumber ? 0.64 : 0.61
            }
        }
        return ems * size * (bold ? 1.1 : 1)
    }
}

/// The named steps of a review, reported as each begins so a long review shows where it is.
public enum ReviewPhase: String, Sendable, CaseIterable {
    case reading = "reading the input"
    case areas = "measuring areas"
    case overlaps = "finding overlaps"
    case apportionment = "dividing zones among communes"
    case coverage = "checking the communes' coverage"
    case corridors = "finding zones on corridors"
    case simplify = "simplifying shapes for display"
    case maps = "drawing map.svg and the interactive map, writing review.json, the layers and the tables"
    case page = "writing the page"
}

/// The named steps of a review, reported as each begins so a long review shows where it is.
public enum ReviewPhase: String, Sendable, CaseIterable {
    /// Reading and validating the input.
    case reading = "reading the input"
    /// Measuring areas.
    case areas = "measuring areas"
    /// Finding overlaps among zones.
    case overlaps = "finding overlaps"
    /// Dividing zones among communes.
    case apportionment = "dividing zones among communes"
    /// Checking that the communes tile.
    case coverage = "checking the communes' coverage"
    /// Finding zones on corridors.
    case corridors = "finding zones on corridors"
    /// Comparing with the earlier state (a review against one).
    case changes = "comparing with the earlier state"
    /// Simplifying shapes for display.
    case simplify = "simplifying shapes for display"
    /// Drawing the maps and writing the data files.
    case maps = "drawing map.svg and the interactive map, writing review.json, the layers and the tables"
    /// Writing the HTML page.
    case page = "writing the page"
}

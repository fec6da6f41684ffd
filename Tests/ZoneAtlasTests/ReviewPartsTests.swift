import Foundation
import Testing
@testable import ZoneAtlas
import ZoneGeometry

/// The pieces the review is drawn with: the escaping writer, the fixed-decimal numbers, the main
/// body finder, the compact geometry encoding and the sliver rule — each against a hand calculation.
struct ReviewPartsTests {
    @Test func markupEscapesEveryInterpolatedString() {
        let name = "A&B <i>\"x\"</i> 'y'\u{0B}\u{FFFE}z"
        let markup: Markup = "<text title=\"\(name)\">\(name)</text>"
        let escaped = "A&amp;B &lt;i&gt;&quot;x&quot;&lt;/i&gt; &#39;y&#39;z"
        #expect(markup.text == "<text title=\"\(escaped)\">\(escaped)</text>")
        // Markup inside markup is kept; tabs and newlines are allowed XML characters.
        let inner: Markup = "<b>\("1 < 2")</b>"
        #expect(("<p>\(inner)\("\t\n")</p>" as Markup).text == "<p><b>1 &lt; 2</b>\t\n</p>")
        // JSON in a script element: "<" is \u003c, so "</script>" cannot end the element.
        #expect(Markup.scriptJSON(#"{"n":"</script><!--"}"#).text == #"{"n":"\u003c/script>\u003c!--"}"#)
    }

    @Test func fixedDecimalsMatchPrintf() {
        // C's printf is the oracle; halfway cases are avoided (printf rounds the binary value).
        for value in [0, 0.04, -0.04, 1.25001, -1.24999, 123456.789, -987654.3219, 1e-7, 5.5e9, 0.96, 2.0 / 3] {
            for places in 0...6 {
                var expected = String(format: "%.\(places)f", value)
                if expected.hasPrefix("-"), Double(expected) == 0 { expected.removeFirst() }
                #expect(Markup.fixed(value, places: places) == expected, "\(value) \(places)")
            }
        }
    }

    @Test func mainBodyLeavesAnOutlyingIslandOut() throws {
        // A 10 × 10 block of unit cells and one cell 100 units east: the island is outlying.
        var envelopes: [Envelope] = []
        for i in 0..<10 { for j in 0..<10 { envelopes.append(Envelope(minX: Double(i), minY: Double(j), maxX: Double(i + 1), maxY: Double(j + 1))) } }
        envelopes.append(Envelope(minX: 110, minY: 4, maxX: 111, maxY: 5))
        let body = try #require(MainBody(envelopes: envelopes, weights: envelopes.map { $0.width * $0.height }))
        #expect(body.main == Envelope(minX: 0, minY: 0, maxX: 10, maxY: 10))
        #expect(body.outlying == [Envelope(minX: 110, minY: 4, maxX: 111, maxY: 5)])
        #expect(body.whole == Envelope(minX: 0, minY: 0, maxX: 111, maxY: 10))
        // Two blocks of equal weight are both the main body.
        let twin = envelopes.prefix(100).map { Envelope(minX: $0.minX + 110, minY: $0.minY, maxX: $0.maxX + 110, maxY: $0.maxY) }
        let both = try #require(MainBody(envelopes: Array(envelopes.prefix(100)) + twin, weights: Array(repeating: 1, count: 200)))
        #expect(both.main == Envelope(minX: 0, minY: 0, maxX: 120, maxY: 10) && both.outlying.isEmpty)
    }

    @Test func geometryEncodingIsStepsFromTheOrigin() throws {
        // A square with a hole, origin (106, 20), step 0.001°: by hand, the shell starts at
        // (100, 200) steps and moves +10 east, +10 north, -10 east; the hole at (102, 202).
        let polygon = try Geometry(wkt: "POLYGON ((106.1 20.2, 106.11 20.2, 106.11 20.21, 106.1 20.21, 106.1 20.2), (106.102 20.202, 106.102 20.204, 106.104 20.204, 106.102 20.202))")
        let text = try InteractiveMap.encode(polygon, origin: Coordinate(106, 20), step: 0.001)
        #expect(text == "[[100,200,10,0,0,10,-10,0,0,-10],[102,202,0,2,2,0,-2,-2]]")
        let multi = try Geometry(wkt: "MULTIPOLYGON (((106.1 20.2, 106.11 20.2, 106.11 20.21, 106.1 20.2)), ((106 20, 106.001 20, 106.001 20.001, 106 20)))")
        #expect(try InteractiveMap.encode(multi, origin: Coordinate(106, 20), step: 0.001) == "[[[100,200,10,0,0,10,-10,-10]],[[0,0,1,0,0,1,-1,-1]]]")
        let line = try Geometry(wkt: "MULTILINESTRING ((106 20, 106.002 20.001), (106.01 20, 106.01 20))")
        #expect(try InteractiveMap.encode(line, origin: Coordinate(106, 20), step: 0.001) == "[[0,0,2,1],[10,0]]")
    }

    @Test func sliverWidthIsTwiceAreaOverPerimeter() throws {
        // A 1000 m × 4 m strip: 2·4000 / 2008 = 3.98 m wide (hand calculation).
        #expect(abs(SliverTolerance.widthMetres(areaSquareMetres: 4_000, perimeterMetres: 2_008) - 3.984) < 0.001)
        // A strip about 11 m wide (0.0001° of latitude) and 1 km long at 20.8° N is a sliver under 20 m, not under 5 m.
        let strip = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.7096 20.8, 106.7096 20.8001, 106.7 20.8001, 106.7 20.8))")
        let area = 11_000.0
        #expect(try SliverTolerance(widthMetres: 20).isSliver(strip, areaSquareMetres: area))
        #expect(try !SliverTolerance(widthMetres: 5).isSliver(strip, areaSquareMetres: area))
        #expect(try SliverTolerance(minimumAreaSquareMetres: 20_000).isSliver(strip, areaSquareMetres: area))
        #expect(try !SliverTolerance.none.isSliver(strip, areaSquareMetres: area))
    }

    @Test func namesAreFrontCodedInUTF16Units() {
        // "Khu công nghiệp " is 16 UTF-16 units (precomposed ô and ệ), counted by hand.
        #expect(InteractiveMap.frontCoded(Array("Khu công nghiệp B".utf16), after: Array("Khu công nghiệp A".utf16))
                == .array([.number("16"), .string("B")]))
        #expect(InteractiveMap.frontCoded(Array("Khu A".utf16), after: Array("Xã B".utf16)) == .string("Khu A"))
        // A surrogate pair is never split: 😀 and 😃 share their lead surrogate only.
        #expect(InteractiveMap.frontCoded(Array("abcd😀".utf16), after: Array("abcd😃".utf16)) == .array([.number("4"), .string("😀")]))
        #expect(InteractiveMap.isPlainInteger("2024") && InteractiveMap.isPlainInteger("0"))
        #expect(!InteractiveMap.isPlainInteger("007") && !InteractiveMap.isPlainInteger("kcn-1") && !InteractiveMap.isPlainInteger("١٢"))
    }
}

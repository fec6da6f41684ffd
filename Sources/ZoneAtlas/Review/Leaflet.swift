import Foundation

/// Leaflet, the web-map library of the interactive map, read from Debian's `libjs-leaflet` when a
/// review is written and inlined into the page, so the page needs no network. Its copyright and
/// licence notice go with it; its CSS images are inlined as data URIs.
struct Leaflet {
    /// Where Debian's `libjs-leaflet` installs it.
    static let directory = "/usr/share/javascript/leaflet"  // the default of PlanningReview.write(to:leafletDirectory:)

    /// The script, with Leaflet's copyright and licence notice first.
    let script: String
    /// The style sheet, images inlined.
    let style: String

    /// Reads Leaflet from `directory`.
    /// - Throws: ``ReviewError/leafletMissing(path:)`` when a file is not there.
    init(directory: String = Leaflet.directory) throws(ReviewError) {
        func read(_ name: String) throws(ReviewError) -> Data {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw .leafletMissing(path: path) }
            return data
        }
        let full = String(decoding: try read("leaflet.js"), as: UTF8.self)
        // The @preserve header of the full script names the version and the copyright holders.
        let header = full.range(of: "*/").map { String(full[..<$0.upperBound]) } ?? ""
        let minified = String(decoding: try read("leaflet.min.js"), as: UTF8.self)
        script = header + "\n" + Self.licence + "\n" + minified.replacingOccurrences(of: "</script", with: "<\\/script")
        var css = String(decoding: try read("leaflet.css"), as: UTF8.self)
        for image in ["layers-2x.png", "layers.png", "marker-icon.png"] {
            let data = try read("images/" + image)
            css = css.replacingOccurrences(of: "url(images/\(image))", with: "url(data:image/png;base64,\(data.base64EncodedString()))")
        }
        style = css.replacingOccurrences(of: "</style", with: "<\\/style")
    }

    /// Leaflet's licence (BSD-2-Clause), as its copyright file gives it.
    static let licence = """
        /* Leaflet is distributed under the BSD-2-Clause licence:
         * Redistribution and use in source and binary forms, with or without modification, are permitted provided that
         * the following conditions are met: 1. Redistributions of source code must retain the above copyright notice,
         * this list of conditions and the following disclaimer. 2. Redistributions in binary form must reproduce the
         * above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other
         * materials provided with the distribution.
         * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED
         * WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
         * PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY
         * DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
         * PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
         * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE
         * OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH
         * DAMAGE. */
        """
}

/// The page's script: draws the interactive map's layers with Leaflet, shows a feature's facts on
/// a click with a link to its table row, takes a table row's "map" link to the feature, switches
/// layers, searches names with Vietnamese diacritics folded, and moves between the main body and
/// the whole extent. It reads the data from the `review-data` element and fetches nothing.
enum ReviewScript {
    static let source = #"""
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("review-data").textContent);
      if (!data) { return; }
      var count = data.layers.reduce(function (n, l) { return n + l.features.length; }, 0);
      var map = L.map("leaflet-map", { preferCanvas: count > 3000, zoomSnap: 0.25, attributionControl: false });
      var step = data.step, ox = data.origin[0], oy = data.origin[1];
      function ring(flat) {
        var out = [], x = 0, y = 0;
        for (var i = 0; i + 1 < flat.length; i += 2) {
          x = i === 0 ? flat[0] : x + flat[i]; y = i === 0 ? flat[1] : y + flat[i + 1];
          out.push([oy + y * step, ox + x * step]);
        }
        return out;
      }
      function fold(text) {
        return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
      }
      function escape(text) {
        return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
      }
      var index = {}, groups = {}, searchable = [], labelled = [];
      var styles = {
        zone: function (l) { return { color: l.colour, weight: 1.2, fillColor: l.colour, fillOpacity: 0.45 }; },
        commune: function () { return { color: "#6b6b6b", weight: 0.8, fill: true, fillColor: "#ffffff", fillOpacity: 0.35 }; },
        corridor: function (l) { return { color: l.colour, weight: 2, fill: false }; },
        overlap: function (l) { return { color: l.colour, weight: 1.5, fillColor: "#e63946", fillOpacity: 0.45 }; },
        gap: function (l) { return { color: l.colour, weight: 1.5, fillColor: "#ffb703", fillOpacity: 0.6 }; },
        gained: function (l) { return { color: l.colour, weight: 1.5, fillColor: l.colour, fillOpacity: 0.55 }; },
        lost: function (l) { return { color: l.colour, weight: 1.5, fillColor: l.colour, fillOpacity: 0.55 }; },
        problem: function (l) { return { color: l.colour, radius: 6, weight: 2, fillOpacity: 0.8 }; }
      };
      // The same anchor slug as the page's: ASCII letters, digits, "-" and "_" kept, anything else "_".
      function slug(id) { return Array.from(id).map(function (c) { return /^[A-Za-z0-9_-]$/.test(c) ? c : "_"; }).join(""); }
      function facts(layer, f) {
        var html = "<div class=\"facts\"><b>" + escape(f.name) + "</b><br><code>" + escape(f.id) + "</code> · " + escape(layer.title) + "<table>";
        layer.fields.forEach(function (field, k) {
          var v = f.v[k];
          if (v !== null && v !== undefined && v !== "") { html += "<tr><th>" + escape(field) + "</th><td>" + escape(v) + "</td></tr>"; }
        });
        html += "</table>";
        if (f.row) { html += "<a class=\"to-row\" href=\"#" + escape(f.row) + "\">row in the table</a>"; }
        else if (layer.type === "zone" || layer.type === "commune") { html += "<span>row in <a href=\"areas.csv\">areas.csv</a></span>"; }
        return html + "</div>";
      }
      var order = ["commune", "zone", "corridor", "gap", "overlap", "lost", "gained", "problem"];
      var stacked = data.layers.slice().sort(function (a, b) { return order.indexOf(a.type) - order.indexOf(b.type); });
      // A layer switched back on is drawn on top: put every layer back in its place (communes lowest).
      function restack() {
        stacked.forEach(function (layer) { if (map.hasLayer(groups[layer.key])) { groups[layer.key].bringToFront(); } });
      }
      stacked.forEach(function (layer) {
        var group = L.featureGroup();
        var style = styles[layer.type](layer);
        var previous = "";
        layer.features.forEach(function (a) {
          var name = Array.isArray(a[1]) ? previous.slice(0, a[1][0]) + a[1][1] : a[1];
          previous = name;
          var f = { id: String(a[0]), name: name, v: a.slice(4), named: (a[3] & 2) !== 0 };
          f.row = (a[3] & 1) && layer.rowPrefix ? layer.rowPrefix + slug(f.id) : null;
          if (layer.type === "problem") { f.p = a[2]; } else { f.g = a[2]; }
          var shape;
          style.className = "feature layer-" + layer.key;
          if (f.p) { shape = L.circleMarker(f.p, style); }
          else if (layer.type === "corridor") { shape = L.polyline(f.g.map(ring), style); }
          else if (typeof f.g[0][0] === "number") { shape = L.polygon(f.g.map(ring), style); }
          else { shape = L.polygon(f.g.map(function (polygon) { return polygon.map(ring); }), style); }
          shape.bindPopup(facts(layer, f), { maxWidth: 360 });
          if (data.labels && (layer.type === "zone" || layer.type === "commune") && f.named) {
            shape.bindTooltip(escape(f.name), { permanent: true, direction: "center", className: layer.type + "-name" });
            labelled.push({ shape: shape, zone: layer.type === "zone", area: Number(f.v[1]) || 0 });
          } else {
            shape.bindTooltip(escape(f.name), { sticky: true });
          }
          group.addLayer(shape);
          index[layer.key + "|" + f.id] = shape;
          if (layer.type === "zone" || layer.type === "commune" || layer.type === "corridor") {
            searchable.push({ key: layer.key, id: f.id, name: f.name, folded: fold(f.name + " " + f.id), title: layer.title });
          }
        });
        groups[layer.key] = group;
        group.addTo(map);
      });
      var controls = document.getElementById("map-layers");
      data.layers.forEach(function (layer) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox"; box.checked = true; box.dataset.layer = layer.key;
        box.addEventListener("change", function () {
          if (box.checked) { groups[layer.key].addTo(map); restack(); names(); } else { map.removeLayer(groups[layer.key]); }
        });
        var swatch = document.createElement("span");
        swatch.className = "swatch"; swatch.style.background = layer.colour;
        label.appendChild(box); label.appendChild(swatch);
        label.appendChild(document.createTextNode(layer.title + " (" + layer.features.length + ")"));
        controls.appendChild(label);
      });
      function show(key, id) {
        var shape = index[key + "|" + id];
        if (!shape) { return false; }
        if (!map.hasLayer(groups[key])) { groups[key].addTo(map); restack(); var box = controls.querySelector("input[data-layer='" + key + "']"); if (box) { box.checked = true; } }
        document.getElementById("map").scrollIntoView();
        if (shape.getBounds) { map.fitBounds(shape.getBounds(), { maxZoom: 15, padding: [40, 40] }); } else { map.setView(shape.getLatLng(), 14); }
        shape.openPopup();
        return true;
      }
      document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[data-map]") : null;
        if (!link) { return; }
        var parts = link.getAttribute("data-map").split("|");
        if (show(parts[0], parts.slice(1).join("|"))) { event.preventDefault(); }
      });
      var search = document.getElementById("map-search"), results = document.getElementById("map-results");
      search.addEventListener("input", function () {
        var words = fold(search.value).split(/\s+/).filter(Boolean);
        results.innerHTML = "";
        if (!words.length) { return; }
        var found = searchable.filter(function (s) { return words.every(function (w) { return s.folded.indexOf(w) >= 0; }); }).slice(0, 20);
        found.forEach(function (s) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#map"; link.setAttribute("data-map", s.key + "|" + s.id);
          link.textContent = s.name; item.appendChild(link);
          item.appendChild(document.createTextNode(" — " + s.title));
          results.appendChild(item);
        });
        if (!found.length) { results.innerHTML = "<li>nothing found</li>"; }
      });
      var main = L.latLngBounds(data.main), whole = L.latLngBounds(data.whole);
      document.getElementById("view-main").addEventListener("click", function () { map.fitBounds(main); });
      document.getElementById("view-whole").addEventListener("click", function () { map.fitBounds(whole); });
      L.control.scale({ imperial: false }).addTo(map);
      // Names that would overlap one already shown are hidden: zones before communes, larger first.
      labelled.sort(function (a, b) { return (b.zone - a.zone) || (b.area - a.area); });
      function names() {
        map.getContainer().classList.toggle("far", map.getZoom() < 11);
        var kept = [];
        labelled.forEach(function (item) {
          var tip = item.shape.getTooltip(), element = tip && tip.getElement();
          if (!element) { return; }
          element.style.visibility = "";
          var r = element.getBoundingClientRect();
          if (r.width === 0) { return; }
          var clash = kept.some(function (k) { return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom; });
          if (clash) { element.style.visibility = "hidden"; } else { kept.push(r); }
        });
      }
      map.on("zoomend moveend overlayadd", names);
      map.fitBounds(main);
      names();
      window.zoneAtlasMap = { map: map, groups: groups, show: show };
    })();
    """#
}

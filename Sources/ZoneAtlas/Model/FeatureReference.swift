/// Which registry feature something concerns: its layer and id (as `show` takes them).
public struct FeatureReference: Sendable, Hashable, CustomStringConvertible {
    /// The feature's layer.
    public var layer: Layer
    /// The feature's id in its layer.
    public var id: String

    /// The reference to `id` in `layer`.
    public init(layer: Layer, id: String) {
        self.layer = layer
        self.id = id
    }

    /// The reference to `feature`.
    public init(_ feature: any RegistryFeature) {
        self.init(layer: feature.layer, id: feature.id)
    }

    /// "zones/DVCH-01": the layer and the id.
    public var description: String { "\(layer.rawValue)/\(id)" }
}

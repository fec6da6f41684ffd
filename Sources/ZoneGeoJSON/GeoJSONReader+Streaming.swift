import Foundation
import ZoneGeometry
import ZoneProjection

extension GeoJSONReader {
    /// Reads a FeatureCollection in batches of `batchSize` finished features, handing each batch
    /// to `body` as soon as it is ready, so that memory holds a few batches, never the file.
    ///
    /// One thread parses (the same parser as ``read(contentsOf:)-2oh4v``) while the calling thread
    /// finishes the previous batch on all cores and calls `body`, in file order. Pages of the file
    /// behind the parser are given back to the kernel, and each batch is freed when `body` returns.
    ///
    /// **Contract.** The data is valid only if the returned result ``ReadResult/hasErrors`` is
    /// `false`: problems found late — malformed JSON at the end of the file, a legacy `crs` after the
    /// features — come after batches were handed out, so a consumer that stores batches as they
    /// come must do so in a transaction and roll it back when the result has errors.
    ///
    /// The result is ``read(contentsOf:)-2oh4v``'s for the same file, but that its `collection.features` is
    /// empty (``ReadResult/featureCount`` counts the features handed out): the same problems, located
    /// the same way, in the same order, with the same limit. The batches carry every problem of their
    /// features, in that order, also beyond the limit. Where the two reads cannot agree:
    /// - JSON that breaks after batches were handed out: the result holds the break alone, as
    ///   ``read(contentsOf:)-2oh4v``'s does, and those batches are void.
    /// - A legacy `crs` member after the `features` array, once batches were handed out with the
    ///   coordinates taken as WGS84 lon/lat: if it names another CRS the result has a
    ///   ``ProblemCode/crsAfterFeatures`` error at the member (the rest is read as lon/lat too;
    ///   ``ReadOptions/crs`` or a `crs` before `features`, as GDAL writes it, avoids this).
    /// - A document `type` other than FeatureCollection after a `features` array already handed out:
    ///   an error at `/type`.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - batchSize: features per batch (the last one may have fewer); at least 1.
    ///   - body: takes each batch; throwing stops the read (at the parser's next batch) and the
    ///     error is rethrown as ``BatchedReadError/consumer(_:)``.
    /// - Throws: ``BatchedReadError/reading(_:)`` with the ``ReadError`` when the file cannot be
    ///   opened, ``BatchedReadError/consumer(_:)`` with what `body` threw, or
    ///   ``BatchedReadError/cancelled(path:)`` once the call's `WorkCancellation` is raised
    ///   (checked before each batch).
    public func read<E: Error>(contentsOf path: String, batchSize: Int = 4096,
                               _ body: (FeatureBatch) throws(E) -> Void) throws(BatchedReadError<E>) -> ReadResult {
        let file: MappedFile
        do { file = try MappedFile(path: path) } catch { throw .reading(error) }
        let handOff = HandOff<DraftBatch, ParsedRest>(capacity: 2)
        let parsed = DispatchSemaphore(value: 0)
        let size = max(1, batchSize)
        let report = ReadProgress.current, cancellation = WorkCancellation.current
        let parsing = Thread {
            Thread.nameCurrent("zoneatlas-parse")
            var parser = GeoJSONParser(bytes: file.bytes, file: path)
            parser.batching = DraftBatching(size: size, handOut: handOff.put, stopped: { handOff.isCancelled || cancellation?.isCancelled == true }, passed: { offset in
                file.giveBack(before: offset)
                report?(path, offset, file.bytes.count)
            })
            parser.parse()
            handOff.end(ParsedRest(parser))
            parsed.signal()
        }
        parsing.stackSize = 8 << 20
        parsing.start()
        defer {
            handOff.cancel()
            parsed.wait()
        }
        var assembly = FeatureAssembly(file: path, problemLimit: options.problemLimit)
        // How batches are finished (in which CRS), fixed by the first one.
        var batchFinishing: FeatureFinishing?
        while true {
            switch handOff.take() {
            case let .batch(drafts):
                let finishing = batchFinishing ?? {
                    let (crs, problem) = resolveCRS(drafts.declaredCRS, file: path)
                    return makeFinishing(file: path, sourceCRS: crs, crsProblem: problem, declared: drafts.declaredCRS)
                }()
                batchFinishing = finishing
                guard !WorkCancellation.isCancelled, let batch = try? assembly.assemble(drafts.drafts, parserProblems: drafts.problems, finishing: finishing)
                else { throw .cancelled(path: path) }
                do { try body(batch) } catch { throw .consumer(error) }
            case let .end(rest):
                // The parser also stops, mid-batch, for a raised flag: what it leaves is no result.
                guard !WorkCancellation.isCancelled else { throw .cancelled(path: path) }
                return try finish(rest, assembly, batchFinishing, file: path, body)
            }
        }
    }

    /// The last batch and the result, once the parser has reached the end of the document.
    private func finish<E: Error>(_ rest: ParsedRest, _ assembly: FeatureAssembly, _ batchFinishing: FeatureFinishing?,
                                  file: String, _ body: (FeatureBatch) throws(E) -> Void) throws(BatchedReadError<E>) -> ReadResult {
        var assembly = assembly
        let (declaredCRS, crsProblem) = resolveCRS(rest.declaredCRS, file: file)
        if rest.isBroken {
            var broken = ReadResult(file: file, collection: FeatureCollection(features: []), sourceCRS: declaredCRS, problems: rest.problems,
                                    omittedProblems: 0, omittedErrors: 0, featureCount: assembly.featureCount)
            broken.batchesAreVoid = rest.batchesHandedOut > 0
            return broken
        }
        var fileProblems = rest.problems.filter { $0.feature == nil } + [crsProblem].compactMap { $0 }
        var batchesAreVoid = false
        let finishing: FeatureFinishing
        if let batchFinishing {
            finishing = batchFinishing
            if let late = lateProblem(rest, declaredCRS: declaredCRS, crsProblem: crsProblem, applied: finishing, file: file) {
                fileProblems.append(late)
                batchesAreVoid = true
            }
        } else {
            finishing = makeFinishing(file: file, sourceCRS: declaredCRS, crsProblem: crsProblem, declared: rest.declaredCRS)
        }
        guard let last = try? assembly.assemble(rest.drafts, parserProblems: rest.problems.filter { $0.feature != nil }, finishing: finishing)
        else { throw .cancelled(path: file) }
        if !last.features.isEmpty || !last.problems.isEmpty {
            do { try body(last) } catch { throw .consumer(error) }
        }
        var read = result(file: file, assembly, fileProblems: fileProblems, features: [], foreignMembers: rest.foreignMembers,
                          bbox: rest.bbox, sourceCRS: finishing.sourceCRS)
        read.batchesAreVoid = batchesAreVoid
        return read
    }

    /// What the end of the document says that batches already handed out could not know: a
    /// legacy `crs` naming a CRS other than the lon/lat they were read in, or a `type` that is not
    /// FeatureCollection.
    private func lateProblem(_ rest: ParsedRest, declaredCRS: CRS, crsProblem: Problem?, applied: FeatureFinishing,
                             file: String) -> Problem? {
        if options.crs == nil, crsProblem == nil, let declared = rest.declaredCRS, declaredCRS.definition != applied.sourceCRS.definition,
           makeFinishing(file: file, sourceCRS: declaredCRS, crsProblem: nil, declared: declared).needsTransform {
            return Problem(severity: .error, code: .crsAfterFeatures, file: file, pointer: declared.pointer,
                           message: "the file names its CRS, \(declared.name), after its features, \(rest.batchesHandedOut) batch"
                               + "\(rest.batchesHandedOut == 1 ? "" : "es") of which were already read as WGS 84 lon/lat; "
                               + "give the CRS with --input-crs, or write \"crs\" before \"features\" (as GDAL does)")
        }
        if let type = rest.documentType, type == "Feature" || GeometryType(geoJSONType: type) != nil {
            return Problem(severity: .error, code: .wrongType, file: file, pointer: "/type",
                           message: "the document is a \(type), but its \"type\" comes after a \"features\" array that was "
                               + "already read as a FeatureCollection's")
        }
        return nil
    }
}

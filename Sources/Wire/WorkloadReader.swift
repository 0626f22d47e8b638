import TrialRecords

/// Reads a workload's JSON without `JSONDecoder`: a worker started for one
/// `process` trial decodes one workload, and `JSONDecoder`'s first use in a
/// process (its generic containers' metadata, looked up by mangled name at run
/// time) cost more than the rest of that decoding (`perf record` of
/// `isorun-worker`, issue 13).
///
/// It takes a JSON object holding the workload's keys with values of their
/// types, as `JSONEncoder` writes it, in any order and spacing, and gives up
/// (nil) on anything else: a key it does not know, a missing one, a value of
/// another type, or an integer it cannot hold exactly. `JSONDecoder` then
/// decides, and names what is wrong.
enum WorkloadReader {
    /// The workload `bytes` hold, or nil (see the type's description).
    static func read(_ bytes: ArraySlice<UInt8>) -> Workload? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = ByteScanner(buffer)
            guard let workload = workload(&scanner) else { return nil }
            scanner.skipSpace()
            return scanner.atEnd ? workload : nil
        }
    }

    private static func workload(_ scanner: inout ByteScanner) -> Workload? {
        var inputs: Int?, epochs: Int?, batchSize: Int?, loss: String?
        var layers: [Workload.Layer]?, optimizer: Workload.OptimizerSpec?, x: [[Double]]?, y: [[Double]]?
        let read = object(&scanner) { key, scanner in
            switch key {
            case "inputs": inputs = integer(&scanner); return inputs != nil
            case "epochs": epochs = integer(&scanner); return epochs != nil
            case "batch_size": batchSize = integer(&scanner); return batchSize != nil
            case "loss": loss = string(&scanner); return loss != nil
            case "layers": layers = array(&scanner, layer); return layers != nil
            case "optimizer": optimizer = optimizerSpec(&scanner); return optimizer != nil
            case "x": x = array(&scanner, row); return x != nil
            case "y": y = array(&scanner, row); return y != nil
            default: return false
            }
        }
        guard read, let inputs, let layers, let loss, let optimizer, let epochs, let batchSize, let x, let y else {
            return nil
        }
        return Workload(
            inputs: inputs, layers: layers, loss: loss, optimizer: optimizer, epochs: epochs, batchSize: batchSize, x: x, y: y)
    }

    private static func layer(_ scanner: inout ByteScanner) -> Workload.Layer? {
        var units: Int?, activation: String?
        let read = object(&scanner) { key, scanner in
            switch key {
            case "units": units = integer(&scanner); return units != nil
            case "activation": activation = string(&scanner); return activation != nil
            default: return false
            }
        }
        guard read, let units, let activation else { return nil }
        return Workload.Layer(units: units, activation: activation)
    }

    private static func optimizerSpec(_ scanner: inout ByteScanner) -> Workload.OptimizerSpec? {
        var kind: String?, learningRate: Double?, beta1: Double?, beta2: Double?, epsilon: Double?
        let read = object(&scanner) { key, scanner in
            switch key {
            case "kind": kind = string(&scanner); return kind != nil
            case "learning_rate": learningRate = double(&scanner); return learningRate != nil
            case "beta1": beta1 = double(&scanner); return beta1 != nil
            case "beta2": beta2 = double(&scanner); return beta2 != nil
            case "epsilon": epsilon = double(&scanner); return epsilon != nil
            default: return false
            }
        }
        guard read, let kind, let learningRate, let beta1, let beta2, let epsilon else { return nil }
        return Workload.OptimizerSpec(kind: kind, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    private static func row(_ scanner: inout ByteScanner) -> [Double]? {
        array(&scanner, double)
    }

    /// Reads an object, handing each key to `member`, which reads its value and
    /// says whether it could.
    private static func object(
        _ scanner: inout ByteScanner, _ member: (String, inout ByteScanner) -> Bool
    ) -> Bool {
        guard scanner.take(UInt8(ascii: "{")) else { return false }
        if scanner.take(UInt8(ascii: "}")) { return true }
        repeat {
            scanner.skipSpace()
            guard let key = scanner.text(), scanner.take(UInt8(ascii: ":")) else { return false }
            guard member(scanner.string(key), &scanner) else { return false }
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "}"))
    }

    private static func array<Element>(
        _ scanner: inout ByteScanner, _ element: (inout ByteScanner) -> Element?
    ) -> [Element]? {
        guard scanner.take(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if scanner.take(UInt8(ascii: "]")) { return elements }
        repeat {
            guard let next = element(&scanner) else { return nil }
            elements.append(next)
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "]")) ? elements : nil
    }

    private static func string(_ scanner: inout ByteScanner) -> String? {
        scanner.skipSpace()
        return scanner.text().map { scanner.string($0) }
    }

    /// A finite number (`JSONDecoder` refuses `1e999` for a `Double`).
    private static func double(_ scanner: inout ByteScanner) -> Double? {
        scanner.skipSpace()
        return scanner.number().flatMap { $0.isFinite ? $0 : nil }
    }

    /// A whole number below 2^53 in magnitude, which a `Double` holds exactly.
    private static func integer(_ scanner: inout ByteScanner) -> Int? {
        double(&scanner).flatMap { abs($0) < 0x1p53 ? Int(exactly: $0) : nil }
    }
}

import Testing
import Bench
import Processes

@Suite struct FloorsRoundTripTests {
    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func compilesAndMeasures() throws {
        let figure = try Floors().rawRoundTrip(samples: 50)
        #expect(figure.samples == 50)
        #expect(figure.median > .zero)
    }

    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func measuresTheSocketPairOfTheLocalLink() throws {
        let figure = try Floors().rawLinkRoundTrip(samples: 50)
        #expect(figure.samples == 50)
        #expect(figure.median > .zero)
    }

    /// The program fails unless each poll finds the reply alone among five
    /// descriptors and each line is written whole.
    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func measuresTheLinkWithTheCallsACoordinatorAdds() throws {
        for placement in try DispatchPlacement.available() {
            let figure = try Floors().rawLinkRoundTrip(samples: 50, placement: placement, coordinatorCalls: true)
            #expect(figure.samples == 50)
            #expect(figure.median > .zero)
        }
    }
}

@Suite struct DispatchPlacementTests {
    @Test func twoCPUsFirstWhereThereAreTwoThenOne() throws {
        let cpus = try CPUAffinity.allowedCPUs()
        let placements = try DispatchPlacement.available()
        let oneCPU = DispatchPlacement(coordinatorCPU: cpus[0], workerCPU: cpus[0])
        if cpus.count >= 2 {
            #expect(placements == [DispatchPlacement(coordinatorCPU: cpus[0], workerCPU: cpus[1]), oneCPU])
            #expect(placements.map(\.label) == ["two CPUs", "one CPU"])
        } else {
            #expect(placements == [oneCPU])
        }
    }

    /// Each placement the bench uses, on both transports; a CPU the kernel refuses fails the floor.
    @Test(.enabled(if: ccAvailable, "cc not found on PATH: apt-get install gcc"))
    func theFloorsRunWhereTheyArePlacedAndFailOnACPUThatIsNotThere() throws {
        for placement in try DispatchPlacement.available() {
            #expect(try Floors().rawLinkRoundTrip(samples: 20, placement: placement).samples == 20)
            #expect(try Floors().rawRoundTrip(samples: 20, placement: placement).samples == 20)
        }
        let absent = DispatchPlacement(coordinatorCPU: 0, workerCPU: 1 << 20)
        #expect(throws: BenchError.self) { try Floors().rawLinkRoundTrip(samples: 20, placement: absent) }
        // Refused before the fork: a ZeroMQ child that could not move would leave its parent waiting for its hello.
        #expect(throws: BenchError.self) { try Floors().rawRoundTrip(samples: 20, placement: absent) }
    }
}

"""metrics.memory: the resident memory of this process, also in a forked child."""

import os

import pytest

from isorun_worker import metrics

MIB = 1 << 20


def test_memory_reads_resident_and_peak_with_peak_at_least_resident():
    rss, peak = metrics.memory()
    assert rss is not None and peak is not None
    assert 0 < rss <= peak


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_a_forked_child_reads_its_own_memory_not_its_parents():
    metrics.memory()  # the parent's descriptor is open before the fork
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            before = metrics.memory()[0]
            held = bytearray(64 * MIB)
            held[::4096] = b"\x01" * len(held[::4096])  # touch every page: resident in the child only
            after = metrics.memory()[0]
            os.write(write_end, str(after - before).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    grown = int(os.read(read_end, 64) or b"0")
    os.close(read_end)
    os.waitpid(pid, 0)
    assert grown >= 48 * MIB, f"the child's resident memory grew by {grown} bytes after touching 64 MiB"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_the_one_search_for_both_lines_reads_what_looking_for_each_line_reads():
    with open("/proc/self/status", "rb") as status:
        text = status.read()
    both = metrics._PEAK_THEN_RESIDENT.search(text)
    assert both is not None, "VmHWM and VmRSS are no longer adjacent: memory() takes its slower path"
    assert int(both[2]) * 1024 == metrics._kib_field(text, b"\nVmRSS:")
    assert int(both[1]) * 1024 == metrics._kib_field(text, b"\nVmHWM:")

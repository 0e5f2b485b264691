"""What listing the files attached to e-mails costs discovery: ``discover`` over a folder of ``.eml`` files, and
over one mailbox of the same messages, with their attached files listed and without (as before they were read).

    PYTHONPATH=. python bench/attachments.py [--messages 2000] [--repeat 3]

Writes ``--messages`` e-mails as ``.eml`` files, and the same as one ``.mbox`` mailbox: each a plain-text message of
about 2 kB; every fourth carries a PDF report (about 2 kB), every fourth an inline logo and an S/MIME signature,
and every twentieth a PDF of 1 MB (as base64 in its message, 1.4 MB), so that the listing meets large payloads it
must not decode. For each form it times ``discover`` with the listing and with it turned off, alternately, the
best of ``--repeat`` runs each, and prints the times and their ratio, measured in the same run; and, to set the
listing beside what every run does with each message anyway, the time ``load_document`` takes to read every
message's own document (not its attached files), once.

``--msg`` does the same for the same messages written as Outlook ``.msg`` files (their attached files listed from
the OLE directory: the storages of the attachments, their names and sizes; nothing decoded).

``--memory`` measures instead the peak memory (resident set) of ``discover`` in a fresh process: over one large
message (``--large-mb``, 54 MB: three attached files of a third of that each, as base64) and over the
``--messages`` small ones, each beside the same process's memory before ``discover`` ran (its imports).

``--read-memory`` measures the peak memory of reading one attached file (``read_attachment`` of the large
message's second file) in a fresh process, beside its memory after the imports and ``discover``. ``--read`` times
reading every attached file of the ``--messages`` messages (``read_attachment``, in the order the load step reads
them), the best of ``--repeat`` runs; where the code reads a file from its part's bytes (0.8.24), also with every
message parsed whole instead, alternately, and the ratio.

``--compare N`` reads every attached file of N seeded random messages (``--seed``; the unit tests' generator, two
in three damaged as there, and one in two of those changed further: transfer encodings swapped, "=", CR, "--",
"begin"/"end" lines, NUL bytes and padding put in), each as an ``.eml`` file, gzipped and in a mailbox, in pieces
of 64 kB or of 3 to 64 bytes, both from its part's bytes and from the message parsed whole, and counts the
messages, files, differences and files read from the whole parse.

``--write-inputs DIR`` writes the inputs on which ``docindex ingest --output`` must give the same passages before
and after a change to the reading of attached files: 120 of the bench's messages with attached files (every third
with CR LF line breaks), a mailbox of 60 of them, 20 of them gzipped, and 40 messages whose files are quoted-
printable, uuencoded or 8bit text, or forwarded messages' files.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.steps import attachments, containers, load  # noqa: E402
from flows.steps.load import discover, load_document  # noqa: E402
from tests.documents import msg_bytes, pdf_bytes  # noqa: E402

WORDS = (
    "der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen und die Schulen sollen mehr Geld"
    " für Lehrer und Gebäude bekommen während die Straßen warten müssen"
).split()


def _text(rng: random.Random, words: int) -> str:
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(words // 60))


def _messages(count: int, rng: random.Random) -> list[bytes]:
    report = pdf_bytes([_text(rng, 120)], title="Bericht")
    large = pdf_bytes([_text(rng, 120)]) + b"%" + bytes(rng.getrandbits(8) for _ in range(1_000_000))
    out = []
    for n in range(count):
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = "Pressestelle <presse@example.org>", "redaktion@example.org", f"Mitteilung {n}"
        m["Date"], m["Message-ID"] = "Tue, 05 Mar 2024 07:00:00 +0100", f"<pr-{n}@example.org>"
        m.set_content(_text(rng, 300))
        if n % 4 == 1:
            m.add_attachment(report, maintype="application", subtype="pdf", filename="bericht.pdf")
        if n % 4 == 2:
            m.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(2000), maintype="image", subtype="png", filename="logo.png", disposition="inline")
            m.add_attachment(bytes(3000), maintype="application", subtype="pkcs7-signature", filename="smime.p7s")
        if n % 20 == 3:
            m.add_attachment(large, maintype="application", subtype="pdf", filename="anhang.pdf")
        out.append(bytes(m))
    return out


def _timed(listing: bool, run: Callable[[], int], off: Callable[[], Callable[[], None]]) -> tuple[float, int]:
    restore = None if listing else off()
    try:
        start = time.perf_counter()
        refs = run()
        return time.perf_counter() - start, refs
    finally:
        if restore is not None:
            restore()


def _no_eml_listing() -> Callable[[], None]:
    original = load.is_email_file
    load.is_email_file = lambda name: False  # type: ignore[assignment]
    return lambda: setattr(load, "is_email_file", original)


def _no_mbox_listing() -> Callable[[], None]:
    original = containers._mbox_attachments
    containers._mbox_attachments = lambda data, messages, max_bytes: messages  # type: ignore[assignment]
    return lambda: setattr(containers, "_mbox_attachments", original)


def _outlook(count: int, rng: random.Random) -> list[bytes]:
    """The messages of ``_messages`` as Outlook messages: the same text and files, each file in its own storage."""
    report = pdf_bytes([_text(rng, 120)], title="Bericht")
    large = pdf_bytes([_text(rng, 120)]) + b"%" + bytes(rng.getrandbits(8) for _ in range(1_000_000))
    out = []
    for n in range(count):
        files: list[tuple[str | None, bytes, str | None]] = []
        if n % 4 == 1:
            files.append(("bericht.pdf", report, "application/pdf"))
        if n % 4 == 2:
            files += [("logo.png", b"\x89PNG\r\n\x1a\n" + bytes(2000), "image/png"), ("smime.p7s", bytes(3000), "application/pkcs7-signature")]
        if n % 20 == 3:
            files.append(("anhang.pdf", large, "application/pdf"))
        out.append(msg_bytes(subject=f"Mitteilung {n}", body=_text(rng, 300), sender="presse@example.org", attachments=files))
    return out


def _large(megabytes: int, rng: random.Random) -> bytes:
    """A message of about ``megabytes`` MB: a short text and three attached PDF files of a quarter of that each
    (as base64 a third of it each)."""
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "Pressestelle <presse@example.org>", "redaktion@example.org", "Anlagen"
    m["Date"], m["Message-ID"] = "Tue, 05 Mar 2024 07:00:00 +0100", "<large@example.org>"
    m.set_content(_text(rng, 300))
    for n in range(3):
        data = pdf_bytes([_text(rng, 120)]) + b"%" + rng.randbytes(megabytes * 1_000_000 // 4)
        m.add_attachment(data, maintype="application", subtype="pdf", filename=f"anlage-{n}.pdf")
    return bytes(m)


_PEAK = """
import sys
from pathlib import Path
from flows.steps.load import discover

def status(field):
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field))

Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from what the imports hold (Linux)
before = status("VmRSS:")
refs = discover([sys.argv[1]])
print(before, status("VmHWM:"), len(refs))
"""


def _peak(path: Path) -> tuple[float, float, int]:
    """The resident memory (MB) of a fresh process after its imports, its peak during ``discover`` over
    ``path`` (Linux: the peak is reset after the imports), and the references it found."""
    out = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
    before, after, refs = out.stdout.split()
    return int(before) / 1024, int(after) / 1024, int(refs)


_READ_PEAK = """
import sys
import time
from pathlib import Path
from flows.steps.attachments import read_attachment
from flows.steps.load import discover

def status(field):
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field))

refs = [r for r in discover([sys.argv[1]]) if r.record is not None and r.record.kind == "email"]
Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from what the imports and discover hold (Linux)
before = status("VmRSS:")
start = time.perf_counter()
got = read_attachment(refs[1].path, refs[1].record, max_bytes=int(sys.argv[2]))
took = time.perf_counter() - start
print(before, status("VmHWM:"), len(got[1]), took)
"""


def read_memory(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        import gzip

        data = _large(args.large_mb, rng)
        large = Path(tmp) / "anlagen.eml"
        large.write_bytes(data)
        packed = Path(tmp) / "anlagen.eml.gz"
        packed.write_bytes(gzip.compress(data, compresslevel=1))
        for path in (large, packed):
            out = subprocess.run([sys.executable, "-c", _READ_PEAK, str(path), "20000000"], capture_output=True, text=True, check=True, cwd=ROOT)
            before, after, size, took = out.stdout.split()
            print(
                f"{path.name} ({len(data) / 1e6:.1f} MB): reading its second file ({int(size) / 1e6:.1f} MB) peaks at"
                f" {int(after) / 1024:.1f} MB, {int(before) / 1024:.1f} MB before: read_attachment adds"
                f" {(int(after) - int(before)) / 1024:.1f} MB, in {float(took):.2f} s"
            )


def _parsed_whole() -> Callable[[], None]:
    original = attachments._outlined  # type: ignore[attr-defined]
    attachments._outlined = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    return lambda: setattr(attachments, "_outlined", original)


def reading(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        for n, data in enumerate(_messages(args.messages, rng)):
            (folder / f"{n:05d}.eml").write_bytes(data)
        files = [r for r in discover([folder]) if r.record is not None and r.record.kind == "email"]

        def read_all() -> int:
            got = sum(len(attachments.read_attachment(r.path, r.record, max_bytes=20_000_000)[1]) for r in files)  # type: ignore[arg-type,index]
            attachments.release()
            return got

        read_all()  # the page cache warm
        ways = [("from the parts' bytes", lambda: lambda: None), ("parsed whole", _parsed_whole)] if hasattr(attachments, "_outlined") else [("read_attachment", lambda: lambda: None)]
        best: dict[str, tuple[float, int]] = {}
        for _ in range(args.repeat):
            for label, way in ways:
                took = _timed(False, read_all, way)
                if label not in best or took[0] < best[label][0]:
                    best[label] = took
        print(f"{len(files)} attached files of {args.messages} messages: " + ", ".join(f"{label} {t:.2f} s ({n} bytes)" for label, (t, n) in best.items()))
        if len(best) == 2:
            print(f"ratio, from the parts' bytes / parsed whole: {best[ways[0][0]][0] / best[ways[1][0]][0]:.2f}")


_PUT_IN = [
    b"=", b"==", b"=\r", b"\r", b"\n", b"\n--", b"\nbegin 644 x\n", b"\nend\n", b" ", b"\x00", b"\xff", b"QQ==", b"Q", b"=41", b"\r\n\r\n",
    b"\nFrom QUJD\n", b"\nFrom x\n\n", b"\n\tQUJD\n", b"\n: x\n", b"\n>From x\n",
]
_ENCODINGS = [b"base64", b"BASE64 ", b"quoted-printable", b"x-uuencode", b"8bit", b"bogus", b"base64\n\t"]


def _hostile(rng: random.Random, data: bytes) -> bytes:
    """A message changed further for ``--compare``: transfer encodings swapped and odd bytes put in."""
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.3 and b"Content-Transfer-Encoding: " in data:
            at = data.index(b"Content-Transfer-Encoding: ") + 27
            end = data.find(b"\n", at)
            data = data[:at] + rng.choice(_ENCODINGS) + data[end:]
        else:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(_PUT_IN) * rng.randint(1, 3) + data[at:]
    return data


def compare(args: argparse.Namespace) -> None:
    import gzip

    from tests.unit.test_attachments import _damaged, _random_message, _read_both_ways

    rng = random.Random(args.seed)
    messages = files = fell_back = differ = 0
    pieces = {"64 kB": 0, "3 to 64 bytes": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.compare):
            data = bytes(_random_message(rng))
            if n % 3:
                data = _damaged(rng, data)
                if rng.random() < 0.5:
                    data = _hostile(rng, data)
            small = rng.random() < 0.5
            attachments.READ_BYTES = rng.randint(3, 64) if small else 1 << 16  # type: ignore[misc]
            pieces["3 to 64 bytes" if small else "64 kB"] += 1
            folder = Path(tmp) / f"m{n}"
            folder.mkdir()
            (folder / "pr.eml").write_bytes(data)
            (folder / "pr.eml.gz").write_bytes(gzip.compress(data))
            (folder / "box.mbox").write_bytes(b"From a@example.org Tue Mar  5 07:00:00 2024\n" + data.replace(b"\nFrom ", b"\n>From ") + b"\n")
            messages += 1
            for path in folder.iterdir():
                try:
                    got = _read_both_ways(path)
                except AssertionError as exc:
                    differ += 1
                    print(f"message {n} ({path.name}) differs: {str(exc)[:300]}")
                    continue
                files += got[0]
                fell_back += got[1]
            attachments.READ_BYTES = 1 << 16  # type: ignore[misc]
    print(
        f"{messages} messages (x3 forms: .eml, .eml.gz, mailbox; read in pieces of {pieces}): {files} files compared,"
        f" {differ} forms differing, {fell_back} files read from the whole parse"
    )


def write_inputs(folder: Path) -> None:
    import binascii
    import gzip

    rng = random.Random(11)
    with_files = [m for n, m in enumerate(_messages(600, rng)) if n % 4 == 1 or n % 20 == 3][:120]
    (folder / "eml").mkdir(parents=True)
    for n, data in enumerate(with_files):
        (folder / "eml" / f"{n:03d}.eml").write_bytes(data.replace(b"\n", b"\r\n") if n % 3 == 0 else data)
    (folder / "mail").mkdir()
    (folder / "mail" / "box.mbox").write_bytes(b"".join(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + m + b"\n" for m in with_files[:60]))
    (folder / "gz").mkdir()
    for n, data in enumerate(with_files[60:80]):
        (folder / "gz" / f"{n:03d}.eml.gz").write_bytes(gzip.compress(data))
    (folder / "encodings").mkdir()
    for n in range(40):
        text = _text(rng, 240).encode()
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = "Pressestelle <presse@example.org>", "redaktion@example.org", f"Notiz {n}"
        m["Date"], m["Message-ID"] = "Tue, 05 Mar 2024 07:00:00 +0100", f"<notiz-{n}@example.org>"
        m.set_content(_text(rng, 120))
        if n % 4 == 0:
            m.add_attachment(text.decode(), subtype="plain", filename="notiz.txt", cte="quoted-printable")
        elif n % 4 == 1:
            m.add_attachment(text.decode(), subtype="plain", filename="notiz.txt", cte="8bit")
        elif n % 4 == 2:
            inner = EmailMessage()
            inner["From"], inner["Subject"] = "b@example.org", f"Weitergeleitet {n}"
            inner.set_content(_text(rng, 60))
            inner.add_attachment(pdf_bytes([_text(rng, 120)], title=f"Bericht {n}"), maintype="application", subtype="pdf", filename="bericht.pdf")
            m.add_attachment(inner)
        else:
            uu = b"begin 644 notiz.txt\n" + b"".join(binascii.b2a_uu(text[i : i + 45]) for i in range(0, len(text), 45)) + b"`\nend\n"
            m.add_attachment(b"x", maintype="text", subtype="plain", filename="notiz.txt")
            data = bytes(m).replace(b"Content-Transfer-Encoding: base64\n", b"Content-Transfer-Encoding: x-uuencode\n").replace(b"\n\neA==\n", b"\n\n" + uu)
            (folder / "encodings" / f"{n:03d}.eml").write_bytes(data)
            continue
        data = bytes(m)
        (folder / "encodings" / f"{n:03d}.eml").write_bytes(data.replace(b"\n", b"\r\n") if n % 3 == 0 else data)


def memory(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large" / "anlagen.eml"
        large.parent.mkdir()
        large.write_bytes(_large(args.large_mb, rng))
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        for n, data in enumerate(_messages(args.messages, rng)):
            (folder / f"{n:05d}.eml").write_bytes(data)
        for label, path in ((f"one message of {large.stat().st_size / 1e6:.1f} MB", large), (f"{args.messages} messages", folder)):
            before, after, refs = _peak(path)
            print(f"{label:28s} peak RSS {after:7.1f} MB, {before:6.1f} MB after the imports: discover adds {after - before:6.1f} MB ({refs} references)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--msg", action="store_true", help="the messages as Outlook .msg files")
    parser.add_argument("--memory", action="store_true", help="peak memory of discover instead of its time")
    parser.add_argument("--large-mb", type=int, default=54)
    parser.add_argument("--read-memory", action="store_true", help="peak memory of reading one attached file of the large message")
    parser.add_argument("--read", action="store_true", help="time of reading every attached file of the messages")
    parser.add_argument("--compare", type=int, default=0, help="compare the two readings on this many random messages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-inputs", type=Path, help="write the inputs of the ingest comparison into this folder")
    args = parser.parse_args()
    if args.write_inputs:
        write_inputs(args.write_inputs)
        return
    if args.compare:
        compare(args)
        return
    if args.read_memory:
        read_memory(args)
        return
    if args.read:
        reading(args)
        return
    if args.memory:
        memory(args)
        return
    rng = random.Random(7)
    messages = _outlook(args.messages, rng) if args.msg else _messages(args.messages, rng)
    suffix = ".msg" if args.msg else ".eml"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        for n, data in enumerate(messages):
            (folder / f"{n:05d}{suffix}").write_bytes(data)
        box = Path(tmp) / "mail" / "box.mbox"
        box.parent.mkdir()
        if not args.msg:
            box.write_bytes(b"".join(b"From presse@example.org Tue Mar  5 07:00:00 2024\n" + m + b"\n" for m in messages))
        size = sum(map(len, messages))
        print(f"{args.messages} messages, {size / 1e6:.1f} MB")
        forms = [(f"{suffix[1:]} files", folder, _no_eml_listing)] + ([] if args.msg else [("one mailbox", box, _no_mbox_listing)])
        for label, path, off in forms:
            best: dict[bool, tuple[float, int]] = {}
            discover([path])  # the page cache warm for both
            for _ in range(args.repeat):
                for listing in (False, True):
                    took = _timed(listing, lambda: len(discover([path])), off)
                    if listing not in best or took[0] < best[listing][0]:
                        best[listing] = took
            (before, n_before), (after, n_after) = best[False], best[True]
            own = [r for r in discover([path]) if r.record is None or r.record.kind != "email"]
            start = time.perf_counter()
            for ref in own:
                load_document(ref, max_bytes=20_000_000)
            loading = time.perf_counter() - start
            print(
                f"{label:12s} discover without listing {before:6.2f} s ({n_before} references), with {after:6.2f} s"
                f" ({n_after} references): ratio {after / before:.2f}; the listing's {after - before:.2f} s against"
                f" {loading:.2f} s to load the {len(own)} messages: {(after - before) / loading:.2f}"
            )


if __name__ == "__main__":
    main()

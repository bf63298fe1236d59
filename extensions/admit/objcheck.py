"""The object is the proof (issue 16, class 4 and 7): the compiled object
is read back and held to what was proved.

- Sections: only .text, .rodata, .data and .bss hold anything loaded, by
  exactly those names (no constructors, no injected section); the rest are
  the relocation, symbol and note sections an object always has.
- Symbols: the global ones are exactly ext_init, ext_fini if defined, and
  the functions of the exports header, each a function in .text. What it
  needs from outside is only what the imported interfaces export.
- Addresses: every function whose address the code takes (a relocation
  that is not a call) is a handler or guard the manifest lists, so proved
  against its event's contract.
- Stack: the worst case along the object's own call graph (calls and jumps
  read from the machine code, clones included), each frame from gcc's
  -fstack-usage for that very symbol. A cycle, an indirect call or a
  symbol with no known frame is refused.
"""
import re
import struct
import subprocess

LOADED = {".text", ".rodata", ".data", ".bss"}
METADATA = {"", ".symtab", ".strtab", ".shstrtab", ".comment", ".note.GNU-stack",
            ".rela.text", ".rela.rodata", ".rela.data"}
SHF_ALLOC = 0x2
STT_FUNC, STB_GLOBAL, STB_WEAK = 2, 1, 2


class ObjectError(Exception):
    pass


def _elf(data):
    """(sections [(name, type, flags)], symbols [(name, bind, type, shndx, value, size)])."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ObjectError("not a little-endian ELF64 object")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    heads = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab_of = heads[shstrndx]

    def cstr(off):
        return data[off:data.index(b"\0", off)].decode("latin-1")
    sections = [(cstr(strtab_of[4] + h[0]), h[1], h[2]) for h in heads]
    symbols = []
    for h in heads:
        if h[1] != 2:      # SHT_SYMTAB
            continue
        names = heads[h[6]][4]
        for off in range(h[4], h[4] + h[5], 24):
            name, info, _, shndx, value, size = struct.unpack_from("<IBBHQQ", data, off)
            symbols.append((cstr(names + name), info >> 4, info & 0xF, shndx, value, size))
    return sections, symbols


def _disassembly(path):
    """function -> list of (mnemonic, target symbol or None, operand text,
    relocation symbol or None), from objdump -dr."""
    r = subprocess.run(["objdump", "-dr", "-w", "--no-show-raw-insn", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise ObjectError("objdump cannot read it: " + r.stderr.strip()[:200])
    out, fn = {}, None
    for line in r.stdout.splitlines():
        head = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if head:
            fn = head[1]
            out[fn] = []
            continue
        if fn is None:
            continue
        reloc = re.match(r"^\s+[0-9a-f]+: (R_X86_64_\w+)\s+(\S+?)([-+]0x[0-9a-f]+)?$", line)
        if reloc and out[fn]:
            ins = out[fn][-1]
            addend = int(reloc[3].replace("0x", ""), 16) if reloc[3] else 0
            out[fn][-1] = (ins[0], ins[1], ins[2], (reloc[1], reloc[2], addend))
            continue
        ins = re.match(r"^\s+[0-9a-f]+:\s+(\S+)\s*(.*)$", line)
        if ins:
            target = re.search(r"<([^>+]+)(?:\+0x[0-9a-f]+)?>", ins[2])
            out[fn].append((ins[1], target[1] if target else None, ins[2], None))
    return out


def _data_relocations(path):
    """(section, symbol) for each relocation outside .text."""
    r = subprocess.run(["objdump", "-rw", path], capture_output=True, text=True)
    out, section = [], None
    for line in r.stdout.splitlines():
        head = re.match(r"^RELOCATION RECORDS FOR \[(.+)\]:", line)
        if head:
            section = head[1]
            continue
        rec = re.match(r"^[0-9a-f]+\s+(R_X86_64_\w+)\s+(\S+?)(?:[-+]0x[0-9a-f]+)?$", line)
        if rec and section and section != ".text":
            out.append((section, rec[2]))
    return out


def check(obj_path, su_path, roots, exported, listed, allowed_imports):
    """Refusal words (a list, empty when the object is the proof) and the
    worst-case stack. roots: entry points (init, fini, handlers, guards);
    exported: functions other extensions may call; listed: the manifest's
    handlers and guards; allowed_imports: what the interfaces export."""
    data = open(obj_path, "rb").read()
    sections, symbols = _elf(data)
    bad = []
    for name, stype, flags in sections:
        if flags & SHF_ALLOC and name not in LOADED:
            bad.append(f"the compiled object has a section {name!r}: only {', '.join(sorted(LOADED))} may be loaded")
        elif not flags & SHF_ALLOC and name not in METADATA and name not in LOADED:
            bad.append(f"the compiled object has an unexpected section {name!r}")
    text_index = [i for i, (n, _, _) in enumerate(sections) if n == ".text"]
    funcs = {s[0]: s for s in symbols if s[2] == STT_FUNC}
    want_global = {"ext_init", "ext_fini"} | set(exported)
    for name, bind, stype, shndx, _, _ in symbols:
        if bind in (STB_GLOBAL, STB_WEAK) and shndx != 0:
            if name not in want_global:
                bad.append(f"the compiled object defines a global symbol {name} that was not proved as an "
                           f"entry point (only ext_init, ext_fini and exported functions may be global)")
            elif stype != STT_FUNC or shndx not in text_index:
                bad.append(f"the compiled object's {name} is not a function in .text")
        if bind in (STB_GLOBAL, STB_WEAK) and shndx == 0 and name and name not in allowed_imports:
            bad.append(f"the compiled object calls {name}, which no imported interface exports")
    code = _disassembly(obj_path)
    text_funcs = sorted((s[4], s[4] + s[5], s[0]) for s in funcs.values() if s[3] in text_index)

    def in_text(offset):
        """The function whose code holds offset of .text."""
        return next((name for start, end, name in text_funcs if start <= offset < max(end, start + 1)), None)

    def reloc_target(reloc):
        rtype, sym, addend = reloc
        if sym == ".text":
            pc_relative = rtype in ("R_X86_64_PC32", "R_X86_64_PLT32")
            return in_text(addend + (4 if pc_relative else 0)) or ".text"
        return sym
    for name, sym in _data_relocations(obj_path):
        if sym.startswith(".text") or sym in funcs:
            bad.append(f"the compiled object stores a code address in {name}")
    calls, taken = {}, set()
    for fn, insns in code.items():
        for mnem, target, operands, reloc in insns:
            is_branch = mnem.startswith("call") or mnem.startswith("j")
            if is_branch and "*" in operands:
                bad.append(f"the compiled object makes an indirect {mnem} in {fn}")
                continue
            callee = None
            sym = reloc_target(reloc) if reloc else None
            if sym == ".text":
                bad.append(f"the compiled object refers to code outside any function from {fn}")
            elif sym in funcs or sym in allowed_imports:
                callee = sym
            elif is_branch and target and target != fn and target in funcs:
                callee = target
            if callee is None:
                continue
            if is_branch:
                calls.setdefault(fn, set()).add(callee)
            elif callee in funcs:
                taken.add(callee)
    for fn in sorted(taken - set(listed)):
        bad.append(f"the compiled object takes the address of {fn}, which the manifest does not list "
                   f"as a handler or guard (so it was not proved against an event's contract)")
    su = {}
    for line in open(su_path):
        where, size, qualifier = line.rstrip("\n").split("\t")
        name = where.rsplit(":", 1)[-1]
        su[name] = max(su.get(name, 0), int(size))
        if qualifier != "static":
            bad.append(f"{name} has a dynamic stack frame")
    # gcc's .su names a clone without its numbers (scan.constprop.isra for
    # the symbol scan.constprop.0.isra.0): clones of one name get the
    # largest frame.
    frames = {}
    for fn in code:
        name = fn if fn in su else re.sub(r"\.\d+(?=\.|$)", "", fn)
        if name in su:
            frames[fn] = su[name]
        elif fn in funcs:
            bad.append(f"the compiled object's {fn} has no stack figure from gcc")
    worst, cycle = 0, None
    memo, active = {}, []

    def deepest(fn):
        nonlocal cycle
        if fn in memo:
            return memo[fn]
        if fn in active:
            cycle = active[active.index(fn):] + [fn]
            return 0
        active.append(fn)
        below = [deepest(c) for c in calls.get(fn, ()) if c in code]
        active.pop()
        memo[fn] = frames.get(fn, 0) + max(below, default=0)
        return memo[fn]
    for r in roots:
        if r in code:
            worst = max(worst, deepest(r))
    for fn in code:
        deepest(fn)
    if cycle:
        bad.append("the compiled object recurses: " + " -> ".join(cycle))
    return bad, worst

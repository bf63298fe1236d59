"""The interfaces an extension may import, read from their headers
(extensions/include/spinel/NAME.h is interface NAME; kernel/modules.py
builds the kernel's domain for each from the same headers), and the events
whose handler contracts they state."""
import os
import re

from where import repo

INCLUDE = "extensions/include/spinel"
# Not interfaces: ext.h is what every extension includes.
NOT_INTERFACES = {"ext"}
# Functions whose contract is a handler's or init's: stated, not callable.
CONTRACT_SUFFIX = "_contract"

# Each event an extension may handle: its interface, and the functions in
# the header whose contracts are the handler and guard contracts (None:
# the event takes no extension handlers, or no guards).
EVENTS = {
    "Shell.Command": ("shell", "shell_handler_contract", "shell_guard_contract"),
    "Ext.Loaded": ("loads", "loads_handler_contract", None),
    "Strand.Block": ("strand", "strand_block_contract", None),
    "Strand.Unblock": ("strand", "strand_unblock_contract", None),
    "Strand.Checkpoint": ("strand", "strand_checkpoint_contract", None),
    "Strand.Resume": ("strand", "strand_resume_contract", None),
    "PhysAddr.Reclaim": ("phys", "phys_reclaim_contract", None),
    "Translation.PageNotPresent": ("translation", "translation_fault_contract", None),
    "Translation.BadAddress": ("translation", "translation_fault_contract", None),
    "Translation.ProtectionFault": ("translation", "translation_fault_contract", None),
    "Trap.Syscall": ("syscall", "syscall_handler_contract", None),
    "UDP.PacketArrived": ("udp", "udp_handler_contract", None),
    # Guards only: the kernel's handler behind a filter drops the packet.
    "IP.Filter": ("net", None, "net_filter_contract"),
}
# Interfaces with several events install each through its own pair of
# functions: the event each one's handler argument is for. (An interface
# with one event installs through NAME_install and NAME_uninstall.)
INSTALLS = {f"strand_{verb}_{e.lower()}": f"Strand.{e}"
            for verb in ("install", "uninstall") for e in ("Block", "Unblock", "Checkpoint", "Resume")}
INSTALLS.update({f"translation_{verb}_{suffix}": f"Translation.{e}"
                 for verb in ("install", "uninstall")
                 for suffix, e in (("not_present", "PageNotPresent"), ("bad_address", "BadAddress"),
                                   ("protection", "ProtectionFault"))})
INSTALLS.update({f"net_filter_{verb}": "IP.Filter" for verb in ("install", "uninstall")})
# The role of each function-pointer argument of an install or uninstall,
# in order, where it is not the default (a handler, then a guard): a
# filter is installed as a guard alone.
ROLES = {"net_filter_install": ("guard",), "net_filter_uninstall": ("guard",)}
DEFAULT_ROLES = ("handler", "guard")
INIT = ("ext_init", "ext_init_contract")
FINI = ("ext_fini", "ext_fini_contract")

PROTOTYPE = re.compile(r"^(?!typedef|struct|enum|union|static|#)[A-Za-z_][\w \*]*?\b(\w+)\s*\(")


def declared(path):
    """Function names a header declares at the start of a line."""
    names, in_comment = [], False
    with open(path) as f:
        for line in f:
            if in_comment:
                in_comment = "*/" not in line
                continue
            if line.lstrip().startswith("/*"):
                in_comment = "*/" not in line
                continue
            m = PROTOTYPE.match(line)
            if m:
                names.append(m[1])
    return names


def header(name):
    """NAME's header, relative to the repository."""
    return os.path.join(INCLUDE, name + ".h")


def owner(function):
    """The interface whose header declares function, or None."""
    for name in known():
        if function in callable_functions(repo(header(name))):
            return name
    return None


def known():
    return sorted(n[:-2] for n in os.listdir(repo(INCLUDE)) if n.endswith(".h") and n[:-2] not in NOT_INTERFACES)


def callable_functions(path):
    return [n for n in declared(path) if not n.endswith(CONTRACT_SUFFIX)]


def contract_of(path, function):
    """The ACSL contract written just before function's prototype in path,
    and the prototype itself (return type, parameter list)."""
    text = open(path).read()
    m = re.search(r"/\*@((?:(?!\*/).)*?)\*/\s*\n([^\n;]*?\b" + function + r"\s*\(([^)]*)\))\s*;", text, re.S)
    if not m:
        raise KeyError(f"{path}: no contract for {function}")
    proto = m[2]
    ret = proto[:proto.index(function)].strip()
    params = [p.strip() for p in m[3].split(",") if p.strip() and p.strip() != "void"]
    return m[1], ret, params

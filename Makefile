# Spinel: build, prove, test and run.  See README.md; `make help` lists
# the targets, from the "## target: what it does" lines above each rule.

VERSION := 0.1.0
BUILD   := build
CC      ?= gcc
KCC     := gcc
PYTHON  := python3

# --- kernel image ---------------------------------------------------------
# The portable core, one folder per subsystem (kernel/core/SUB/), with its
# headers in kernel/include/SUB/ and its models in spec/SUB/; the runtime
# that uses it (init, shell, extensions, benchmarks) in kernel/RUNTIME/.
CORE_SUBSYSTEMS := lib boot mem cap event crypto domain strand app net
RUNTIME_DIRS := init shell ext bench strand vm app
RUNTIME_DIRS += net
CORE_SRCS := $(sort $(wildcard $(CORE_SUBSYSTEMS:%=kernel/core/%/*.c)))
INIT_SRCS := $(sort $(wildcard $(RUNTIME_DIRS:%=kernel/%/*.c)))
ARCH_SRCS := $(sort $(wildcard kernel/arch/x86_64/*.c))
ASM_SRCS  := $(sort $(wildcard boot/*.S kernel/arch/x86_64/*.S))

# -fstack-clash-protection: a frame larger than a page is probed page by
# page, so no frame can step over a kernel stack's unmapped guard page.
KCFLAGS := -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
  -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-stack-protector -fstack-clash-protection \
  -fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -O2 -g \
  -Wall -Wextra -Werror -Ikernel/include -Ikernel -Ikernel/arch/x86_64 -Ispec -Iextensions/include -Iuser/include \
  -DSPINEL_VERSION='"$(VERSION)"' -MMD -MP
KLDFLAGS := -nostdlib -static -no-pie -Wl,-T,boot/linker.ld \
  -Wl,-z,max-page-size=0x1000 -Wl,--build-id=none -Wl,-z,noexecstack

.SECONDEXPANSION:

KOBJS := $(patsubst %.c,$(BUILD)/k/%.o,$(CORE_SRCS) $(INIT_SRCS) $(ARCH_SRCS)) \
         $(patsubst %.S,$(BUILD)/k/%.o,$(ASM_SRCS))
KERNEL := $(BUILD)/spinel.elf
ISO    := $(BUILD)/spinel.iso

## all: the kernel image build/spinel.elf (what plain `make` builds)
all: $(KERNEL)

## help: this list
help:
	@awk '/^## [^ :]+[^:]*: / { sub(/^## /, ""); i = index($$0, ": "); \
	  printf "  make %-30s %s\n", substr($$0, 1, i - 1), substr($$0, i + 2) }' $(MAKEFILE_LIST)

$(BUILD)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c $< -o $@

# Module domains: generated from the interface headers, checked against
# the kernel's own symbol table.
MODULE_TABLE := $(BUILD)/gen/module_table.c
$(MODULE_TABLE): kernel/modules.py $(KOBJS) $(wildcard kernel/include/*.h kernel/include/*/*.h)
	@mkdir -p $(dir $@)
	$(PYTHON) kernel/modules.py $@ $(filter %.o,$(KOBJS))
$(BUILD)/gen/module_table.o: $(MODULE_TABLE)
	$(KCC) $(KCFLAGS) -c $< -o $@

# The signing key: made once per machine, outside the tree
# (extensions/admit/keygen.py); the kernel compiles in only its public key,
# with the interface headers' digest. keygen rewrites the public key only
# when it changed, so it is checked on every build.
ADMISSION_PUB := $(BUILD)/key/admission.pub
EXT_INTERFACE := $(wildcard extensions/include/spinel/*.h) spec/ext/ext.acsl
ADMIT_TOOL := $(wildcard extensions/admit/*.py extensions/admit/*.ml)
$(ADMISSION_PUB): FORCE
	@$(PYTHON) extensions/admit/keygen.py --public $@
FORCE:
$(BUILD)/gen/admission.c: $(ADMISSION_PUB) $(EXT_INTERFACE) extensions/admit/keygen.py extensions/admit/package.py
	@mkdir -p $(dir $@)
	$(PYTHON) extensions/admit/keygen.py --public $(ADMISSION_PUB) --c $@
$(BUILD)/gen/admission.o: $(BUILD)/gen/admission.c
	$(KCC) $(KCFLAGS) -c $< -o $@
GEN_OBJS := $(BUILD)/gen/module_table.o $(BUILD)/gen/admission.o

$(KERNEL): $(KOBJS) $(GEN_OBJS) boot/linker.ld
	$(KCC) $(KCFLAGS) $(KLDFLAGS) $(KOBJS) $(GEN_OBJS) -o $@ -lgcc
	@$(PYTHON) ci/check_image.py $@

# --- sample extensions: admitted (proved, compiled, certified) -------------
# In load order: tracer first, to see the others load; sum imports checksum;
# echo serves UDP port 7, where make run forwards the host's port 5555.
EXT_SAMPLES := tracer counter hello checksum sum echo
# Admitted with them but not loaded at boot (boot/grub.cfg): sched's
# strands would share the processor with the shell in every session;
# pager's, guard's and reclaim's frames would show in every session's `vm`;
# kv's system calls are for tests (tests/boot/app_cases.py); netkv and
# filter serve the network tests (tests/net/).
EXT_UNLOADED := sched pager guard reclaim kv netkv filter
EXT_PACKAGES := $(patsubst %,$(BUILD)/ext/%.ext,$(EXT_SAMPLES) $(EXT_UNLOADED))
$(BUILD)/ext/%.ext: $$(wildcard extensions/$$*/*.c extensions/$$*/*.h) extensions/$$*/$$*.manifest \
    $(EXT_INTERFACE) $(ADMIT_TOOL) $(ADMISSION_PUB) proofs/wp.mk kernel/ext/ext.h
	$(PYTHON) extensions/admit/admit.py --out $@ extensions/$*/$*.manifest
$(BUILD)/ext/sum.ext: extensions/checksum/checksum.h
## exts: admit the sample extensions: build/ext/NAME.ext (proved, compiled, signed)
exts: $(EXT_PACKAGES)

# --- applications: ring-3 programs (user/) -----------------------------------
# Static ELF64 executables, linked at SYS_USER_MIN (abi.h) from the user
# library (user/lib: _start, the syscall stub, the call wrappers, uprintf)
# and one folder per app (user/apps/NAME/NAME.c). faulty.c is five apps,
# its case chosen at build time: faulty-NAME.elf is built with -DCASE=N.
# -mgeneral-regs-only: no SSE, MMX or x87 code, so the kernel need not
# save those registers across a switch. -z separate-code puts code in
# pages of its own, so no page is both written and executed and no two
# segments share a page (tests/apps/test_apps_elf.py checks both);
# --fatal-warnings makes ld's warning of an RWX segment an error.
UCC := gcc
UCFLAGS := -std=c11 -ffreestanding -fno-builtin -fno-pic -fno-pie -mgeneral-regs-only \
  -fno-stack-protector -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
  -O2 -g -Wall -Wextra -Werror -Iuser/include -MMD -MP
USER_MIN := $(shell sed -n 's/^\#define SYS_USER_MIN \(0x[0-9a-fA-F]*\).*/\1/p' user/include/spinel/abi.h)
ULDFLAGS := -static -nostdlib -no-pie -Wl,-Ttext-segment=$(USER_MIN) -Wl,-z,separate-code \
  -Wl,-z,noexecstack -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--fatal-warnings
FAULTY_CASES := 1:null 2:priv 3:kptr 4:forged 5:exit
APPS := hello spin refs sysfuzz null kvclient pingpong $(patsubst %,faulty-%,$(foreach c,$(FAULTY_CASES),$(word 2,$(subst :, ,$c))))
APP_ELFS := $(APPS:%=$(BUILD)/apps/%.elf)
ULIB_OBJS := $(patsubst %,$(BUILD)/u/%.o,$(basename $(sort $(wildcard user/lib/*.c user/lib/*.S))))

$(BUILD)/u/%.o: %.c
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -c $< -o $@
$(BUILD)/u/%.o: %.S
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -c $< -o $@
# Static pattern rules: they apply to these objects only (a pattern rule
# for faulty-%.o would also offer to make faulty-exit.d.o, and through
# make's built-in rules the dependency files this Makefile includes).
APP_OBJS := $(APPS:%=$(BUILD)/u/app/%.o)
$(filter-out $(BUILD)/u/app/faulty-%,$(APP_OBJS)): $(BUILD)/u/app/%.o: user/apps/$$*/$$*.c
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -c $< -o $@
$(filter $(BUILD)/u/app/faulty-%,$(APP_OBJS)): $(BUILD)/u/app/faulty-%.o: user/apps/faulty/faulty.c
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -DCASE=$(subst :$*,,$(filter %:$*,$(FAULTY_CASES))) -c $< -o $@

.SECONDARY: $(ULIB_OBJS) $(APP_OBJS)
$(APP_ELFS): $(BUILD)/apps/%.elf: $(BUILD)/u/app/%.o $(ULIB_OBJS)
	$(if $(USER_MIN),,$(error SYS_USER_MIN not found in user/include/spinel/abi.h))
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) $(ULDFLAGS) $^ -lgcc -o $@

# Test fixtures linked like the apps (tests/apps/NAME.c).
APP_FIXTURES := $(patsubst tests/apps/%.c,$(BUILD)/apps/test/%.elf,$(filter-out tests/apps/test_%,$(wildcard tests/apps/*.c)))
$(APP_FIXTURES): $(BUILD)/apps/test/%.elf: tests/apps/%.c $(ULIB_OBJS)
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) $(ULDFLAGS) $< $(ULIB_OBJS) -lgcc -o $@

## apps: the sample applications, build/apps/NAME.elf (static ELF64, ring 3)
apps: $(APP_ELFS) $(APP_FIXTURES)
## app-elfs: (for tools) the applications make apps builds
app-elfs:
	@echo $(APP_ELFS)

# The formatter of uprintf, hosted, against the C library's snprintf.
$(BUILD)/unit/test_print: tests/apps/test_print.c user/lib/print.c user/include/spinel/sys.h tests/unit/check.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests/unit -Iuser/include tests/apps/test_print.c user/lib/print.c -o $@
APP_TESTS := tests/apps/test_apps_elf.py tests/apps/test_apps_host.py

# --- GRUB ISO ---------------------------------------------------------------
# ISO_OBJECTS="a.o dir/b.o": ELF objects for the kernel's code model, given
# to GRUB as /boot/obj/a.o with "domain a" (the domain is the file's name).
# The grub.cfg is boot/grub.cfg with their module2 lines added before
# "boot"; the list is kept in a stamp file, so the ISO is rebuilt when it
# changes (and when an object does). Each ISO has its own staging folder,
# grub.cfg and stamp, so a test can build another (ISO=build/t/x.iso).
ISO_OBJECTS ?=
# The sample applications boot/grub.cfg names ("app NAME"): `run NAME`.
ISO_APPS := hello refs spin kvclient pingpong faulty-null faulty-priv
ISO_OBJECT_NAMES := $(basename $(notdir $(ISO_OBJECTS)))
$(if $(filter-out $(words $(ISO_OBJECT_NAMES)),$(words $(sort $(ISO_OBJECT_NAMES)))),\
  $(error ISO_OBJECTS: two objects have the same file name: $(ISO_OBJECTS)))
ISO_STAGE := $(basename $(ISO))-root
ISO_GRUB_CFG := $(basename $(ISO)).grub.cfg
ISO_OBJECTS_LIST := $(basename $(ISO)).objects

## iso [ISO_OBJECTS="a.o b.o"]: build/spinel.iso, GRUB booting the kernel with the sample extensions (and those objects as domains a, b)
iso: $(ISO)
$(ISO): $(KERNEL) $(ISO_GRUB_CFG) $(EXT_PACKAGES) $(APP_ELFS) $(ISO_OBJECTS)
	@rm -rf $(ISO_STAGE) && mkdir -p $(ISO_STAGE)/boot/grub $(ISO_STAGE)/boot/ext $(ISO_STAGE)/boot/obj $(ISO_STAGE)/boot/app
	cp $(KERNEL) $(ISO_STAGE)/boot/spinel.elf
	cp $(EXT_PACKAGES) $(ISO_STAGE)/boot/ext/
	cp $(ISO_APPS:%=$(BUILD)/apps/%.elf) $(ISO_STAGE)/boot/app/
	$(if $(ISO_OBJECTS),cp $(ISO_OBJECTS) $(ISO_STAGE)/boot/obj/)
	cp $(ISO_GRUB_CFG) $(ISO_STAGE)/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(ISO_STAGE) 2>/dev/null

# Rewritten only when the list changes: what the ISO depends on.
$(ISO_OBJECTS_LIST): FORCE
	@mkdir -p $(dir $@)
	@echo '$(ISO_OBJECTS)' | cmp -s - $@ || echo '$(ISO_OBJECTS)' > $@

$(ISO_GRUB_CFG): boot/grub.cfg $(ISO_OBJECTS_LIST)
	@mkdir -p $(dir $@)
	awk -v objs='$(ISO_OBJECTS)' '/^[ \t]*boot[ \t]*$$/ { n = split(objs, o, " "); \
	  for (i = 1; i <= n; i++) { f = o[i]; sub(/.*\//, "", f); d = f; sub(/\.[^.]*$$/, "", d); \
	    printf "    module2 /boot/obj/%s domain %s\n", f, d } } { print }' boot/grub.cfg > $@

# --- running ----------------------------------------------------------------
QEMU := qemu-system-x86_64
QEMU_COMMON := -m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
# A CPU with SMEP and SMAP, which the kernel turns on for ring 3 (qemu64
# has neither; tests/boot/readme_session.py boots with the same).
QEMU_CPU := -cpu qemu64,+smep,+smap

# QEMU's stdio backend leaves the terminal's output processing on, and with
# it the newline translation (onlcr) that turns the kernel's CR LF into
# CR CR LF: off while QEMU runs (QEMU starts from the terminal's settings
# and restores them), then the terminal as it was. Nothing without a tty.
TTY_NO_ONLCR = tty=$$(stty -g 2>/dev/null) && stty -onlcr;
TTY_RESTORE = ; [ -z "$$tty" ] || stty "$$tty"

# COM2, the load port, listens for extensions/spinel load on the socket
# the recipe puts in $$sock: build/load.sock, or build/load-N.sock when
# another make run of this tree listens there (extensions/load_socket.py).
LOAD_SOCKET := $(PYTHON) extensions/load_socket.py $(BUILD)
LOAD_PORT := -chardev socket,id=load,path=$$sock,server=on,wait=off -serial chardev:load
# The network: a virtio-net device on QEMU's user networking (slirp, the
# guest is 10.0.2.15), host UDP port $$port forwarded to the guest's port
# 7: 5555, or any free port when 5555 is taken.
UDP_PORT_FREE = $(PYTHON) -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(('127.0.0.1', $1))"
UDP_PORT_ANY := $(PYTHON) -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
NET_PORT := port=5555; $(call UDP_PORT_FREE,5555) 2>/dev/null || port=$$($(UDP_PORT_ANY)) || exit 2
RUN_NET := -netdev user,id=n0,hostfwd=udp:127.0.0.1:$$port-:7 -device virtio-net-pci,netdev=n0
## run: boot the ISO in QEMU, the serial console on this terminal, the load port on build/load.sock (or load-N.sock if that one is taken)
run: deps-run $(ISO)
	@sock=$$($(LOAD_SOCKET)) || exit 2; \
	[ "$$sock" = $(BUILD)/load.sock ] && to= || to=" --socket $$sock"; \
	echo "Spinel on the serial console below, with the sample extensions $(EXT_SAMPLES) loaded:"; \
	echo "  try 'tracer', 'counter', 'hello', 'sum TEXT', 'ext list', 'ext info sum'; 'halt' to leave."; \
	echo "  Applications in ring 3: 'apps', then 'run hello' (or refs, spin, faulty-null, faulty-priv);"; \
	echo "  two talking through a port: 'run pingpong server', then 'run pingpong client 1000'."; \
	echo "  kvclient uses the kv extension's system calls: extensions/spinel load build/ext/kv.ext$$to first."; \
	echo "Load another while it runs: extensions/spinel admit my.manifest, then (in a second terminal)"; \
	echo "  extensions/spinel load build/ext/NAME.ext$$to, extensions/spinel unload NAME$$to"; \
	$(NET_PORT); \
	echo "The network: virtio-net, the guest is 10.0.2.15; UDP to 127.0.0.1:$$port reaches its port 7 ('net' counts frames)."; \
	$(TTY_NO_ONLCR) $(QEMU) $(QEMU_COMMON) $(QEMU_CPU) -cdrom $(ISO) -display none -serial mon:stdio $(LOAD_PORT) $(RUN_NET) || true $(TTY_RESTORE)

## debug: make run's ISO and load port, with QEMU halted for gdb on :1234 (gdb -x boot/gdbinit)
debug: deps-run $(ISO)
	@sock=$$($(LOAD_SOCKET)) || exit 2; \
	echo "QEMU waits for gdb on :1234; in another terminal: gdb -x boot/gdbinit"; \
	echo "  it stops in kmain; once an extension is loaded, 'spinel-ext NAME' in gdb loads its symbols"; \
	echo "  where it was placed ('ext info NAME' shows the addresses). Leave QEMU: Ctrl-A x."; \
	$(NET_PORT); \
	$(TTY_NO_ONLCR) $(QEMU) $(QEMU_COMMON) $(QEMU_CPU) -cdrom $(ISO) -display none -serial mon:stdio $(LOAD_PORT) $(RUN_NET) -s -S || true $(TTY_RESTORE)

# --- proofs -----------------------------------------------------------------
include proofs/wp.mk
include proofs/report.mk

# What the kernel image is compiled from, for the trusted-base check.
## kernel-sources: (for tools) the files the kernel image is compiled from
kernel-sources:
	@echo $(CORE_SRCS) $(INIT_SRCS) $(ARCH_SRCS) $(ASM_SRCS) boot/linker.ld $(MODULE_TABLE) $(BUILD)/gen/admission.c
## proved-modules: (for tools) the proved modules
proved-modules:
	@echo $(PROVED_MODULES)
## law-modules: (for tools) the modules of laws
law-modules:
	@echo $(LAW_MODULES)

# --- hosted unit tests of the portable core ---------------------------------
HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -Ikernel/include -Ispec -Iuser/include \
  -DSPINEL_HOSTED -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(sort $(wildcard tests/unit/test_*.c)))
UNIT_TESTS += $(BUILD)/unit/test_print

$(BUILD)/unit/%: tests/unit/%.c $(CORE_SRCS) tests/unit/check.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(UNIT_EXTRA) -Itests/unit $< $(CORE_SRCS) -o $@

# Objects the linker tests load: the same sources under each compiler and
# option set users build extensions with (non-PIC ones, -fno-pic in the
# small code model, are placed below 2 GiB by the hosted test).
DOMAIN_OBJ_VARIANTS := gcc-O0 gcc-O2 gcc-Os-sections gcc-O2-pic clang-O0 clang-O2 clang-O2-pic
DOMAIN_OBJ_FLAGS := -std=c11 -ffreestanding -fno-common -fno-stack-protector -Wall -Wextra -Werror
variant_cc = $(word 1,$(subst -, ,$1))
variant_flags = -$(word 2,$(subst -, ,$1)) $(if $(findstring -pic,$1),-fPIC,-fno-pic) \
  $(if $(findstring -sections,$1),-ffunction-sections -fdata-sections)
DOMAIN_OBJS := $(foreach v,$(DOMAIN_OBJ_VARIANTS),$(foreach f,lib app,$(BUILD)/domain-objs/$v/$f.o))

$(BUILD)/domain-objs/%.o: $$(wildcard tests/domain/$$(notdir $$*).c)
	@mkdir -p $(dir $@)
	$(call variant_cc,$(notdir $(patsubst %/,%,$(dir $*)))) $(DOMAIN_OBJ_FLAGS) \
	  $(call variant_flags,$(notdir $(patsubst %/,%,$(dir $*)))) -c $< -o $@

$(BUILD)/unit/test_domain: $(DOMAIN_OBJS)
# Static executables the exec planner's tests and fuzzer read: built as
# users build them (-static -nostdlib), with ld's default -z separate-code
# and without it.
EXEC_SAMPLE_VARIANTS := gcc-O0 gcc-O2 gcc-Os gcc-O2-noseparate clang-O2
EXEC_SAMPLE_FLAGS := -std=c11 -static -nostdlib -ffreestanding -fno-stack-protector -Wall -Wextra -Werror
EXEC_SAMPLES := $(foreach v,$(EXEC_SAMPLE_VARIANTS),$(foreach f,hello big,$(BUILD)/exec-samples/$v/$f))
$(BUILD)/exec-samples/%: tests/exec/$$(notdir $$*).c
	@mkdir -p $(dir $@)
	$(call variant_cc,$(notdir $(patsubst %/,%,$(dir $*)))) $(EXEC_SAMPLE_FLAGS) \
	  -$(word 2,$(subst -, ,$(notdir $(patsubst %/,%,$(dir $*))))) \
	  $(if $(findstring -noseparate,$*),-Wl$(comma)-z$(comma)noseparate-code) $< -o $@
comma := ,
$(BUILD)/unit/test_exec: $(EXEC_SAMPLES)
# Packages signed with a throwaway key, made fresh with the test binary.
$(BUILD)/unit/test_package: tests/unit/test_package.c $(CORE_SRCS) tests/unit/check.h tests/unit/make_package_fixture.py \
    extensions/admit/lms.py extensions/admit/package.py
	@mkdir -p $(dir $@)
	$(PYTHON) tests/unit/make_package_fixture.py $(BUILD)/unit/package-fixture
	$(CC) $(HOST_CFLAGS) -Itests/unit tests/unit/test_package.c $(CORE_SRCS) -o $@
$(BUILD)/unit/test_domain: UNIT_EXTRA := -no-pie
$(BUILD)/unit/test_net_stack: $$(NET_STACK_SRCS) $(wildcard kernel/net/*.h)
$(BUILD)/unit/test_net_stack: UNIT_EXTRA = -Ikernel -Iextensions/include $(NET_STACK_SRCS)

## unit: build the hosted unit tests (build/unit/test_*; make test runs them)
unit: $(UNIT_TESTS)

# --- libFuzzer harnesses (clang), run for FUZZ_SECONDS each by make test ----
FUZZ_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror -Ikernel/include -Ispec -Iuser/include \
  -DSPINEL_HOSTED -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZERS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 20

$(BUILD)/fuzz/%: tests/fuzz/%.c $(CORE_SRCS) tests/fuzz/seeds.py
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $< $(CORE_SRCS) $(FUZZ_EXTRA) -o $@
	$(PYTHON) tests/fuzz/seeds.py $@.seeds

$(BUILD)/fuzz/fuzz_domain: $(DOMAIN_OBJS)
# The protocol stack (kernel/net/, but not its device glue) builds hosted.
NET_STACK_SRCS := $(addprefix kernel/net/,stack.c layer.c net_ether.c net_arp.c net_ip.c net_icmp.c net_udp.c)
$(BUILD)/fuzz/fuzz_net_stack: $(NET_STACK_SRCS) $(wildcard kernel/net/*.h)
$(BUILD)/fuzz/fuzz_net_stack: FUZZ_EXTRA := -Ikernel -Iextensions/include $(NET_STACK_SRCS)
$(BUILD)/fuzz/fuzz_exec: $(EXEC_SAMPLES)
$(BUILD)/fuzz/fuzz_package: $(EXT_PACKAGES)

## fuzz: build the libFuzzer harnesses (build/fuzz/fuzz_*)
fuzz: $(FUZZERS)

# --- host tools built from the portable core ---------------------------------
$(BUILD)/domain-dump: extensions/domain-dump.c $(CORE_SRCS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $< $(CORE_SRCS) -o $@

$(BUILD)/exec-plan: user/exec-plan.c $(CORE_SRCS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $< $(CORE_SRCS) -o $@

## tools: host tools from the portable core: build/domain-dump FILE.o, build/exec-plan FILE
tools: $(BUILD)/domain-dump $(BUILD)/exec-plan
TOOL_TESTS := $(sort $(wildcard tests/tools/test_*.py))
TOOL_TESTS += tests/report/test_report.py
# The admission tool: samples admitted, every file of the corpus refused.
ADMIT_TESTS := tests/admit/test_gate.py tests/admit/test_admit.py tests/admit/test_messages.py tests/proofs/test_false_lemma.py \
  tests/proofs/test_forged_cache.py

## test: unit tests, fuzzers, tool and admission tests, QEMU boot tests; ends with "N passed, M failed"
test: deps-test $(KERNEL) $(ISO) unit fuzz tools apps
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(PYTHON) tests/run.py $(UNIT_TESTS) $(TOOL_TESTS) $(APP_TESTS) $(ADMIT_TESTS) $(FUZZERS)

# Proofs replay the committed cache (proofs/cache), except a fresh random
# sample of modules that is re-proved live (proofs/sample.py), two modules
# at a time. Each phase's wall time goes to build/phases.txt.
## check: make -j2 prove (cached, a random sample live), then make test
check: deps-check
	@rm -f $(BUILD)/phases.txt
	@live="$$(python3 proofs/sample.py)" && \
	  bash ci/phase.sh prove $(MAKE) -j2 prove PROVE_LIVE="$$live"
	@bash ci/phase.sh build $(MAKE) $(KERNEL) $(ISO) unit fuzz tools apps
	$(MAKE) test

$(BUILD)/bench_domain_host: tests/bench_domain_host.c $(CORE_SRCS)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -Ikernel/include -Ispec -Iuser/include -DSPINEL_HOSTED $< $(CORE_SRCS) -o $@

## bench: benchmarks (instruction counts under -icount, hosted ns, admission ms); build/bench.json
bench: deps-test $(KERNEL) $(BUILD)/bench_domain_host $(EXT_PACKAGES) $(APP_ELFS)
	$(PYTHON) tests/bench.py $(KERNEL)

# --- dependencies on a fresh Debian 12 machine ------------------------------
## deps-run: install what make run needs (Debian 12)
deps-run:
	@bash ci/deps.sh run
## deps-test: install what make test needs
deps-test:
	@bash ci/deps.sh test
## deps-check: install what make check needs
deps-check:
	@bash ci/deps.sh check

## clean: remove build/
clean:
	rm -rf $(BUILD) .frama-c

.PHONY: kernel-sources proved-modules law-modules all help exts apps app-elfs iso run debug unit fuzz tools test check bench clean deps-run deps-test deps-check

-include $(KOBJS:.o=.d)
-include $(ULIB_OBJS:.o=.d) $(APP_OBJS:.o=.d) $(APP_FIXTURES:.elf=.d)

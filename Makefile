# Spinel: build, prove, test and run.  See README.md.

VERSION := 0.1.0
BUILD   := build
CC      ?= gcc
KCC     := gcc
PYTHON  := python3

# --- kernel image ---------------------------------------------------------
CORE_SRCS := $(sort $(wildcard kernel/core/*.c))
INIT_SRCS := $(sort $(wildcard kernel/init/*.c))
ARCH_SRCS := $(sort $(wildcard kernel/arch/x86_64/*.c))
ASM_SRCS  := $(sort $(wildcard boot/*.S kernel/arch/x86_64/*.S))

# -fstack-clash-protection: a frame larger than a page is probed page by
# page, so no frame can step over a kernel stack's unmapped guard page.
KCFLAGS := -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
  -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-stack-protector -fstack-clash-protection \
  -fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -O2 -g \
  -Wall -Wextra -Werror -Ikernel/include -Ikernel/arch/x86_64 -Ispec -Iextensions/include \
  -DSPINEL_VERSION='"$(VERSION)"' -MMD -MP
KLDFLAGS := -nostdlib -static -no-pie -Wl,-T,boot/linker.ld \
  -Wl,-z,max-page-size=0x1000 -Wl,--build-id=none -Wl,-z,noexecstack

.SECONDEXPANSION:

KOBJS := $(patsubst %.c,$(BUILD)/k/%.o,$(CORE_SRCS) $(INIT_SRCS) $(ARCH_SRCS)) \
         $(patsubst %.S,$(BUILD)/k/%.o,$(ASM_SRCS))
KERNEL := $(BUILD)/spinel.elf
ISO    := $(BUILD)/spinel.iso

all: $(KERNEL)

$(BUILD)/k/%.o: %.c
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/%.o: %.S
	@mkdir -p $(dir $@)
	$(KCC) $(KCFLAGS) -c $< -o $@

# Module domains: generated from the interface headers, checked against
# the kernel's own symbol table.
MODULE_TABLE := $(BUILD)/gen/module_table.c
$(MODULE_TABLE): kernel/modules.py $(KOBJS) $(wildcard kernel/include/*.h)
	@mkdir -p $(dir $@)
	$(PYTHON) kernel/modules.py $@ $(filter %.o,$(KOBJS))
$(BUILD)/gen/module_table.o: $(MODULE_TABLE)
	$(KCC) $(KCFLAGS) -Ikernel/init -c $< -o $@

# The signing key: made once per machine, outside the tree
# (extensions/admit/keygen.py); the kernel compiles in only its public key,
# with the interface headers' digest. keygen rewrites the public key only
# when it changed, so it is checked on every build.
ADMISSION_PUB := $(BUILD)/key/admission.pub
EXT_INTERFACE := $(wildcard extensions/include/spinel/*.h) spec/ext.acsl
ADMIT_TOOL := $(wildcard extensions/admit/*.py extensions/admit/*.ml)
$(ADMISSION_PUB): FORCE
	@$(PYTHON) extensions/admit/keygen.py --public $@
FORCE:
$(BUILD)/gen/admission.c: $(ADMISSION_PUB) $(EXT_INTERFACE) extensions/admit/keygen.py extensions/admit/package.py
	@mkdir -p $(dir $@)
	$(PYTHON) extensions/admit/keygen.py --public $(ADMISSION_PUB) --c $@
$(BUILD)/gen/admission.o: $(BUILD)/gen/admission.c
	$(KCC) $(KCFLAGS) -Ikernel/init -c $< -o $@
GEN_OBJS := $(BUILD)/gen/module_table.o $(BUILD)/gen/admission.o

$(KERNEL): $(KOBJS) $(GEN_OBJS) boot/linker.ld
	$(KCC) $(KCFLAGS) $(KLDFLAGS) $(KOBJS) $(GEN_OBJS) -o $@ -lgcc
	@$(PYTHON) ci/check_image.py $@

# --- sample extensions: admitted (proved, compiled, certified) -------------
# In load order: tracer first, to see the others load; sum imports checksum.
EXT_SAMPLES := tracer counter hello checksum sum
EXT_PACKAGES := $(patsubst %,$(BUILD)/ext/%.ext,$(EXT_SAMPLES))
$(BUILD)/ext/%.ext: $$(wildcard extensions/$$*/*.c extensions/$$*/*.h) extensions/$$*/$$*.manifest \
    $(EXT_INTERFACE) $(ADMIT_TOOL) $(ADMISSION_PUB) proofs/wp.mk kernel/init/ext.h
	$(PYTHON) extensions/admit/admit.py --out $@ extensions/$*/$*.manifest
$(BUILD)/ext/sum.ext: extensions/checksum/checksum.h
exts: $(EXT_PACKAGES)

# --- GRUB ISO ---------------------------------------------------------------
iso: $(ISO)
$(ISO): $(KERNEL) boot/grub.cfg $(EXT_PACKAGES)
	@rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub $(BUILD)/iso/boot/ext
	cp $(KERNEL) $(BUILD)/iso/boot/spinel.elf
	cp $(EXT_PACKAGES) $(BUILD)/iso/boot/ext/
	cp boot/grub.cfg $(BUILD)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/iso 2>/dev/null

# --- running ----------------------------------------------------------------
QEMU := qemu-system-x86_64
QEMU_COMMON := -m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04

# COM2, the load port, listens on build/load.sock for extensions/spinel load.
LOAD_PORT := -chardev socket,id=load,path=$(BUILD)/load.sock,server=on,wait=off -serial chardev:load
run: deps-run $(ISO)
	@echo "Spinel on the serial console below, with the sample extensions $(EXT_SAMPLES) loaded:"
	@echo "  try 'tracer', 'counter', 'hello', 'sum TEXT', 'ext list', 'ext info sum'; 'halt' to leave."
	@echo "Load another while it runs: extensions/spinel admit my.manifest, then"
	@echo "  extensions/spinel load build/ext/NAME.ext  (in a second terminal)"
	$(QEMU) $(QEMU_COMMON) -cdrom $(ISO) -display none -serial mon:stdio $(LOAD_PORT) || true

debug: $(KERNEL)
	@echo "QEMU waits for gdb on :1234; in another terminal: gdb -x boot/gdbinit"
	$(QEMU) $(QEMU_COMMON) -kernel $(KERNEL) -display none -serial mon:stdio -s -S || true

# --- proofs -----------------------------------------------------------------
include proofs/wp.mk
include proofs/report.mk

# What the kernel image is compiled from, for the trusted-base check.
kernel-sources:
	@echo $(CORE_SRCS) $(INIT_SRCS) $(ARCH_SRCS) $(ASM_SRCS) boot/linker.ld $(MODULE_TABLE) $(BUILD)/gen/admission.c
proved-modules:
	@echo $(PROVED_MODULES)
law-modules:
	@echo $(LAW_MODULES)

# --- hosted unit tests of the portable core ---------------------------------
HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -Ikernel/include -Ispec \
  -DSPINEL_HOSTED -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(sort $(wildcard tests/unit/test_*.c)))

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
# Packages signed with a throwaway key, made fresh with the test binary.
$(BUILD)/unit/test_package: tests/unit/test_package.c $(CORE_SRCS) tests/unit/check.h tests/unit/make_package_fixture.py \
    extensions/admit/lms.py extensions/admit/package.py
	@mkdir -p $(dir $@)
	$(PYTHON) tests/unit/make_package_fixture.py $(BUILD)/unit/package-fixture
	$(CC) $(HOST_CFLAGS) -Itests/unit tests/unit/test_package.c $(CORE_SRCS) -o $@
$(BUILD)/unit/test_domain: UNIT_EXTRA := -no-pie

unit: $(UNIT_TESTS)

# --- libFuzzer harnesses (clang), run for FUZZ_SECONDS each by make test ----
FUZZ_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror -Ikernel/include -Ispec \
  -DSPINEL_HOSTED -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZERS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 20

$(BUILD)/fuzz/%: tests/fuzz/%.c $(CORE_SRCS) tests/fuzz/seeds.py
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $< $(CORE_SRCS) -o $@
	$(PYTHON) tests/fuzz/seeds.py $@.seeds

$(BUILD)/fuzz/fuzz_domain: $(DOMAIN_OBJS)
$(BUILD)/fuzz/fuzz_package: $(EXT_PACKAGES)

fuzz: $(FUZZERS)

# --- host tools built from the portable core ---------------------------------
$(BUILD)/domain-dump: extensions/domain-dump.c $(CORE_SRCS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $< $(CORE_SRCS) -o $@

tools: $(BUILD)/domain-dump
TOOL_TESTS := $(sort $(wildcard tests/tools/test_*.py))
TOOL_TESTS += tests/report/test_report.py
# The admission tool: samples admitted, every file of the corpus refused.
ADMIT_TESTS := tests/admit/test_gate.py tests/admit/test_admit.py tests/admit/test_messages.py tests/proofs/test_false_lemma.py \
  tests/proofs/test_forged_cache.py

test: deps-test $(KERNEL) $(ISO) unit fuzz tools
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(PYTHON) tests/run.py $(UNIT_TESTS) $(TOOL_TESTS) $(ADMIT_TESTS) $(FUZZERS)

# Proofs replay the committed cache (proofs/cache), except a fresh random
# sample of modules that is re-proved live (proofs/sample.py), two modules
# at a time. Each phase's wall time goes to build/phases.txt.
check: deps-check
	@rm -f $(BUILD)/phases.txt
	@live="$$(python3 proofs/sample.py)" && \
	  bash ci/phase.sh prove $(MAKE) -j2 prove PROVE_LIVE="$$live"
	@bash ci/phase.sh build $(MAKE) $(KERNEL) $(ISO) unit fuzz tools
	$(MAKE) test

$(BUILD)/bench_domain_host: tests/bench_domain_host.c $(CORE_SRCS)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -Ikernel/include -Ispec -DSPINEL_HOSTED $< $(CORE_SRCS) -o $@

bench: deps-test $(KERNEL) $(BUILD)/bench_domain_host $(EXT_PACKAGES)
	$(PYTHON) tests/bench.py $(KERNEL)

# --- dependencies on a fresh Debian 12 machine ------------------------------
deps-run:
	@bash ci/deps.sh run
deps-test:
	@bash ci/deps.sh test
deps-check:
	@bash ci/deps.sh check

clean:
	rm -rf $(BUILD) .frama-c

.PHONY: kernel-sources proved-modules law-modules all exts iso run debug unit fuzz tools test check bench clean deps-run deps-test deps-check

-include $(KOBJS:.o=.d)
